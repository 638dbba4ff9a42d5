import { and, eq, lt, sql } from 'drizzle-orm';
import { chinaToday } from '@huijia/shared';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { agreements, orgNodes, units } from '../../db/schema';
import { rowsOf, tryJobLock } from '../../db/raw';
import { scheduleJob } from '../../jobs';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { holdersOf, staffOf } from '../users/grants';
import { agreementMessages } from './messages';
import { lockUnit, syncPair } from './pairs';

const SWEEP_BATCH = 200;
const SWEEP_EVERY_MS = 60_000;

/**
 * The turn of terms (China's date): active agreements whose term has passed end (by the clock: no
 * one, no reason; both sides told) and their pairs go unless another agreement holds them; pairs of
 * agreements whose term has begun are made. One process sweeps (the advisory lock). Answers how many
 * agreements ended and pairs were made.
 */
export async function sweepAgreementTerms(db: Db, now: Date): Promise<{ ended: number; paired: number }> {
  const today = chinaToday(now);
  return db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, 'huijia:agreement-terms'))) return { ended: 0, paired: 0 };
    const over = await tx
      .select({ id: agreements.id, unitId: agreements.unitId, communityId: agreements.communityId, unitName: units.name, communityName: orgNodes.name, path: orgNodes.path })
      .from(agreements)
      .innerJoin(units, eq(units.id, agreements.unitId))
      .innerJoin(orgNodes, eq(orgNodes.id, agreements.communityId))
      .where(and(eq(agreements.status, 'active'), lt(agreements.endsOn, today)))
      .limit(SWEEP_BATCH);
    for (const a of over) {
      await lockUnit(tx, a.unitId);
      const [changed] = await tx
        .update(agreements)
        .set({ status: 'ended', endedAt: now, endedBy: null, reason: null })
        .where(and(eq(agreements.id, a.id), eq(agreements.status, 'active')))
        .returning({ id: agreements.id });
      if (!changed) continue;
      await syncPair(tx, a.unitId, a.communityId, today);
      await recordAudit(tx, { actorId: null, action: 'agreement.expire', entity: 'agreement', entityId: a.id, from: 'active', to: 'ended', details: {}, orgPath: a.path });
      const people = [...(await staffOf(tx, a.communityId)), ...(await holdersOf(tx, 'unit_admin', { unitId: a.unitId }))];
      await notify(tx, people, { ...agreementMessages.ended(a.unitName, a.communityName, null), entity: 'agreement', entityId: a.id });
    }
    // Terms begun since the last sweep (an agreement accepted ahead of its start).
    const begun = await rowsOf<{ unitId: string | number; communityId: string | number }>(
      tx,
      sql`select distinct a.unit_id as "unitId", a.community_id as "communityId" from agreements a
          where a.status = 'active' and a.starts_on <= ${today} and a.ends_on >= ${today}
            and not exists (select 1 from unit_communities p where p.unit_id = a.unit_id and p.community_id = a.community_id)
          limit ${SWEEP_BATCH}`,
    );
    for (const p of begun) {
      await lockUnit(tx, Number(p.unitId));
      await syncPair(tx, Number(p.unitId), Number(p.communityId), today);
    }
    return { ended: over.length, paired: begun.length };
  });
}

/** Runs the sweep every minute while the app is up: a term turns at midnight, China's time. */
export function scheduleAgreementSweep(app: FastifyInstance): void {
  scheduleJob(app, 'agreement sweep', SWEEP_EVERY_MS, () => sweepAgreementTerms(app.db, app.now()));
}
