import { sql, type SQL } from 'drizzle-orm';
import { monthsBetween, type Figures, type StatsOverview, type StatsRow, type StatsSubject } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import type { OrgNodeRow } from '../orgs/repository';
import { countOf, figuresOf, type Count, type Counts } from './figures';
import { unplacedUnits } from './reporting';

export interface Period {
  from: string;
  to: string;
}

type Row = Counts & { child_id: string | number | null; total: number };

/** The figures of a node or a unit, one row per child, the trend, and who is expected nowhere. */
export interface SubjectFigures {
  figures: Figures;
  children: StatsRow[];
  trend: Map<string, number>;
  unplaced: StatsOverview['unplaced'];
}

/** The child of `node` that a path under it is in (the path's next segment), null for the node itself. */
export const childOf = (node: OrgNodeRow, path: SQL) => sql`nullif(split_part(substr(${path}, ${node.path.length + 1}), '/', 1), '')::bigint`;

/** The communities of a node's subtree (`community_id`), each with the child of the node it is in (`child_id`). */
export const communitiesUnder = (node: OrgNodeRow) => sql`
    select c.id as community_id, ${childOf(node, sql`c.path`)} as child_id
    from org_nodes c where c.kind = 'community' and c.path like ${`${node.path}%`}`;

/** A child a node's figures have a row for. */
export interface ChildNode {
  id: string | number;
  name: string;
  kind: StatsSubject['kind'];
}

/** The children a node's figures have a row each for: its districts, streets or communities. */
export const childNodes = (db: Db, node: OrgNodeRow) =>
  rowsOf<ChildNode>(db, sql`select id, name, kind from org_nodes where parent_id = ${node.id} and kind in ('district', 'street', 'community') order by id`);

/** A row of counts grouped by `grouping sets ((child_id), ())`: `total` is `grouping(child_id)`, 1 for the node's own. */
export interface ChildGrouped {
  child_id: string | number | null;
  total: Count;
}

/**
 * A node's figures and a row per child from counts grouped by child and in all (`ChildGrouped`);
 * a child with nothing counted has the figures of nothing.
 */
export function figuresByChild<R extends ChildGrouped, F>(rows: R[], children: ChildNode[], figuresOf: (counts: Partial<R>) => F) {
  const total = rows.find((r) => countOf(r.total) === 1) ?? {};
  const ofChild = (id: string) => rows.find((r) => countOf(r.total) === 0 && String(r.child_id) === id) ?? {};
  return {
    figures: figuresOf(total),
    children: children.map((c) => ({ id: String(c.id), name: c.name, kind: c.kind, figures: figuresOf(ofChild(String(c.id))) })),
  };
}

/** `(year = 2025 and months & 3072 <> 0) or …`: the months of the period, as bitmasks per year. */
function servedIn(period: Period): SQL {
  const masks = new Map<number, number>();
  for (const month of monthsBetween(period.from, period.to)) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    masks.set(y, (masks.get(y) ?? 0) | (1 << (m - 1)));
  }
  return sql.join(
    [...masks].map(([year, mask]) => sql`(year = ${year} and months & ${mask} <> 0)`),
    sql` or `,
  );
}

/**
 * A node's figures and one row per child node. The rollups carry their community's path, so the
 * subtree is one index range and the child is the path's next segment; `grouping sets` answer the
 * children and the node's total together (the total counted, not summed: a member serving in two
 * streets is one member). Reporting and posts are joined to the subtree's communities: every
 * member on the rolls is expected at exactly one community (`stats_reporting`), so the node's
 * expected members are its children's sum, and those expected nowhere are named by unit (`unplaced`).
 */
export async function treeFigures(db: Db, node: OrgNodeRow, period: Period): Promise<SubjectFigures> {
  const subtree = `${node.path}%`;
  const byCommunity = (select: SQL, from: SQL, where: SQL) =>
    rowsOf<Row>(db, sql`with comms as (${communitiesUnder(node)})
            select child_id, grouping(child_id) as total, ${select}
            from ${from} join comms using (community_id) where ${where}
            group by grouping sets ((child_id), ())`);
  const [activity, served, reporting, posts, children, unplaced] = await Promise.all([
    rowsOf<Row & { month: string | null; g: number }>(db, sql`select child_id, to_char(month, 'YYYY-MM') as month, grouping(child_id, month) as g,
                   sum(wishes_collected) as collected, sum(wishes_claimed) as claimed, sum(wishes_completed) as completed,
                   sum(rating_sum) as rating_sum, sum(rating_count) as rating_count, sum(verified_minutes) as minutes, sum(points) as points
            from (select ${childOf(node, sql`community_path`)} as child_id, m.* from stats_community_month m
                  where community_path like ${subtree} and month between ${`${period.from}-01`}::date and ${`${period.to}-01`}::date) m
            group by grouping sets ((child_id), (), (month))`),
    rowsOf<Row>(db, sql`with served as materialized (
              select distinct ${childOf(node, sql`community_path`)} as child_id, member_id from stats_member_year
              where community_path like ${subtree} and (${servedIn(period)}))
            select child_id, 0 as total, count(*) as served from served group by child_id
            union all select null, 1, count(distinct member_id) from served`),
    byCommunity(sql`sum(expected) as expected, sum(expected_without_account) as without_account, sum(reported) as reported`, sql`stats_reporting`, sql`true`),
    byCommunity(sql`count(*) as posts, sum(seats_taken) as seats`, sql`posts`, sql`status = 'open'`),
    childNodes(db, node),
    unplacedUnits(db, { orgPath: node.path }),
  ]);
  // grouping(child, month): 1 = a child's row, 3 = the node's total, 2 = a month's row.
  const childRows = activity.filter((r) => Number(r.g) === 1).map((r) => ({ ...r, total: 0 }));
  const totalRows = activity.filter((r) => Number(r.g) === 3).map((r) => ({ ...r, total: 1 }));
  const countsOf = (childId: string | null): Counts => {
    const pick = (rows: Row[]) =>
      rows.find((r) => (childId === null ? Number(r.total) === 1 : Number(r.total) === 0 && String(r.child_id) === childId)) ?? {};
    return { ...pick([...childRows, ...totalRows]), ...pick(served), ...pick(reporting), ...pick(posts) };
  };
  return {
    figures: figuresOf(countsOf(null)),
    children: children.map((c) => ({ id: String(c.id), name: c.name, kind: c.kind, figures: figuresOf(countsOf(String(c.id))) })),
    trend: new Map(activity.filter((r) => Number(r.g) === 2).map((t) => [t.month!, Number(t.minutes)])),
    unplaced,
  };
}
