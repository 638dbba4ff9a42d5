import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { users, wechatOutbox } from '../../db/schema';
import { AppError } from '../../http/errors';
import { scheduleJob } from '../../jobs';

/**
 * The sender of subscribe messages (订阅消息): delivers the outbox notify() writes through WeChat's
 * `subscribe/send`.
 *
 * A round claims due rows in one statement (SELECT … FOR UPDATE SKIP LOCKED inside an UPDATE that
 * counts the attempt and pushes `next_attempt_at` a lease ahead) which commits before WeChat is
 * called; then it records each outcome, only if the row is still the one it claimed (same attempt,
 * still pending). A row is therefore in one sender's hands at a time, whatever the number of
 * processes: another sender neither sees it locked (SKIP LOCKED) nor due (the lease) until the
 * lease ends.
 *
 * The limit (at least once, not exactly once): a sender that dies, or loses the database, after
 * WeChat accepted a message and before it wrote `sent` leaves the row pending until the lease ends,
 * and the message is sent again; so is one WeChat delivered but answered after the 5 s timeout
 * (tried again after the backoff). The lease is long (LEASE_MS) against what a round can take, so a
 * live sender never has a row taken from it, and the window is only the milliseconds between
 * WeChat's answer and the write.
 */

const SEND_PATH = '/cgi-bin/message/subscribe/send';
/** How long a claimed row is the claimer's: far beyond a round, whose worst is BATCH / SENDERS = 5
 *  messages in a row, each at most two token fetches and two sends of 5 s (under 2 minutes). */
export const LEASE_MS = 10 * 60_000;
/** Retries wait 30 s, 1, 2, 4, 8 minutes; the sixth failure is final. */
export const BACKOFF_MS = 30_000;
export const MAX_ATTEMPTS = 6;
const BATCH = 20;
/** WeChat calls in flight at once in one process. */
const SENDERS = 4;
const EVERY_MS = 10_000;

/** 43101: the user refused, withdrew, or has no accepts left for the template. Final, not an error. */
const REFUSED = 43101;
/** The message itself is wrong (openid, template id, a field's value, the page): sending it again
 *  gives the same answer. Final, and logged: the mapping needs fixing. */
const WRONG = new Set([40003, 40037, 47003, 41030]);

export interface DeliveryRound {
  claimed: number;
  sent: number;
  refused: number;
  failed: number;
  /** Back to pending, to be tried again after a while. */
  retried: number;
}

type Claimed = { id: number; userId: number; event: string; templateId: string; page: string | null; data: unknown; attempts: number };
type Outcome = { status: 'sent' } | { status: 'refused' | 'failed' | 'retry'; error: string };

/**
 * One round: claims up to `limit` due messages and delivers them. The clock is the app's (tests
 * move it). Answers what became of them.
 */
export async function deliverDue(app: FastifyInstance, limit = BATCH): Promise<DeliveryRound> {
  const now = app.now();
  await giveUpAbandoned(app.db, now);
  const claimed = await claimDue(app.db, now, limit);
  const round: DeliveryRound = { claimed: claimed.length, sent: 0, refused: 0, failed: 0, retried: 0 };
  if (claimed.length === 0) return round;
  const openIds = new Map(
    (await app.db.select({ id: users.id, openId: users.wechatOpenId }).from(users).where(inArray(users.id, [...new Set(claimed.map((c) => c.userId))]))).map(
      (u) => [u.id, u.openId],
    ),
  );
  const queue = [...claimed];
  const sender = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const outcome = await send(app, row, openIds.get(row.userId) ?? null);
      const status = await record(app.db, row, outcome, app.now());
      round[status] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENDERS, claimed.length) }, sender));
  return round;
}

/** Claims due rows: counts the attempt and leases them, committed before anything is sent. */
async function claimDue(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const due = db
    .select({ id: wechatOutbox.id })
    .from(wechatOutbox)
    .where(and(eq(wechatOutbox.status, 'pending'), lte(wechatOutbox.nextAttemptAt, now), sql`${wechatOutbox.attempts} < ${MAX_ATTEMPTS}`))
    .orderBy(asc(wechatOutbox.nextAttemptAt), asc(wechatOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(wechatOutbox)
    .set({ attempts: sql`${wechatOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(wechatOutbox.id, due))
    .returning({
      id: wechatOutbox.id,
      userId: wechatOutbox.userId,
      event: wechatOutbox.event,
      templateId: wechatOutbox.templateId,
      page: wechatOutbox.page,
      data: wechatOutbox.data,
      attempts: wechatOutbox.attempts,
    });
}

/** Rows whose last attempt's lease ended with no outcome written (the sender died): failed. */
async function giveUpAbandoned(db: Db, now: Date): Promise<void> {
  await db
    .update(wechatOutbox)
    .set({ status: 'failed', lastError: 'no outcome recorded for the last attempt' })
    .where(and(eq(wechatOutbox.status, 'pending'), lte(wechatOutbox.nextAttemptAt, now), gte(wechatOutbox.attempts, MAX_ATTEMPTS)));
}

/** One message to WeChat, and what its answer means. */
async function send(app: FastifyInstance, row: Claimed, openId: string | null): Promise<Outcome> {
  // The account has no openid any more (bound to a phone another account had, the openid moved
  // there): nobody to send to.
  if (!openId) return { status: 'failed', error: 'the account has no openid' };
  let answer: { errcode?: number; errmsg?: string };
  try {
    answer = await app.wechatTokens.call(SEND_PATH, {
      touser: openId,
      template_id: row.templateId,
      ...(row.page ? { page: row.page } : {}),
      data: row.data,
      miniprogram_state: app.config.wechat.miniprogramState,
      lang: 'zh_CN',
    });
  } catch (err) {
    // WeChat unreachable or busy, or no token to be had: another time.
    return { status: 'retry', error: err instanceof AppError ? `${err.code} ${JSON.stringify(err.details ?? null)}` : String(err) };
  }
  if (!answer.errcode) return { status: 'sent' };
  const error = `${answer.errcode} ${answer.errmsg ?? ''}`.trim();
  if (answer.errcode === REFUSED) return { status: 'refused', error };
  if (WRONG.has(answer.errcode)) {
    app.log.warn({ outboxId: row.id, event: row.event, templateId: row.templateId, errcode: answer.errcode, errmsg: answer.errmsg }, 'WeChat refused a subscribe message as malformed');
    return { status: 'failed', error };
  }
  // -1 (system busy), quotas, a token refused twice: another time.
  return { status: 'retry', error };
}

/** Writes the outcome if the row is still this attempt's; answers how the round counts it. */
async function record(db: Db, row: Claimed, outcome: Outcome, now: Date): Promise<Exclude<keyof DeliveryRound, 'claimed'>> {
  const counted = outcome.status === 'retry' ? (row.attempts >= MAX_ATTEMPTS ? 'failed' : 'retried') : outcome.status;
  const set =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sentAt: now, lastError: null }
      : counted === 'retried'
        ? { lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + BACKOFF_MS * 2 ** (row.attempts - 1)) }
        : { status: counted as 'refused' | 'failed', lastError: outcome.error };
  await db
    .update(wechatOutbox)
    .set(set)
    .where(and(eq(wechatOutbox.id, row.id), eq(wechatOutbox.status, 'pending'), eq(wechatOutbox.attempts, row.attempts)));
  return counted;
}

/**
 * Delivers every 10 seconds while the app is up, when templates are configured: a round, and more
 * while rounds come back full. Several processes may run it at once (SKIP LOCKED shares the rows
 * out); by default only the first worker does (main.ts).
 */
export function scheduleOutboxDelivery(app: FastifyInstance): void {
  if (Object.keys(app.config.wechat.templates).length === 0) return;
  scheduleJob(app, 'subscribe message delivery', EVERY_MS, async () => {
    for (let round = 0; round < 10; round++) {
      if ((await deliverDue(app)).claimed < BATCH) return;
    }
  });
}
