import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MyReport, OwnReport, Report, ReportEndReason, ReportState } from '@huijia/shared';
import type { Tx } from '../../db';
import { orgNodes, reports, units, users } from '../../db/schema';
import { parseCursor, page } from '../../http/cursor';
import { certificateOf } from './certificate';

const community = alias(orgNodes, 'community');

const reportColumns = {
  report: reports,
  memberName: users.name,
  unitName: units.name,
  communityName: community.name,
  communityPath: community.path,
};

export type ReportRow = {
  report: typeof reports.$inferSelect;
  memberName: string;
  unitName: string;
  communityName: string;
  communityPath: string;
};

function selectReports(tx: Tx) {
  return tx
    .select(reportColumns)
    .from(reports)
    .innerJoin(users, eq(users.id, reports.memberId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .innerJoin(community, eq(community.id, reports.communityId));
}

export async function findReport(tx: Tx, id: number): Promise<ReportRow | undefined> {
  const [row] = await selectReports(tx).where(eq(reports.id, id));
  return row;
}

export function toReport(row: ReportRow): Report {
  const r = row.report;
  return {
    id: String(r.id),
    memberId: String(r.memberId),
    memberName: row.memberName,
    unitId: String(r.unitId),
    unitName: row.unitName,
    communityId: String(r.communityId),
    communityName: row.communityName,
    basis: r.basis,
    status: r.status,
    certificateIssued: r.certificateCode !== null,
    rejectReason: r.rejectReason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    transferOf: r.transferOf === null ? null : String(r.transferOf),
    endedAt: r.endedAt?.toISOString() ?? null,
    endReason: r.endReason as ReportEndReason | null,
  };
}

/** A report as its member sees it: with the 报到证 while it can still be used. */
export async function toOwnReport(row: ReportRow): Promise<OwnReport> {
  const r = row.report;
  const usable = r.status === 'pending_offline' && r.certificateCode && r.certificateIssuedAt;
  return { ...toReport(row), certificate: usable ? await certificateOf(r.id, r.certificateCode!, r.certificateIssuedAt!) : null };
}

/** The SQL of `isLiveReport` (shared): confirmed, or pending and not a transfer. */
export const isLiveReportSql = (alias = 'reports') =>
  sql.raw(`(${alias}.status = 'confirmed' or (${alias}.status = 'pending_offline' and ${alias}.transfer_of is null))`);

/**
 * The member's live report, else their latest (a transfer that never came to be aside), and the
 * transfer they asked for while it is pending: the live report first, its pending transfer second.
 */
export async function findMyReport(tx: Tx, memberId: number): Promise<MyReport | null> {
  const rows = await selectReports(tx)
    .where(eq(reports.memberId, memberId))
    .orderBy(
      sql`case when ${isLiveReportSql()} then 0 when ${reports.status} = 'pending_offline' then 1
               when ${reports.transferOf} is not null and ${reports.status} <> 'confirmed' then 3 else 2 end`,
      desc(reports.id),
    )
    .limit(2);
  const [row, next] = rows;
  if (!row) return null;
  const transfer = next && next.report.status === 'pending_offline' && next.report.transferOf === row.report.id ? await toOwnReport(next) : null;
  return { ...(await toOwnReport(row)), transfer };
}

/** A community's reports, newest first, keyset by id. */
export async function listCommunityReports(tx: Tx, communityId: number, status: ReportState | undefined, limit: number, cursor?: string) {
  const before = parseCursor(cursor);
  const rows = await selectReports(tx)
    .where(
      and(
        eq(reports.communityId, communityId),
        status ? eq(reports.status, status) : undefined,
        before === null ? undefined : lt(reports.id, before),
      ),
    )
    .orderBy(desc(reports.id))
    .limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.report.id);
  return { items: items.map(toReport), nextCursor };
}

/**
 * Whether the member has a confirmed report in the community, holding it (`FOR SHARE`) to the end
 * of the caller's transaction. What they take on there by it (a post seat, a pairing, a grid place)
 * is then written either before a report ending locks the report — which then hands it back with
 * the report (ending.ts) — or after, and refused: never left behind by an ending it raced. It
 * stands beside the caller's `reportedIn` check, not instead of it: that one also asks for a roster
 * entry not departed (users/actor.ts), which a confirmed report alone does not prove.
 */
export async function holdConfirmedReport(tx: Tx, memberId: number, communityId: number): Promise<boolean> {
  const [held] = await tx
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.memberId, memberId), eq(reports.communityId, communityId), eq(reports.status, 'confirmed')))
    .for('share');
  return held !== undefined;
}

/** The communities where the member has a confirmed report: where they may claim and serve. */
export async function confirmedCommunitiesOf(tx: Tx, memberId: number): Promise<Set<number>> {
  const rows = await tx
    .select({ communityId: reports.communityId })
    .from(reports)
    .where(and(eq(reports.memberId, memberId), eq(reports.status, 'confirmed')));
  return new Set(rows.map((r) => r.communityId));
}
