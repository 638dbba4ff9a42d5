import { sql, type SQL } from 'drizzle-orm';
import { addMonths, chinaToday, type PartnershipFigures, type PartnershipStats, PROJECT_CATEGORIES, PROJECT_LEAD_KINDS, type ProjectCategory, type ProjectLeadKind } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import type { OrgNodeRow } from '../orgs/repository';
import { countOf as n, type Count } from './figures';
import { inPeriod } from './period';
import { childNodes, communitiesUnder, figuresByChild, type ChildGrouped, type Period } from './tree';

/** `at`'s day in China (a timestamptz column or expression), as the terms of agreements are read. */
const chinaDayOf = (at: SQL) => sql`((${at} at time zone 'UTC') + interval '8 hours')::date`;

/** The first day of the period and the day after its last, as dates. */
const daysOf = (period: Period) => ({ first: sql`${`${period.from}-01`}::date`, after: sql`${`${addMonths(period.to, 1)}-01`}::date` });

/** An agreement accepted (in force since, or ended since): what the figures and the 共建台账 count. */
export const agreementAccepted = (a: SQL) => sql`${a}.status in ('active', 'ended') and ${a}.decided_at is not null`;

/**
 * An accepted agreement (`agreementAccepted`) in force on at least one day of the period: from the
 * later of its start and the day it was accepted to the earlier of its end and the day it was
 * ended (early, or by the clock), that span not empty and meeting the period.
 */
export function agreementInForceDuring(a: SQL, period: Period): SQL {
  const { first, after } = daysOf(period);
  const from = sql`greatest(${a}.starts_on, ${chinaDayOf(sql`${a}.decided_at`)})`;
  // `least` passes over a null: not ended, its term's end.
  const to = sql`least(${a}.ends_on, ${chinaDayOf(sql`${a}.ended_at`)})`;
  return sql`(${from} < ${after} and ${to} >= ${first} and ${from} <= ${to})`;
}

/** A project open now past its due date (shared's `projectOverdue`), as of `now`'s day in China. */
export const projectOverdueNow = (p: SQL, now: Date) =>
  sql`(${p}.status in ('open', 'claimed', 'reported') and ${p}.due_on < ${chinaToday(now)}::date)`;

type Row = ChildGrouped &
  Record<
    | 'agreements_active'
    | 'agreements_signed'
    | 'published'
    | 'started'
    | 'completed'
    | 'overdue'
    | `c_${'published' | 'started' | 'completed'}_${ProjectCategory}`
    | `l_${'started' | 'completed'}_${ProjectLeadKind}`,
    Count
  >;

function figuresOf(r: Partial<Row>): PartnershipFigures {
  return {
    agreementsActive: n(r.agreements_active),
    agreementsSigned: n(r.agreements_signed),
    projectsPublished: n(r.published),
    projectsStarted: n(r.started),
    projectsCompleted: n(r.completed),
    projectsOverdueNow: n(r.overdue),
    byCategory: Object.fromEntries(
      PROJECT_CATEGORIES.map((c) => [c, { published: n(r[`c_published_${c}`]), started: n(r[`c_started_${c}`]), completed: n(r[`c_completed_${c}`]) }]),
    ) as PartnershipFigures['byCategory'],
    byLeadKind: Object.fromEntries(
      PROJECT_LEAD_KINDS.map((k) => [k, { started: n(r[`l_started_${k}`]), completed: n(r[`l_completed_${k}`]) }]),
    ) as PartnershipFigures['byLeadKind'],
  };
}

/** What each project counts for in a period, as of `now`: the moments of `p` (a `projects` row). */
const projectMoments = (period: Period, now: Date) => sql`
    coalesce(${inPeriod(sql`p.created_at`, period)}, false) as published,
    coalesce(${inPeriod(sql`p.first_claimed_at`, period)}, false) as started,
    coalesce(p.status = 'completed' and ${inPeriod(sql`p.completed_at`, period)}, false) as completed,
    ${projectOverdueNow(sql`p`, now)} as overdue`;

/**
 * 结对共建 figures of a node's subtree and of each of its children over a period (definitions:
 * shared's `PARTNERSHIP_FIGURES`): agreements in force and signed, projects published, started,
 * completed, by category and by the kind of lead they have now, and overdue now. The agreements
 * and projects of the subtree's communities in one pass, the children and the total together
 * (`grouping sets`); the units in a second.
 */
export async function partnershipFigures(db: Db, node: OrgNodeRow, period: Period, now: Date): Promise<Pick<PartnershipStats, 'figures' | 'children' | 'units'>> {
  const tally = (name: string, where: SQL) => sql`count(*) filter (where ${where}) as ${sql.identifier(name)}`;
  const byCategory = PROJECT_CATEGORIES.flatMap((c) =>
    (['published', 'started', 'completed'] as const).map((m) => tally(`c_${m}_${c}`, sql`${sql.identifier(m)} and category = ${c}`)),
  );
  const byLead = PROJECT_LEAD_KINDS.flatMap((k) => (['started', 'completed'] as const).map((m) => tally(`l_${m}_${k}`, sql`${sql.identifier(m)} and lead_kind = ${k}`)));
  const [rows, units, children] = await Promise.all([
    rowsOf<Row>(
      db,
      sql`with comms as (${communitiesUnder(node)}),
              facts as (
                select comms.child_id, ${agreementInForceDuring(sql`a`, period)} as active, coalesce(${inPeriod(sql`a.decided_at`, period)}, false) as signed,
                       false as published, false as started, false as completed, false as overdue, null::text as category, null::text as lead_kind
                  from agreements a join comms using (community_id)
                 where ${agreementAccepted(sql`a`)}
                union all
                select comms.child_id, false, false, m.*, p.category::text, p.lead_kind::text
                  from projects p join comms using (community_id), lateral (select ${projectMoments(period, now)}) m)
         select child_id, grouping(child_id) as total,
                count(*) filter (where active) as agreements_active,
                count(*) filter (where signed) as agreements_signed,
                count(*) filter (where published) as published,
                count(*) filter (where started) as started,
                count(*) filter (where completed) as completed,
                count(*) filter (where overdue) as overdue,
                ${sql.join([...byCategory, ...byLead], sql`, `)}
           from facts group by grouping sets ((child_id), ())`,
    ),
    partnershipUnits(db, node, period),
    childNodes(db, node),
  ]);
  return { ...figuresByChild(rows, children, figuresOf), units };
}

/**
 * Each unit's part under a node in a period: its accepted agreements with the node's communities in
 * force on a day of it, and the projects of those communities it leads now, started in it and
 * completed in it. Every unit with any of these, in the order they were registered.
 */
async function partnershipUnits(db: Db, node: OrgNodeRow, period: Period): Promise<PartnershipStats['units']> {
  const rows = await rowsOf<{ id: string | number; name: string; agreements_active: Count; started: Count; completed: Count }>(
    db,
    sql`with comms as (${communitiesUnder(node)}),
            a as (select a.unit_id, count(*) as agreements_active
                    from agreements a join comms using (community_id)
                   where ${agreementAccepted(sql`a`)} and ${agreementInForceDuring(sql`a`, period)}
                   group by a.unit_id),
            p as (select p.lead_unit_id as unit_id,
                         count(*) filter (where ${inPeriod(sql`p.first_claimed_at`, period)}) as started,
                         count(*) filter (where p.status = 'completed' and ${inPeriod(sql`p.completed_at`, period)}) as completed
                    from projects p join comms using (community_id)
                   where p.lead_unit_id is not null
                   group by p.lead_unit_id)
       select u.id, u.name, coalesce(a.agreements_active, 0) as agreements_active, coalesce(p.started, 0) as started, coalesce(p.completed, 0) as completed
         from a full join p using (unit_id) join units u on u.id = unit_id
        where coalesce(a.agreements_active, 0) + coalesce(p.started, 0) + coalesce(p.completed, 0) > 0
        order by u.id`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    agreementsActive: n(r.agreements_active),
    projectsStarted: n(r.started),
    projectsCompleted: n(r.completed),
  }));
}
