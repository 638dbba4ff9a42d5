import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { LIVE_REPORT_STATES } from '@huijia/shared';
import type { Tx } from '../../db';
import { orgNodes, reports, rosterEntries, units, users } from '../../db/schema';
import { arrayLiteral } from '../../db/statement';
import { recordAudits } from '../audit/audit';
import { notifyEach } from '../notifications/notify';
import { endReports, handedBackText, type EndedReport } from '../reports/ending';
import type { UnitRow } from '../units/service';

/** Why a replacing import marks a member departed: the unit's new roster no longer lists them. */
export const NOT_IN_NEW_ROSTER = '名册更新未列入';

/** A roster entry just marked departed. */
export interface DepartedEntry {
  id: number;
  phone: string;
}

/** Departures are followed up this many at a time: the statements' arrays stay small. */
const CHUNK = 1_000;

/**
 * Serialises the writers of one unit's roster (imports, departures): a replacing import departs
 * whoever its file does not list, which is only right if no other import lands in between. An
 * advisory lock, so that reports naming the unit (a foreign key to its row) are not held up.
 */
export async function lockRoster(tx: Tx, unitId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`huijia:roster:${unitId}`}, 0))`);
}

/**
 * What follows members' leaving a unit's roster (离开名册), for entries this transaction has just
 * marked departed: an audit row each; for each who has an account, the live report they made
 * through this unit ends with what they held in its community (reports/ending.ts), unless another
 * unit's roster still lists them (变更单位: they keep their report, which moves to that unit); and
 * a message telling them. The entry itself is kept, and so is their history: records, points,
 * seats and pairings that ended, the ended report. The service figures count verified records by
 * the month served, so a departure leaves past months as they were; the reporting figures are as
 * of now (who is on a roster today, and where they stand), so a departed member drops out of them
 * from this moment. Answers the communities whose wishes went back to published.
 */
export async function followDepartures(tx: Tx, actorId: number, unit: UnitRow, entries: readonly DepartedEntry[], reason: string, now: Date): Promise<number[]> {
  const wishCommunities = new Set<number>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    for (const c of await followChunk(tx, actorId, unit, chunk, reason, now)) wishCommunities.add(c);
  }
  return [...wishCommunities];
}

async function followChunk(tx: Tx, actorId: number, unit: UnitRow, entries: readonly DepartedEntry[], reason: string, now: Date): Promise<number[]> {
  await recordAudits(
    tx,
    entries.map((e) => ({ actorId, action: 'roster.depart', entity: 'roster_entry', entityId: e.id, to: 'departed', details: { unitId: unit.id, reason }, orgPath: unit.orgPath })),
  );
  const phones = arrayLiteral(entries.map((e) => e.phone));
  const accounts = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(sql`${users.phone} = any(${phones}::text[])`);
  if (accounts.length === 0) return [];
  const accountIds = accounts.map((a) => a.id);

  const live = await tx
    .select({ id: reports.id, memberId: reports.memberId, communityPath: orgNodes.path })
    .from(reports)
    .innerJoin(orgNodes, eq(orgNodes.id, reports.communityId))
    .where(and(inArray(reports.memberId, accountIds), eq(reports.unitId, unit.id), inArray(reports.status, [...LIVE_REPORT_STATES])));
  // Another unit's roster that still lists them, the first by roster order.
  const elsewhere = new Map<string, { unitId: number; unitName: string }>();
  const others = await tx
    .select({ phone: rosterEntries.phone, unitId: units.id, unitName: units.name })
    .from(rosterEntries)
    .innerJoin(units, eq(units.id, rosterEntries.unitId))
    .where(and(sql`${rosterEntries.phone} = any(${phones}::text[])`, ne(rosterEntries.unitId, unit.id), isNull(rosterEntries.departedAt)))
    .orderBy(asc(rosterEntries.id));
  for (const o of others) if (!elsewhere.has(o.phone)) elsewhere.set(o.phone, { unitId: o.unitId, unitName: o.unitName });

  const phoneOf = new Map(accounts.map((a) => [a.id, a.phone!]));
  const keeping = live.filter((r) => elsewhere.has(phoneOf.get(r.memberId)!));
  const moved = new Map<number, string>();
  for (const r of keeping) {
    const to = elsewhere.get(phoneOf.get(r.memberId)!)!;
    await tx.update(reports).set({ unitId: to.unitId }).where(eq(reports.id, r.id));
    moved.set(r.memberId, to.unitName);
  }
  await recordAudits(
    tx,
    keeping.map((r) => ({
      actorId,
      action: 'report.change_unit',
      entity: 'report',
      entityId: r.id,
      details: { fromUnitId: unit.id, toUnitId: elsewhere.get(phoneOf.get(r.memberId)!)!.unitId },
      orgPath: r.communityPath,
    })),
  );
  const ending = live.filter((r) => !moved.has(r.memberId)).map((r) => r.id);
  const { byMember, wishCommunities } = await endReports(tx, ending, 'departed', actorId, now);

  const entryOf = new Map(entries.map((e) => [e.phone, e.id]));
  await notifyEach(
    tx,
    accounts.map((a) => ({
      userId: a.id,
      kind: 'roster.departed',
      title: '您已离开党员名册',
      body: departureMessage(unit.name, reason, byMember.get(a.id), moved.get(a.id)),
      entity: 'roster_entry',
      entityId: entryOf.get(a.phone!)!,
    })),
  );
  return wishCommunities;
}

/** What a departed member reads: why, and what became of their report. */
function departureMessage(unitName: string, reason: string, ended: EndedReport | undefined, keptWith: string | undefined): string {
  let text = `${unitName}已将您移出党员名册：${reason}。`;
  if (ended) text += `您在${ended.communityName}的报到已结束${handedBackText(ended, '。')}`;
  if (keptWith) text += `您仍在${keptWith}的名册中，报到继续有效。`;
  return text;
}
