import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { tryJobLock } from '../../db/raw';
import { scheduleJob } from '../../jobs';
import { wishes } from '../../db/schema';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { staffOf } from '../users/grants';
import { findWish } from './repository';
import { releaseClaim } from './service';

const SWEEP_BATCH = 200;
const SWEEP_EVERY_MS = 60_000;

/**
 * Releases claims past their deadline (not contacted in time, or not fulfilled in time) and tells
 * the member and the community's staff. With several server processes on one PostgreSQL, the
 * transaction-scoped advisory lock lets one of them sweep; the others skip this round.
 * Answers how many claims it released.
 */
export async function sweepOverdueClaims(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, 'huijia:wish-deadlines'))) return 0;
    const overdue = await tx
      .select({ id: wishes.id })
      .from(wishes)
      .where(
        and(
          eq(wishes.status, 'claimed'),
          or(lt(wishes.fulfilDueAt, now), and(isNull(wishes.contactedAt), lt(wishes.contactDueAt, now))),
        ),
      )
      .limit(SWEEP_BATCH);
    for (const { id } of overdue) {
      const wish = (await findWish(tx, id))!;
      const reason = wish.contactedAt === null && wish.contactDueAt! < now ? 'contact_overdue' : 'fulfil_overdue';
      await tx
        .update(wishes)
        .set({ status: 'published', claimantId: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null, updatedAt: now })
        .where(and(eq(wishes.id, id), eq(wishes.status, 'claimed')));
      await releaseClaim(tx, wish, now, reason);
      await recordAudit(tx, { actorId: null, action: 'wish.release', entity: 'wish', entityId: id, from: 'claimed', to: 'published', details: { reason, claimantId: wish.claimantId }, orgPath: wish.communityPath });
      const what = reason === 'contact_overdue' ? '未在期限内联系居民' : '未在期限内完成';
      await notify(tx, wish.claimantId!, { kind: 'wish.overdue', title: '认领已超期释放', body: `「${wish.title}」${what}，已重新发布`, entity: 'wish', entityId: id });
      await notify(tx, await staffOf(tx, wish.communityId), {
        kind: 'wish.overdue',
        title: '心愿认领超期',
        body: `「${wish.title}」的认领人${wish.claimantName ?? ''}${what}，已自动释放`,
        entity: 'wish',
        entityId: id,
      });
    }
    return overdue.length;
  });
}

/** Runs the sweep every minute while the app is up. */
export function scheduleDeadlineSweep(app: FastifyInstance): void {
  scheduleJob(app, 'deadline sweep', SWEEP_EVERY_MS, () => sweepOverdueClaims(app.db, app.now()));
}
