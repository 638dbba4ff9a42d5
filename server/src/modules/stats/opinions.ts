import { sql } from 'drizzle-orm';
import {
  OPINION_LEVELS,
  SATISFACTIONS,
  countsAsSatisfied,
  daysOf,
  resolutionRate,
  satisfactionRate,
  type OpinionFigures,
  type OpinionLevel,
  type OpinionStats,
} from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import type { OrgNodeRow } from '../orgs/repository';
import { countOf, type Count } from './figures';
import { inPeriod } from './period';
import { childNodes, communitiesUnder, figuresByChild, type ChildGrouped, type Period } from './tree';

/** Workers named in the 社情民意搜集本 of a node, most first; the 民情台账 names every one. */
export const COLLECTORS_SHOWN = 100;

type Row = ChildGrouped & { median_seconds: Count } & Record<
  'raised' | 'resolved' | 'closed' | 'rated' | 'satisfied' | 'overdue' | 'collected' | `at_${OpinionLevel}`,
  Count
>;

const n = countOf;

function figuresOf(r: Partial<Row>): OpinionFigures {
  const resolved = n(r.resolved);
  const rated = n(r.rated);
  const satisfied = n(r.satisfied);
  return {
    raised: n(r.raised),
    resolved,
    closed: n(r.closed),
    resolutionRate: resolutionRate(resolved, n(r.raised)),
    rated,
    satisfied,
    satisfactionRate: satisfactionRate(satisfied, rated),
    resolvedAtLevel: Object.fromEntries(OPINION_LEVELS.map((level) => [level, n(r[`at_${level}`])])) as OpinionFigures['resolvedAtLevel'],
    medianDaysToResolve: r.median_seconds === null || r.median_seconds === undefined ? null : daysOf(Number(r.median_seconds)),
    overdue: n(r.overdue),
    collected: n(r.collected),
  };
}

/**
 * 民情 figures of a node's subtree and of each of its children, over the opinions raised in the
 * period: how many are resolved and closed now, the rating of the resolved ones, the level that
 * resolved them, the median time to resolve, and how many workers logged (社情民意搜集本). Overdue
 * is as of `now` (the app's clock): every opinion open now past its level's deadline, whenever it
 * was raised, as the holders' queues show them. One pass over the subtree's opinions, the children
 * and the total together (`grouping sets`); the collectors in a second.
 */
export async function opinionFigures(db: Db, node: OrgNodeRow, period: Period, now: Date): Promise<Pick<OpinionStats, 'figures' | 'children' | 'collectors'>> {
  const raisedInPeriod = inPeriod(sql`o.created_at`, period);
  const overdue = sql`o.status = 'open' and o.due_at < ${now.toISOString()}::timestamptz`;
  // The rule of shared's `countsAsSatisfied`, as the list of ratings it counts.
  const satisfied = sql.join(
    SATISFACTIONS.filter(countsAsSatisfied).map((s) => sql`${s}`),
    sql`, `,
  );
  const atLevel = sql.join(
    OPINION_LEVELS.map((level) => sql`count(*) filter (where in_period and status = 'resolved' and level = ${level}) as ${sql.identifier(`at_${level}`)}`),
    sql`, `,
  );
  const [rows, collectors, children] = await Promise.all([
    rowsOf<Row>(
      db,
      sql`with comms as (${communitiesUnder(node)}),
              o as (select comms.child_id, o.status, o.level, o.source, o.satisfaction, o.created_at, o.resolved_at,
                           (${raisedInPeriod}) as in_period, (${overdue}) as overdue
                      from opinions o join comms using (community_id)
                     where (${raisedInPeriod}) or (${overdue}))
         select child_id, grouping(child_id) as total,
                count(*) filter (where in_period) as raised,
                count(*) filter (where in_period and status = 'resolved') as resolved,
                count(*) filter (where in_period and status = 'closed') as closed,
                count(*) filter (where in_period and status = 'resolved' and satisfaction is not null) as rated,
                count(*) filter (where in_period and status = 'resolved' and satisfaction in (${satisfied})) as satisfied,
                ${atLevel},
                percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at))
                  filter (where in_period and status = 'resolved') as median_seconds,
                count(*) filter (where overdue) as overdue,
                -- Logged by a worker, from a conversation or the 意见箱.
                count(*) filter (where in_period and source <> 'self') as collected
           from o group by grouping sets ((child_id), ())`,
    ),
    rowsOf<{ id: string | number; name: string; collected: Count }>(
      db,
      sql`with comms as (${communitiesUnder(node)})
         select o.reporter_id as id, u.name, count(*) as collected
           from opinions o join comms using (community_id) join users u on u.id = o.reporter_id
          where o.source <> 'self' and ${raisedInPeriod}
          group by o.reporter_id, u.name
          order by collected desc, o.reporter_id
          limit ${COLLECTORS_SHOWN}`,
    ),
    childNodes(db, node),
  ]);
  return {
    ...figuresByChild(rows, children, figuresOf),
    collectors: collectors.map((c) => ({ id: String(c.id), name: c.name, collected: n(c.collected) })),
  };
}
