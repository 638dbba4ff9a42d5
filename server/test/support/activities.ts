import {
  CHECKIN_WINDOW_SECONDS,
  activitySchema,
  attendanceListSchema,
  checkinCodeSchema,
  listEnvelope,
  signupResultSchema,
  type Activity,
  type ActivityListQuery,
  type AttendanceList,
  type CheckinCode,
  type SignupResult,
} from '@huijia/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { activities, activitySignups, auditLog, gridGroups, notifications, pointsLedger, serviceRecords, statsMemberMonth } from '../../src/db/schema';
import { api, expectOk, type Caller } from './wishes';

/**
 * Helpers for the activity tests (集体活动): the demo city's people by what they are to an activity of
 * 龙津社区, a clock the tests move, activities and sign-ups driven through the API, and the rows behind
 * them.
 */

/** Demo logins (src/seed/demo-city.ts) by what they are to an activity in 龙津社区. */
export const PEOPLE = {
  /** 张丽华, staff of 龙津社区: organises the community's activities (and its teams'). */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区. */
  otherStaff: '13900000012',
  /** 郑明辉, admin of 龙岩市第一医院, paired with 龙津社区 and 中山社区. */
  unitAdmin: '13900000021',
  /** 罗晓燕, admin of 新罗区实验小学, paired with 莲东社区 and 溪南社区 (not 龙津社区). */
  unpairedUnitAdmin: '13900000022',
  /** 李志远, confirmed member of 龙津社区, in 龙津红色志愿服务队 (the tests make him its leader). */
  teamLeader: '13900000101',
  /** 赵雪梅, confirmed member of 龙津社区. */
  member: '13900000102',
  /** 孙浩然, confirmed member of 中山社区, on 龙岩市第一医院's roster. */
  hospitalMemberElsewhere: '13900000103',
  /** 冯晓东, confirmed member of 溪南社区, on 新罗区实验小学's roster. */
  schoolMember: '13900000106',
  /** 王秀兰, lives in 龙津社区, on no roster. */
  resident: '13900000201',
  /** 林秀英, street admin of 东城街道 (above 龙津社区): oversees. */
  streetAdmin: '13900000002',
} as const;

export const TEAM = '龙津红色志愿服务队';

/** The app's clock, which the tests move (a window, the start, the end). */
export class Clock {
  private at = new Date();
  readonly now = (): Date => this.at;
  set(at: Date | number): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  /** One second into the next check-in window, so a test knows which window each request falls in. */
  toNextWindow(): void {
    const ms = CHECKIN_WINDOW_SECONDS * 1000;
    this.set((Math.floor(this.at.getTime() / ms) + 1) * ms + 1000);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WINDOW_MS = CHECKIN_WINDOW_SECONDS * 1000;

let counter = 0;
/** A body for `POST /api/activities`: starting at `startsAt`, lasting `hours`. */
export function activityBody(communityId: string, startsAt: Date, overrides: Record<string, unknown> = {}, hours = 2) {
  counter += 1;
  return {
    communityId,
    kind: 'group_service',
    title: `义诊进社区${counter}`,
    description: '为社区居民免费测量血压、血糖，讲解慢病防治知识。',
    pioneerRole: 'volunteer',
    location: '龙津社区党群服务中心',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + hours * HOUR).toISOString(),
    capacity: 10,
    ...overrides,
  };
}

export const asActivity = (res: LightMyRequestResponse, status = 200): Activity => activitySchema.parse(expectOk(res, status));
export const asSignup = (res: LightMyRequestResponse): SignupResult => signupResultSchema.parse(expectOk(res));
export const asAttendance = (res: LightMyRequestResponse): AttendanceList => attendanceListSchema.parse(expectOk(res));
const pageSchema = listEnvelope(activitySchema);

/** Publishes through the API: 201. */
export async function publish(app: FastifyInstance, who: Caller, communityId: string, startsAt: Date, overrides: Record<string, unknown> = {}, hours = 2): Promise<Activity> {
  return asActivity(await api(app, who, 'POST', '/api/activities', activityBody(communityId, startsAt, overrides, hours)), 201);
}

export const read = async (app: FastifyInstance, who: Caller, id: string) => asActivity(await api(app, who, 'GET', `/api/activities/${id}`));

export const signUp = (app: FastifyInstance, who: Caller, id: string) => api(app, who, 'POST', `/api/activities/${id}/signup`);

export async function signUpAll(app: FastifyInstance, members: readonly Caller[], id: string): Promise<SignupResult[]> {
  const results: SignupResult[] = [];
  for (const m of members) results.push(asSignup(await signUp(app, m, id)));
  return results;
}

export async function checkinCode(app: FastifyInstance, organiser: Caller, id: string): Promise<CheckinCode> {
  return checkinCodeSchema.parse(expectOk(await api(app, organiser, 'GET', `/api/activities/${id}/checkin-code`)));
}

export const stamp = (app: FastifyInstance, who: Caller, id: string, direction: 'checkin' | 'checkout', code: string) =>
  api(app, who, 'POST', `/api/activities/${id}/${direction}`, { code });

export async function list(app: FastifyInstance, who: Caller, query: Partial<Record<keyof ActivityListQuery, string | number>>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return pageSchema.parse(expectOk(await api(app, who, 'GET', `/api/activities?${qs}`)));
}

/** Makes `leader` the leader of 龙津红色志愿服务队, through the API as the community's staff; answers the team's id. */
export async function appointTeamLeader(app: FastifyInstance, staff: Caller, leader: Caller): Promise<string> {
  const [team] = await app.db.select().from(gridGroups).where(eq(gridGroups.name, TEAM));
  expectOk(await api(app, staff, 'PUT', `/api/grid/groups/${team!.id}/leader`, { memberId: String(leader.userId) }));
  return String(team!.id);
}

/** Everything stored of an activity: its row, its sign-ups in id order, its audit rows. */
export async function stored(app: FastifyInstance, id: string) {
  const n = Number(id);
  const [row] = await app.db.select().from(activities).where(eq(activities.id, n));
  const signups = await app.db.select().from(activitySignups).where(eq(activitySignups.activityId, n)).orderBy(asc(activitySignups.id));
  const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'activity'), eq(auditLog.entityId, id))).orderBy(asc(auditLog.id));
  return { row: row!, signups, audit };
}

/** The kinds of the messages `who` got about the activity, oldest first. */
export async function messagesAbout(app: FastifyInstance, who: Caller, id: string): Promise<string[]> {
  const rows = await app.db
    .select({ kind: notifications.kind })
    .from(notifications)
    .where(and(eq(notifications.userId, who.userId), eq(notifications.entity, 'activity'), eq(notifications.entityId, id)))
    .orderBy(asc(notifications.id));
  return rows.map((r) => r.kind);
}

/** What a member has earned, straight from the tables: points, verified minutes, and the figures' rollup of them. */
export async function earned(app: FastifyInstance, memberId: number) {
  const points = await app.db.select({ points: pointsLedger.points }).from(pointsLedger).where(eq(pointsLedger.memberId, memberId));
  const records = await app.db.select().from(serviceRecords).where(and(eq(serviceRecords.memberId, memberId), eq(serviceRecords.status, 'verified')));
  const rollup = await app.db.select({ minutes: statsMemberMonth.verifiedMinutes }).from(statsMemberMonth).where(eq(statsMemberMonth.memberId, memberId));
  return {
    points: points.reduce((s, r) => s + r.points, 0),
    verifiedMinutes: records.reduce((s, r) => s + r.minutes, 0),
    rolledUpMinutes: rollup.reduce((s, r) => s + Number(r.minutes), 0),
  };
}
