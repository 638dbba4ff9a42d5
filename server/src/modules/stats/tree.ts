import { sql, type SQL } from 'drizzle-orm';
import type { Figures, StatsRow, StatsSubject } from '@huijia/shared';
import type { Db } from '../../db';
import type { OrgNodeRow } from '../orgs/repository';
import { figuresOf, type Counts } from './figures';

export interface Period {
  from: string;
  to: string;
}

type Row = Counts & { child_id: string | number | null; total: number };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const firstOfMonth = (month: string) => `${month}-01`;

/**
 * A node's figures and one row per child node, from the rollups: five grouped queries over the
 * communities of the subtree, run side by side. `grouping sets ((child), ())` gives the children
 * and the node's total (counted once, not summed: a member serving in two streets is one member).
 */
export async function treeFigures(db: Db, node: OrgNodeRow, period: Period): Promise<{ figures: Figures; children: StatsRow[]; trend: Map<string, number> }> {
  const from = firstOfMonth(period.from);
  const to = firstOfMonth(period.to);
  const communities = sql`
    select c.id as community_id, nullif(split_part(substr(c.path, ${node.path.length + 1}), '/', 1), '')::bigint as child_id
    from org_nodes c where c.kind = 'community' and c.path like ${`${node.path}%`}`;
  const grouped = (select: SQL, from_: SQL, where: SQL = sql`true`) =>
    db
      .execute(
        sql`with comms as (${communities})
            select child_id, grouping(child_id) as total, ${select}
            from ${from_} join comms using (community_id) where ${where}
            group by grouping sets ((child_id), ())`,
      )
      .then((r) => rowsOf<Row>(r));
  const inPeriod = sql`month between ${from}::date and ${to}::date`;
  const [activity, served, reporting, posts, trend, children] = await Promise.all([
    grouped(
      sql`sum(wishes_collected) as collected, sum(wishes_claimed) as claimed, sum(wishes_completed) as completed,
          sum(rating_sum) as rating_sum, sum(rating_count) as rating_count, sum(verified_minutes) as minutes, sum(points) as points`,
      sql`stats_community_month`,
      inPeriod,
    ),
    grouped(sql`count(distinct member_id) as served`, sql`stats_member_month`, sql`${inPeriod} and verified_minutes > 0`),
    grouped(sql`sum(expected) as expected, sum(reported) as reported`, sql`stats_reporting`),
    grouped(sql`count(*) as posts, sum(seats_taken) as seats`, sql`posts`, sql`status = 'open'`),
    db
      .execute(
        sql`with comms as (${communities})
            select to_char(month, 'YYYY-MM') as month, sum(verified_minutes) as minutes
            from stats_community_month join comms using (community_id) where ${inPeriod} group by month`,
      )
      .then((r) => rowsOf<{ month: string; minutes: string | number }>(r)),
    db
      .execute(sql`select id, name, kind from org_nodes where parent_id = ${node.id} and kind in ('district', 'street', 'community') order by id`)
      .then((r) => rowsOf<{ id: string | number; name: string; kind: StatsSubject['kind'] }>(r)),
  ]);
  const countsOf = (childId: string | null): Counts => {
    const pick = (rows: Row[]) =>
      rows.find((r) => (childId === null ? Number(r.total) === 1 : Number(r.total) === 0 && String(r.child_id) === childId)) ?? {};
    return { ...pick(activity), ...pick(served), ...pick(reporting), ...pick(posts) };
  };
  return {
    figures: figuresOf(countsOf(null)),
    children: children.map((c) => ({ id: String(c.id), name: c.name, kind: c.kind, figures: figuresOf(countsOf(String(c.id))) })),
    trend: new Map(trend.map((t) => [t.month, Number(t.minutes)])),
  };
}
