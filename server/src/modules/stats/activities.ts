import { sql } from 'drizzle-orm';
import { ACTIVITY_KINDS, hoursOf, noShowRate, type ActivityFigures, type ActivityKind, type ActivityStats } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import type { OrgNodeRow } from '../orgs/repository';
import { countOf as n, type Count } from './figures';
import { inPeriod } from './period';
import { childNodes, communitiesUnder, figuresByChild, type ChildGrouped, type Period } from './tree';

/**
 * What the sign-ups of an activity count for, over `activity_signups s` joined to the records they
 * became (`service_records r`, by `s.record_id`), as the figures and the 活动台账 both count them:
 * `signups`, places taken (a place waited for or given up is none); `attendances`, of those the
 * ones checked in and not struck (进社区人次); `no_shows`, of those the ones never checked in (one
 * struck came, and is neither); `minutes`, the verified records of the places (confirmed hours);
 * `waitlisted`, places waited for.
 */
export const signupTally = sql`
    count(*) filter (where s.status = 'signed_up') as signups,
    count(*) filter (where s.status = 'signed_up' and s.checked_in_at is not null and s.struck_reason is null) as attendances,
    count(*) filter (where s.status = 'signed_up' and s.checked_in_at is null) as no_shows,
    sum(r.minutes) filter (where s.status = 'signed_up' and r.status = 'verified') as minutes,
    count(*) filter (where s.status = 'waitlisted') as waitlisted`;

/** A tally of sign-ups (`signupTally`) as SQL answers it. */
export type SignupTally = Record<'signups' | 'attendances' | 'no_shows' | 'minutes' | 'waitlisted', Count>;

type Row = ChildGrouped & Omit<SignupTally, 'waitlisted'> & Record<'held' | `held_${ActivityKind}`, Count>;

function figuresOf(r: Partial<Row>): ActivityFigures {
  return {
    held: n(r.held),
    heldByKind: Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, n(r[`held_${kind}`])])) as ActivityFigures['heldByKind'],
    signups: n(r.signups),
    attendances: n(r.attendances),
    noShowRate: noShowRate(n(r.no_shows), n(r.signups)),
    hours: hoursOf(n(r.minutes)),
  };
}

/**
 * Activity figures of a node's subtree and of each of its children over a period: the activities
 * held, those not called off whose end falls in the period and is past (`now`, the app's clock:
 * one still running is not held yet), by kind; their places, attendances (进社区人次), no-show rate
 * and confirmed hours (the verified records their attendances became). Each held activity's sign-ups
 * tallied once, then the children and the total together (`grouping sets`).
 */
export async function activityFigures(db: Db, node: OrgNodeRow, period: Period, now: Date): Promise<Pick<ActivityStats, 'figures' | 'children'>> {
  const byKind = sql.join(
    ACTIVITY_KINDS.map((kind) => sql`count(*) filter (where held.kind = ${kind}) as ${sql.identifier(`held_${kind}`)}`),
    sql`, `,
  );
  const [rows, children] = await Promise.all([
    rowsOf<Row>(
      db,
      sql`with comms as (${communitiesUnder(node)}),
              held as (select comms.child_id, a.id, a.kind
                         from activities a join comms using (community_id)
                        where a.status <> 'called_off' and ${inPeriod(sql`a.ends_at`, period)} and a.ends_at < ${now.toISOString()}::timestamptz),
              tally as (select s.activity_id, ${signupTally}
                          from activity_signups s join held on held.id = s.activity_id
                          left join service_records r on r.id = s.record_id
                         group by s.activity_id)
         select held.child_id, grouping(held.child_id) as total,
                count(*) as held, ${byKind},
                sum(tally.signups) as signups, sum(tally.attendances) as attendances,
                sum(tally.no_shows) as no_shows, sum(tally.minutes) as minutes
           from held left join tally on tally.activity_id = held.id
          group by grouping sets ((held.child_id), ())`,
    ),
    childNodes(db, node),
  ]);
  return figuresByChild(rows, children, figuresOf);
}
