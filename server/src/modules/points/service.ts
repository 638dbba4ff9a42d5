import { and, count, desc, eq, lt, sql, sum } from 'drizzle-orm';
import type { LeaderboardEntry, LedgerEntry, ListEnvelope, PointsSummary } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { pointsLedger, serviceRecords, wishes } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { confirmedCommunitiesOf } from '../reports/repository';

/** The balance is the ledger's sum, never a stored number. */
export async function pointsSummary(db: Db, memberId: number): Promise<PointsSummary> {
  const [balance] = await db.select({ n: sum(pointsLedger.points) }).from(pointsLedger).where(eq(pointsLedger.memberId, memberId));
  const [records] = await db
    .select({ minutes: sum(serviceRecords.minutes), n: count() })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.memberId, memberId), eq(serviceRecords.status, 'verified')));
  const [done] = await db.select({ n: count() }).from(wishes).where(and(eq(wishes.claimantId, memberId), eq(wishes.status, 'completed')));
  return {
    balance: Number(balance?.n ?? 0),
    verifiedMinutes: Number(records?.minutes ?? 0),
    verifiedRecords: records?.n ?? 0,
    completedWishes: done?.n ?? 0,
  };
}

/** Ledger rows, newest first: one member's, or a community's (for its staff). */
export async function ledger(db: Db, where: { memberId?: number; communityId?: number }, limit: number, cursor?: string): Promise<ListEnvelope<LedgerEntry>> {
  const before = parseCursor(cursor);
  const rows = await db
    .select()
    .from(pointsLedger)
    .where(
      and(
        where.memberId === undefined ? undefined : eq(pointsLedger.memberId, where.memberId),
        where.communityId === undefined ? undefined : eq(pointsLedger.communityId, where.communityId),
        before === null ? undefined : lt(pointsLedger.id, before),
      ),
    )
    .orderBy(desc(pointsLedger.id))
    .limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  return {
    items: items.map((r) => ({
      id: String(r.id),
      memberId: String(r.memberId),
      source: r.source,
      sourceId: r.sourceId === null ? null : String(r.sourceId),
      points: r.points,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor,
  };
}

/** Staff adjust a member's points in their community, within the bound, with a reason. */
export async function adjustPoints(db: Db, actorId: number, community: { id: number; path: string }, memberId: number, points: number, reason: string): Promise<LedgerEntry> {
  const communityId = community.id;
  if (!(await confirmedCommunitiesOf(db, memberId)).has(communityId)) throw notFound();
  return db.transaction(async (tx: Tx) => {
    const [row] = await tx.insert(pointsLedger).values({ memberId, communityId, source: 'adjustment', points, reason, createdBy: actorId }).returning();
    await recordAudit(tx, { actorId, action: 'points.adjust', entity: 'points_ledger', entityId: row!.id, details: { memberId, points, reason }, orgPath: community.path });
    await notify(tx, memberId, { kind: 'points.adjusted', title: '积分调整', body: `${points > 0 ? '+' : ''}${points} 分：${reason}`, entity: 'points', entityId: row!.id });
    return { id: String(row!.id), memberId: String(memberId), source: 'adjustment', sourceId: null, points, reason, createdAt: row!.createdAt.toISOString() };
  });
}

/** A community's leaderboard: verified hours, then completed wishes. Claims never count. */
export async function leaderboard(db: Db, communityId: number, limit = 50): Promise<LeaderboardEntry[]> {
  const rows = await rowsOf<{ id: string; name: string; minutes: number; wishes: number }>(
    db,
    sql`
    with hours as (
      select member_id, sum(minutes)::int as minutes from service_records
       where community_id = ${communityId} and status = 'verified' group by member_id
    ), done as (
      select claimant_id as member_id, count(*)::int as wishes from wishes
       where community_id = ${communityId} and status = 'completed' and claimant_id is not null group by claimant_id
    )
    select u.id, u.name, coalesce(h.minutes, 0) as minutes, coalesce(d.wishes, 0) as wishes
      from (select member_id from hours union select member_id from done) m
      join users u on u.id = m.member_id
      left join hours h on h.member_id = m.member_id
      left join done d on d.member_id = m.member_id
     order by minutes desc, wishes desc, u.id
     limit ${limit}`,
  );
  return rows.map((r, i) => ({
    rank: i + 1,
    memberId: String(r.id),
    memberName: r.name,
    verifiedMinutes: Number(r.minutes),
    completedWishes: Number(r.wishes),
  }));
}
