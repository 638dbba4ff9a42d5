import { sql, type SQL } from 'drizzle-orm';
import { reportingRate, type ReportingFigures } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import type { OrgNodeRow } from '../orgs/repository';
import { isLiveReportSql } from '../reports/repository';

type Counts = { roster: number; confirmed: number; pending: number };

const figuresOf = ({ roster, confirmed, pending }: Counts): ReportingFigures => ({
  roster: Number(roster),
  confirmed: Number(confirmed),
  pending: Number(pending),
  reportingRate: reportingRate(Number(confirmed), Number(roster)),
});

/**
 * Several units' reporting at once (a page of the units list): every member on each roster who has
 * not departed, with an account or not, and where their live report stands, whichever unit they
 * reported through (a member who changed unit keeps their report). A person on two rosters counts
 * in each unit; the tree's figures count them once.
 */
export async function unitsFigures(tx: Tx, unitIds: readonly number[]): Promise<Map<number, ReportingFigures>> {
  const rows = unitIds.length
    ? await rowsOf<Counts & { unit_id: string | number }>(
        tx,
        // Each member's live report looked up by index (phone, then member), once: a join would
        // have the planner hash every account of the city for a page of units.
        sql`with m as materialized (
              select e.unit_id,
                     (select r.status from users u join reports r on r.member_id = u.id and ${isLiveReportSql('r')}
                       where u.phone = e.phone) as status
                from roster_entries e
               where e.unit_id in ${unitIds} and e.departed_at is null
            )
            select unit_id,
                   count(*)::int as roster,
                   count(*) filter (where status = 'confirmed')::int as confirmed,
                   count(*) filter (where status = 'pending_offline')::int as pending
              from m group by unit_id`,
      )
    : [];
  const byUnit = new Map(rows.map((r) => [Number(r.unit_id), figuresOf(r)]));
  return new Map(unitIds.map((id) => [id, byUnit.get(id) ?? figuresOf({ roster: 0, confirmed: 0, pending: 0 })]));
}

/** A unit's reporting (信息比对 at a glance): its roster, as `unitsFigures` counts it. */
export async function unitFigures(tx: Tx, unitId: number): Promise<ReportingFigures> {
  return (await unitsFigures(tx, [unitId])).get(unitId)!;
}

/**
 * The members expected at some communities, read through `expected_members_at` (migrations/0019):
 * the definition of who is expected where, narrowed to those communities by index before it is
 * applied. The ids go as one array parameter, which lets the planner inline the function.
 */
const expectedAt = (communityIds: readonly number[]) => sql`expected_members_at(${`{${communityIds.join(',')}}`}::bigint[])`;

/**
 * A community's reporting: the members expected there (their live report is there, else they live
 * there, else their unit pairs with it first), with an account or not, as the figures' view
 * `stats_reporting` counts them for every community at once, but live.
 */
export async function communityFigures(tx: Tx, communityId: number): Promise<ReportingFigures> {
  const [row] = await rowsOf<Counts>(
    tx,
    sql`select count(*)::int as roster,
               count(*) filter (where report_status = 'confirmed')::int as confirmed,
               count(*) filter (where report_status = 'pending_offline')::int as pending
          from ${expectedAt([communityId])}`,
  );
  return figuresOf(row!);
}

/**
 * The roster entries that stand for the members a node's communities expect, in id order. A
 * community or a street reads only the candidates of its communities (by index); a district or a
 * city holds a good part of the rolls, so it places everyone once (one pass, as the figures'
 * refresh does) and keeps its own.
 */
export async function expectedEntriesUnder(tx: Tx, node: OrgNodeRow): Promise<number[]> {
  let query: SQL;
  if (node.kind === 'community' || node.kind === 'street') {
    const communities =
      node.kind === 'community'
        ? [node.id]
        : (await rowsOf<{ id: string | number }>(tx, sql`select id from org_nodes where kind = 'community' and path like ${`${node.path}%`}`)).map((c) => Number(c.id));
    query = sql`select entry_id from ${expectedAt(communities)} order by entry_id`;
  } else {
    query = sql`select m.entry_id from expected_members m join org_nodes c on c.id = m.community_id
                 where c.kind = 'community' and c.path like ${`${node.path}%`} order by m.entry_id`;
  }
  return (await rowsOf<{ entry_id: string | number }>(tx, query)).map((r) => Number(r.entry_id));
}
