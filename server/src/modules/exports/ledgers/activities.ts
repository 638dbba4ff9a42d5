import { ACTIVITY_KIND_LABELS, ACTIVITY_STATE_LABELS, hoursOf } from '@huijia/shared';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { rowsOf } from '../../../db/raw';
import { activities, gridGroups, orgNodes, units } from '../../../db/schema';
import { signupTally, type SignupTally } from '../../stats/activities';
import { countOf } from '../../stats/figures';
import { inPeriod } from '../../stats/period';
import { HOURS_FORMAT, chinaTime } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder, type NodePeriodScope } from '../ledger';

/** A published activity past its end waits for its organiser to confirm the attendance. */
const ENDED_UNCONFIRMED = '已结束待确认';

const community = alias(orgNodes, 'community');

/** The activities of a node's subtree starting in a period, each with its sign-ups tallied. */
async function activitiesIn(db: Db, { node, period, now }: NodePeriodScope, after: number) {
  const batch = await db
    .select({
      id: activities.id,
      community: community.name,
      kind: activities.kind,
      title: activities.title,
      organiserKind: activities.organiserKind,
      team: gridGroups.name,
      unit: units.name,
      location: activities.location,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      capacity: activities.capacity,
      status: activities.status,
      ended: sql<boolean>`(${activities.endsAt} < ${now.toISOString()}::timestamptz)`,
    })
    .from(activities)
    .innerJoin(community, eq(community.id, activities.communityId))
    .leftJoin(gridGroups, eq(gridGroups.id, activities.teamId))
    .leftJoin(units, eq(units.id, activities.unitId))
    .where(and(inCommunitiesUnder(activities.communityId, node), inPeriod(activities.startsAt, period), gt(activities.id, after)))
    .orderBy(asc(activities.id))
    .limit(BATCH_ROWS);
  if (batch.length === 0) return [];
  const ids = sql.join(
    batch.map((a) => sql`${a.id}`),
    sql`, `,
  );
  const tallies = await rowsOf<SignupTally & { activity_id: string | number }>(
    db,
    sql`select s.activity_id, ${signupTally}
          from activity_signups s left join service_records r on r.id = s.record_id
         where s.activity_id in (${ids})
         group by s.activity_id`,
  );
  const tallyOf = new Map<number, Partial<SignupTally>>(tallies.map((t) => [Number(t.activity_id), t]));
  // No sign-up at all: nothing tallied.
  return batch.map((a) => ({ ...a, tally: tallyOf.get(a.id) ?? {} }));
}

/**
 * 活动台账: every activity of the communities under a node starting in the period, in every state,
 * for the staff and admins who read the node's figures: who organised it, its places, waiting list,
 * attendances (签到, not struck: 进社区人次), no-shows once it has ended, and the hours confirmed.
 * Counts only: no member is named, no phone at all.
 */
export const activityLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'kind', header: '类型', width: 10 },
    { key: 'title', header: '标题', width: 30 },
    { key: 'organiser', header: '组织方', width: 20 },
    { key: 'location', header: '地点', width: 20 },
    { key: 'startsAt', header: '开始时间', width: 17 },
    { key: 'endsAt', header: '结束时间', width: 17 },
    { key: 'capacity', header: '名额', width: 6 },
    { key: 'signups', header: '报名人数', width: 9 },
    { key: 'waitlisted', header: '候补人数', width: 9 },
    { key: 'attendances', header: '签到人数', width: 9 },
    { key: 'noShows', header: '未到人数', width: 9 },
    { key: 'hours', header: '确认时长（小时）', width: 12, numFmt: HOURS_FORMAT },
    { key: 'status', header: '状态', width: 12 },
  ],
  batches: (db: Db, scope: NodePeriodScope) => byId((after) => activitiesIn(db, scope, after)),
  cells: (a) => {
    // Held: ended, not called off. Before that nobody is missing yet.
    const held = a.ended && a.status !== 'called_off';
    return {
      id: a.id,
      community: a.community,
      kind: ACTIVITY_KIND_LABELS[a.kind],
      title: a.title,
      organiser: a.organiserKind === 'team' ? a.team : a.organiserKind === 'unit' ? a.unit : a.community,
      location: a.location,
      startsAt: chinaTime(a.startsAt),
      endsAt: chinaTime(a.endsAt),
      capacity: a.capacity,
      signups: countOf(a.tally.signups),
      waitlisted: countOf(a.tally.waitlisted),
      attendances: countOf(a.tally.attendances),
      noShows: held ? countOf(a.tally.no_shows) : null,
      hours: a.status === 'confirmed' ? hoursOf(countOf(a.tally.minutes)) : null,
      status: a.status === 'published' && a.ended ? ENDED_UNCONFIRMED : ACTIVITY_STATE_LABELS[a.status],
    };
  },
});
