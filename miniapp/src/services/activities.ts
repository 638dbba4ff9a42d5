import {
  type Activity,
  type ActivityStats,
  activitySchema,
  activityStatsSchema,
  type AttendanceList,
  attendanceListSchema,
  type CheckinCode,
  checkinCodeSchema,
  confirmAttendanceResultSchema,
  type CreateActivityBody,
  listEnvelope,
  type ListEnvelope,
  type SignupResult,
  signupResultSchema,
  type UpdateActivityBody,
} from '@huijia/shared';
import { type QueryValue, request } from './api';
import { newIdempotencyKey, withIdempotencyKey } from './idempotency';

const activityPageSchema = listEnvelope(activitySchema);

/** What 确认时长 answers: the records written, their minutes, and the activity now confirmed. */
export type ConfirmAttendanceResult = ReturnType<typeof confirmAttendanceResultSchema.parse>;

/**
 * `GET /api/activities`, one of three lists (see `activityListQuerySchema`): a community's hall
 * (`communityId`, with `from`/`to` days, soonest first), `mine` (我的活动), `organised` (组织活动).
 */
export interface ActivityListQuery {
  communityId?: string;
  /** YYYY-MM-DD, China days. */
  from?: string;
  to?: string;
  mine?: boolean;
  organised?: boolean;
  limit?: number;
  cursor?: string | null;
}

/** One page of activities; follow `nextCursor` for the next. */
export function listActivities(query: ActivityListQuery): Promise<ListEnvelope<Activity>> {
  const params: Record<string, QueryValue> = {
    communityId: query.communityId,
    from: query.from,
    to: query.to,
    mine: query.mine ? 1 : undefined,
    organised: query.organised ? 1 : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/activities', { query: params, schema: activityPageSchema });
}

const path = (id: string, action?: string) => `/api/activities/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function getActivity(id: string): Promise<Activity> {
  return request('GET', path(id), { schema: activitySchema });
}

/**
 * 发布活动. `idempotencyKey` is made once per form: sending the same form again returns the
 * activity made the first time.
 */
export function createActivity(body: CreateActivityBody, idempotencyKey: string): Promise<Activity> {
  return request('POST', '/api/activities', { body: withIdempotencyKey(body, idempotencyKey), schema: activitySchema });
}

/** The key of one activity form (see `createActivity`). */
export const newActivityKey = (): string => newIdempotencyKey('activity');

/** 修改活动 (before the start; everyone signed up is told). */
export function updateActivity(id: string, body: UpdateActivityBody): Promise<Activity> {
  return request('PUT', path(id), { body, schema: activitySchema });
}

/** 取消活动 (until its end), with the reason everyone signed up or waiting reads. */
export function callOffActivity(id: string, reason: string): Promise<Activity> {
  return request('POST', path(id, 'call-off'), { body: { reason }, schema: activitySchema });
}

/** 报名: a place, or a place on the waiting list. 409 ACTIVITY_CLOSED after the start. */
export function signUp(id: string): Promise<SignupResult> {
  return request('POST', path(id, 'signup'), { schema: signupResultSchema });
}

/** 取消报名: a place given up goes to the first on the waiting list. */
export function cancelSignup(id: string): Promise<Activity> {
  return request('POST', path(id, 'cancel'), { schema: activitySchema });
}

/** The organiser's code of this 30-second window, its QR code and the live counts. 409 CHECKIN_OUTSIDE_WINDOW outside it. */
export function getCheckinCode(id: string): Promise<CheckinCode> {
  return request('GET', path(id, 'checkin-code'), { schema: checkinCodeSchema });
}

/** 签到 or 签退 with `code`: the typed code, or the scanned QR text as it is. */
export function checkInOrOut(id: string, step: 'checkin' | 'checkout', code: string): Promise<Activity> {
  return request('POST', path(id, step), { body: { code }, schema: activitySchema });
}

/** Everyone with a place: who came, for how long, and who did not. */
export function getAttendance(id: string): Promise<AttendanceList> {
  return request('GET', path(id, 'attendance'), { schema: attendanceListSchema });
}

/** 剔除: one attendance is not counted, for the reason given (before the hours are confirmed). */
export function strikeAttendance(id: string, memberId: string, reason: string): Promise<AttendanceList> {
  return request('POST', path(id, 'attendance/strike'), { body: { memberId, reason }, schema: attendanceListSchema });
}

/** 确认时长: every attendance left becomes a verified service record, once. */
export function confirmAttendance(id: string): Promise<ConfirmAttendanceResult> {
  return request('POST', path(id, 'attendance/confirm'), { schema: confirmAttendanceResultSchema });
}

/** 活动 figures of a node over whole months (统计). */
export function activityStats(query: { orgId: string; from?: string; to?: string }): Promise<ActivityStats> {
  return request('GET', '/api/stats/activities', { query: { ...query }, schema: activityStatsSchema });
}
