import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, gte, max, min, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  chinaDayStart,
  chinaToday,
  SMS_CODE_MAX_TRIES,
  SMS_CODE_TTL_SECONDS,
  SMS_RESEND_SECONDS,
  type SmsBody,
  type SmsPurpose,
  type SmsSent,
} from '@huijia/shared';
import type { Tx } from '../../db';
import { smsCodes, users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { isProviderDailyLimit, maskPhone, SmsSendError } from './sender';

/** Codes one phone may be sent in a China day (any purpose). */
export const SMS_DAILY_LIMIT_PER_PHONE = 10;
/** Codes one client address may ask for in an hour, over all phones. */
export const SMS_HOURLY_LIMIT_PER_ADDRESS = 20;

const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * SECOND_MS;
const DAY_MS = 24 * HOUR_MS;

/** Midnight in China of `at`'s day there. */
const midnightOf = (at: Date) => chinaDayStart(chinaToday(at));
const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / SECOND_MS));

/** Six digits, each equally likely (the CSPRNG). */
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * What is kept of a code: an HMAC keyed by the server's secret over the phone, the purpose and the
 * code, so a copy of the table tells nothing (a million codes are no work to try against a bare hash).
 */
const hashCode = (secret: string, phone: string, purpose: SmsPurpose, code: string) =>
  createHmac('sha256', secret).update(`huijia:sms:${phone}:${purpose}:${code}`).digest('hex');

const tooMany = (code: 'SMS_TOO_SOON' | 'SMS_DAILY_LIMIT' | 'RATE_LIMITED', retryAfterSeconds: number) =>
  new AppError(429, code, undefined, { retryAfterSeconds });

/** Serialises the sends of one key (a phone, an address) across server processes, to the end of the transaction. */
const lock = (tx: Tx, key: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);

/**
 * The limits, counted from the codes themselves under the locks of the address and the phone: one
 * code per phone a minute, SMS_DAILY_LIMIT_PER_PHONE a China day, SMS_HOURLY_LIMIT_PER_ADDRESS an
 * hour from one address.
 */
async function checkLimits(tx: Tx, phone: string, address: string, now: Date): Promise<void> {
  const dayStart = midnightOf(now);
  // The latest may be from the day before, just before midnight.
  const since = new Date(Math.min(dayStart.getTime(), now.getTime() - SMS_RESEND_SECONDS * SECOND_MS));
  const [ofPhone] = await tx
    .select({
      today: sql<number>`count(*) filter (where ${smsCodes.createdAt} >= ${dayStart.toISOString()}::timestamptz)`.mapWith(Number),
      latest: max(smsCodes.createdAt),
    })
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), gte(smsCodes.createdAt, since)));
  const latest = ofPhone?.latest ? new Date(ofPhone.latest) : null;
  const resendAt = latest ? new Date(latest.getTime() + SMS_RESEND_SECONDS * SECOND_MS) : null;
  if (resendAt && resendAt > now) throw tooMany('SMS_TOO_SOON', secondsUntil(resendAt, now));
  if ((ofPhone?.today ?? 0) >= SMS_DAILY_LIMIT_PER_PHONE) throw tooMany('SMS_DAILY_LIMIT', secondsUntil(new Date(dayStart.getTime() + DAY_MS), now));

  const [ofAddress] = await tx
    .select({ lastHour: count(), oldest: min(smsCodes.createdAt) })
    .from(smsCodes)
    .where(and(eq(smsCodes.address, address), gt(smsCodes.createdAt, new Date(now.getTime() - HOUR_MS))));
  if ((ofAddress?.lastHour ?? 0) >= SMS_HOURLY_LIMIT_PER_ADDRESS) {
    throw tooMany('RATE_LIMITED', secondsUntil(new Date(new Date(ofAddress!.oldest!).getTime() + HOUR_MS), now));
  }
}

/**
 * Whether a code for `purpose` goes out to the phone. Sign-up: not to a phone whose account has a
 * password (409 PHONE_TAKEN; a WeChat account that bound the phone has none, and signing up gives it
 * one). Reset: only to an account that can sign in, and nobody learns which phones have one.
 */
async function deliversTo(tx: Tx, phone: string, purpose: SmsPurpose): Promise<boolean> {
  const [account] = await tx
    .select({ hasPassword: sql<boolean>`${users.passwordHash} is not null`, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.phone, phone));
  if (purpose === 'reset') return Boolean(account && !account.deactivatedAt);
  if (account && (account.hasPassword || account.deactivatedAt)) throw new AppError(409, 'PHONE_TAKEN');
  return true;
}

/**
 * `POST /api/auth/sms`: a new 6-digit code for the phone, in one transaction under the locks of the
 * address and the phone (in that order, always), so that concurrent asks cannot all pass the limits.
 * The code is sent inside the transaction: a provider's refusal leaves no row, and the person may ask
 * again at once. For a reset of a phone with no account the row is written all the same (so the
 * limits, and the answer, are the same as for a phone with one) and nothing is sent.
 */
export async function sendSmsCode(app: FastifyInstance, body: SmsBody, address: string): Promise<SmsSent> {
  const sender = app.sms;
  if (!sender) throw new AppError(503, 'SMS_NOT_CONFIGURED');
  const { phone, purpose } = body;
  const now = app.now();
  const code = newCode();
  await app.db.transaction(async (tx) => {
    const delivers = await deliversTo(tx, phone, purpose);
    await lock(tx, `huijia:sms-address:${address}`);
    await lock(tx, `huijia:sms-phone:${phone}`);
    await checkLimits(tx, phone, address, now);
    await tx.insert(smsCodes).values({
      phone,
      purpose,
      codeHash: hashCode(app.config.jwtSecret, phone, purpose, code),
      address,
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * SECOND_MS),
      createdAt: now,
    });
    if (!delivers) return;
    try {
      await sender.send(phone, code, purpose);
    } catch (err) {
      if (!(err instanceof SmsSendError)) throw err;
      app.log.warn({ provider: err.code, reason: err.message, to: maskPhone(phone) }, 'SMS provider refused a code');
      if (isProviderDailyLimit(err)) throw tooMany('SMS_DAILY_LIMIT', secondsUntil(new Date(midnightOf(now).getTime() + DAY_MS), now));
      throw new AppError(502, 'SMS_SEND_FAILED');
    }
  });
  return { expiresInSeconds: SMS_CODE_TTL_SECONDS, resendInSeconds: SMS_RESEND_SECONDS };
}

/**
 * Uses up the code sent to `phone` for `purpose`, in the caller's transaction; answers why it does
 * not prove the phone, or null when it does. Only the latest code counts (a new one replaces the
 * last), read under its row's lock so that concurrent tries take turns:
 * - none, or already used: SMS_CODE_INVALID;
 * - past its 5 minutes: SMS_CODE_EXPIRED;
 * - SMS_CODE_MAX_TRIES wrong tries already: SMS_TOO_MANY_TRIES;
 * - wrong: one more try counted, SMS_CODE_INVALID. The caller must commit that count although the
 *   request fails (`withProvenPhone` does), or guessing would cost nothing;
 * - right: marked used, by a conditional update, so that a code proves a phone once.
 */
export async function consumeSmsCode(tx: Tx, secret: string, phone: string, purpose: SmsPurpose, code: string, now: Date): Promise<AppError | null> {
  const [latest] = await tx
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose)))
    .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
    .limit(1)
    .for('update');
  if (!latest || latest.consumedAt) return new AppError(400, 'SMS_CODE_INVALID');
  if (latest.expiresAt <= now) return new AppError(400, 'SMS_CODE_EXPIRED');
  if (latest.tries >= SMS_CODE_MAX_TRIES) return new AppError(429, 'SMS_TOO_MANY_TRIES');
  const expected = Buffer.from(latest.codeHash, 'hex');
  const given = Buffer.from(hashCode(secret, phone, purpose, code), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    await tx
      .update(smsCodes)
      .set({ tries: sql`${smsCodes.tries} + 1` })
      .where(eq(smsCodes.id, latest.id));
    return new AppError(400, 'SMS_CODE_INVALID');
  }
  const [used] = await tx
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.id, latest.id), sql`${smsCodes.consumedAt} is null`))
    .returning({ id: smsCodes.id });
  return used ? null : new AppError(400, 'SMS_CODE_INVALID');
}

export interface PhoneProof {
  phone: string;
  purpose: SmsPurpose;
  code: string;
}

/**
 * Runs `work` in one transaction with the code that proves the phone: the code is used up only if
 * `work` succeeds (a sign-up refused for its community leaves the code good). A refused code throws
 * once its transaction has committed, so a wrong try stays counted.
 */
export async function withProvenPhone<T>(app: FastifyInstance, proof: PhoneProof, now: Date, work: (tx: Tx) => Promise<T>): Promise<T> {
  const outcome = await app.db.transaction(async (tx): Promise<{ refusal: AppError } | { done: T }> => {
    const refusal = await consumeSmsCode(tx, app.config.jwtSecret, proof.phone, proof.purpose, proof.code, now);
    if (refusal) return { refusal };
    return { done: await work(tx) };
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.done;
}
