import { createHash } from 'node:crypto';
import { attendedMinutes, pointsForMinutes, type ActivityKind, type ActivityOrganiserKind } from '@huijia/shared';
import type { Tx } from '../db';
import { activities, activitySignups, pointsLedger, serviceRecords } from '../db/schema';
import type { DemoCast } from './demo-activity';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A member's place, and when they checked in and out, in minutes from the start. */
type Place = { member: string; waitlisted?: boolean; in?: number; out?: number; struck?: string };

interface ActivityPlan {
  community: string;
  organiser: { kind: ActivityOrganiserKind; by: string; team?: number; unit?: number };
  kind: ActivityKind;
  title: string;
  description: string;
  location: string;
  /** Start, in hours from now (negative: past), and length in hours. */
  startsIn: number;
  hours: number;
  capacity: number;
  /** Also open to the organising unit's members. */
  audience?: 'community_and_unit';
  places: Place[];
  calledOff?: string;
  /** The organiser confirmed the attendance: verified records, paid. */
  confirmed?: boolean;
}

/**
 * Collective activities (集体活动) of every kind and in every state: one confirmed with hours paid,
 * one ended and waiting for the organiser to confirm (a member who never checked out, a no-show),
 * one under way with its check-in open, upcoming ones (one full, with a waiting list) and one
 * called off. Organised by community staff, the 龙津 volunteer team's leader and a paired unit.
 */
function plans(ids: { team: number; hospital: number }): ActivityPlan[] {
  return [
    {
      community: '龙津社区', organiser: { kind: 'community', by: '张丽华' }, kind: 'theme',
      title: '学习二十大精神主题党日', description: '集中学习、交流心得，并到辖区红色教育基地参观。', location: '龙津社区党群服务中心',
      startsIn: -10 * 24, hours: 2, capacity: 30, confirmed: true,
      places: [{ member: '李志远', in: -10, out: 120 }, { member: '赵雪梅', in: 5, out: 100 }],
    },
    {
      community: '龙津社区', organiser: { kind: 'unit', by: '郑明辉', unit: ids.hospital }, kind: 'group_service',
      title: '义诊进社区', description: '市一院内科、外科党员医生为居民量血压、测血糖、解答用药问题。', location: '阳光花园中心广场',
      startsIn: -3 * 24, hours: 3, capacity: 10, audience: 'community_and_unit',
      places: [{ member: '李志远', in: -20 }, { member: '赵雪梅', in: 0, out: 150 }, { member: '孙浩然' }],
    },
    {
      community: '龙津社区', organiser: { kind: 'team', by: '李志远', team: ids.team }, kind: 'fixed_point',
      title: '周末便民服务点', description: '磨刀、修伞、理发、家电小维修，党员志愿者定点服务。', location: '丽景小区北门',
      startsIn: -0.5, hours: 3, capacity: 8,
      places: [{ member: '赵雪梅', in: -10 }],
    },
    {
      community: '龙津社区', organiser: { kind: 'community', by: '张丽华' }, kind: 'theme',
      title: '垃圾分类宣传志愿活动', description: '在小区垃圾分类点值守，指导居民正确分类投放。', location: '阳光花园 2 栋垃圾分类点',
      startsIn: 3 * 24, hours: 2, capacity: 1,
      places: [{ member: '李志远' }, { member: '赵雪梅', waitlisted: true }],
    },
    {
      community: '中山社区', organiser: { kind: 'community', by: '王海燕' }, kind: 'group_service',
      title: '敬老院探访', description: '为老人读报、理发、打扫房间，陪老人聊天。', location: '中山敬老院',
      startsIn: 7 * 24, hours: 2.5, capacity: 10,
      places: [{ member: '孙浩然' }],
    },
    {
      community: '莲东社区', organiser: { kind: 'community', by: '刘春梅' }, kind: 'theme',
      title: '社区邻里篮球友谊赛', description: '党员与居民组队，增进邻里交流。', location: '莲东公园篮球场',
      startsIn: 2 * 24, hours: 2, capacity: 20, calledOff: '当天有台风预警，活动取消，另行通知。',
      places: [{ member: '钱文博' }],
    },
  ];
}

/** A demo activity's secret, the same on every load (the demo city is deterministic). */
const secretOf = (title: string) => createHash('sha256').update(`huijia-demo-activity:${title}`).digest();

export async function seedDemoActivities(tx: Tx, cast: DemoCast, ids: { team: number; hospital: number }, now: Date): Promise<void> {
  for (const plan of plans(ids)) {
    const startsAt = new Date(now.getTime() + plan.startsIn * HOUR);
    const endsAt = new Date(startsAt.getTime() + plan.hours * HOUR);
    const communityId = cast.community(plan.community);
    const organiser = cast.person(plan.organiser.by);
    const placed = plan.places.filter((p) => !p.waitlisted).length;
    const [activity] = await tx
      .insert(activities)
      .values({
        communityId,
        organiserKind: plan.organiser.kind,
        teamId: plan.organiser.team ?? null,
        unitId: plan.organiser.unit ?? null,
        publishedBy: organiser,
        kind: plan.kind,
        title: plan.title,
        description: plan.description,
        location: plan.location,
        startsAt,
        endsAt,
        capacity: plan.capacity,
        audience: plan.audience ?? 'community',
        signedUp: placed,
        status: plan.calledOff ? 'called_off' : plan.confirmed ? 'confirmed' : 'published',
        secret: secretOf(plan.title),
        cancelReason: plan.calledOff ?? null,
        confirmedAt: plan.confirmed ? new Date(endsAt.getTime() + HOUR) : null,
        confirmedBy: plan.confirmed ? organiser : null,
        createdAt: new Date(startsAt.getTime() - 5 * DAY),
      })
      .returning({ id: activities.id });
    for (const [i, place] of plan.places.entries()) {
      const at = (minutes: number | undefined) => (minutes === undefined ? null : new Date(startsAt.getTime() + minutes * MINUTE));
      const memberId = cast.person(place.member);
      const checkedInAt = at(place.in);
      const checkedOutAt = at(place.out);
      let recordId: number | null = null;
      const minutes = attendedMinutes({ startsAt, endsAt }, checkedInAt, checkedOutAt);
      if (plan.confirmed && minutes >= 30) {
        const from = new Date(Math.max(checkedInAt!.getTime(), startsAt.getTime()));
        const [record] = await tx
          .insert(serviceRecords)
          .values({
            memberId,
            communityId,
            sourceType: 'activity',
            sourceId: activity!.id,
            startedAt: from,
            endedAt: new Date(from.getTime() + minutes * MINUTE),
            minutes,
            content: `参加活动：${plan.title}`,
            status: 'verified',
            verifiedBy: organiser,
            verifiedAt: new Date(endsAt.getTime() + HOUR),
            createdAt: new Date(endsAt.getTime() + HOUR),
          })
          .returning({ id: serviceRecords.id });
        recordId = record!.id;
        await tx.insert(pointsLedger).values({
          memberId,
          communityId,
          source: 'record',
          sourceId: recordId,
          points: pointsForMinutes(minutes),
          reason: `参加活动「${plan.title}」${minutes / 60} 小时`,
          createdBy: organiser,
          createdAt: new Date(endsAt.getTime() + HOUR),
        });
      }
      await tx.insert(activitySignups).values({
        activityId: activity!.id,
        memberId,
        status: place.waitlisted ? 'waitlisted' : 'signed_up',
        placedAt: place.waitlisted ? null : new Date(startsAt.getTime() - (4 * DAY - i * HOUR)),
        checkedInAt,
        checkedOutAt,
        struckReason: place.struck ?? null,
        recordId,
        createdAt: new Date(startsAt.getTime() - (4 * DAY - i * HOUR)),
      });
    }
  }
}
