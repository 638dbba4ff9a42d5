import { z } from 'zod';
import { idSchema } from '../domain/org';
import { pioneerRoleSchema } from '../domain/roles';
import {
  ACTIVITY_ACTORS,
  ACTIVITY_CAPACITY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_MAX_HOURS,
  ACTIVITY_TITLE_MAX,
  activityAudienceSchema,
  activityKindSchema,
  activityOrganiserKindSchema,
  activityStateSchema,
  signupStateSchema,
} from '../machines/activity';
import { monthSchema } from './stats';

const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' });
const HOUR = 60 * 60 * 1000;

/** Who publishes it, and so who organises it: the community's staff, a volunteer team of the
 *  community (by its leader), or a unit paired with the community (by its admin). */
export const activityOrganiserSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }),
  z.object({ kind: z.literal('team'), teamId: idSchema }),
  z.object({ kind: z.literal('unit'), unitId: idSchema }),
]);
export type ActivityOrganiser = z.infer<typeof activityOrganiserSchema>;

const activityFields = z.object({
  kind: activityKindSchema,
  title: z.string().trim().min(2, '标题至少 2 个字').max(ACTIVITY_TITLE_MAX, `标题最多 ${ACTIVITY_TITLE_MAX} 个字`),
  description: z.string().trim().min(5, '请介绍活动内容').max(ACTIVITY_DESCRIPTION_MAX),
  pioneerRole: pioneerRoleSchema.optional(),
  location: z.string().trim().min(2, '请填写活动地点').max(100),
  startsAt: instant,
  endsAt: instant,
  capacity: z
    .number()
    .int('名额须为整数')
    .min(1, '名额至少 1 人')
    .max(ACTIVITY_CAPACITY_MAX, `名额最多 ${ACTIVITY_CAPACITY_MAX} 人`),
  audience: activityAudienceSchema.default('community'),
});

/** End after start, at most ACTIVITY_MAX_HOURS long (not in the past is the server's check). */
export function activityTimeProblems(startsAt: string, endsAt: string): { path: string; message: string }[] {
  const ms = Date.parse(endsAt) - Date.parse(startsAt);
  if (!(ms > 0)) return [{ path: 'endsAt', message: '结束时间须晚于开始时间' }];
  if (ms > ACTIVITY_MAX_HOURS * HOUR) return [{ path: 'endsAt', message: `单次活动不超过 ${ACTIVITY_MAX_HOURS} 小时` }];
  return [];
}

const withTimeRules = <T extends z.ZodType<{ startsAt?: string; endsAt?: string }>>(schema: T) =>
  schema.superRefine((a, ctx) => {
    if (a.startsAt && a.endsAt) {
      for (const p of activityTimeProblems(a.startsAt, a.endsAt)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
    }
  });

/** `POST /api/activities`. `community_and_unit` only for an activity a unit organises. */
export const createActivityBodySchema = withTimeRules(
  activityFields
    .extend({ communityId: idSchema, organiser: activityOrganiserSchema.default({ kind: 'community' }) })
    .refine((a) => a.audience === 'community' || a.organiser.kind === 'unit', {
      message: '只有单位组织的活动可以向本单位党员开放报名',
      path: ['audience'],
    }),
);
export type CreateActivityBody = z.infer<typeof createActivityBodySchema>;

/** `PUT /api/activities/:id`: the organiser edits before the start; everyone signed up is told.
 *  Capacity never below the places taken (409 ACTIVITY_CAPACITY_BELOW_SIGNUPS). */
export const updateActivityBodySchema = withTimeRules(activityFields.omit({ audience: true }));
export type UpdateActivityBody = z.infer<typeof updateActivityBodySchema>;

/** `POST /api/activities/:id/call-off` (取消活动, the organiser). */
export const callOffActivityBodySchema = z.object({ reason: z.string().trim().min(2, '请填写取消原因').max(200) });

/** A member's place: taken, or waited for at `position` (1 = next to move up). */
export const mySignupSchema = z.object({
  status: signupStateSchema,
  position: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
});
export type MySignup = z.infer<typeof mySignupSchema>;

export const activitySchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  kind: activityKindSchema,
  title: z.string(),
  description: z.string(),
  pioneerRole: pioneerRoleSchema.nullable(),
  location: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  audience: activityAudienceSchema,
  /** The organising community, team or unit, by name (and who published it, for its organisers). */
  organiser: z.object({ kind: activityOrganiserKindSchema, name: z.string(), publisherName: z.string().optional() }),
  status: activityStateSchema,
  /** By the server's clock: before check-in opens, check-in open, ended. */
  phase: z.enum(['before', 'checkin', 'ended']),
  signedUp: z.number().int(),
  waitlisted: z.number().int(),
  /** The caller's place, if they signed up (a cancelled sign-up is null). */
  mySignup: mySignupSchema.nullable(),
  cancelReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  viewerActors: z.array(z.enum(ACTIVITY_ACTORS)),
});
export type Activity = z.infer<typeof activitySchema>;

/**
 * `GET /api/activities`: the hall (`communityId`, with `from`/`to` China days, soonest first,
 * called-off ones left out), `mine=1` the caller's sign-ups (places and waiting), `organised=1` the
 * ones the caller organises. Keyset pages.
 */
export const activityListQuerySchema = z.object({
  communityId: idSchema.optional(),
  mine: z.enum(['1', 'true']).optional(),
  organised: z.enum(['1', 'true']).optional(),
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;

/** `POST /api/activities/:id/signup`: a place, or a place on the waiting list. */
export const signupResultSchema = z.object({
  waitlisted: z.boolean(),
  position: z.number().int().nullable(),
  activity: activitySchema,
});
export type SignupResult = z.infer<typeof signupResultSchema>;

/** `GET /api/activities/:id/checkin-code` (the organiser): the code of this 30-second window, the
 *  text of its QR code, when it changes, and the live counts. */
export const checkinCodeSchema = z.object({
  code: z.string(),
  qr: z.string(),
  expiresAt: z.string(),
  signedUp: z.number().int(),
  checkedIn: z.number().int(),
  checkedOut: z.number().int(),
});
export type CheckinCode = z.infer<typeof checkinCodeSchema>;

/** `POST /api/activities/:id/checkin` · `/checkout`: the typed code or the scanned QR text. */
export const checkinBodySchema = z.object({ code: z.string().trim().min(1, '请输入签到码').max(100) });

/** One member's attendance, as the organiser confirms it. */
export const attendanceSchema = z.object({
  memberId: z.string(),
  memberName: z.string(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  /** Checked in, never out: counted to the activity's end, flagged for the organiser. */
  noCheckout: z.boolean(),
  /** What the record will count (`attendedMinutes`). */
  minutes: z.number().int(),
  struckReason: z.string().nullable(),
  /** The verified record written when the organiser confirmed. */
  recordId: z.string().nullable(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

/** `GET /api/activities/:id/attendance`: everyone with a place; who came, and who did not. */
export const attendanceListSchema = z.object({
  items: z.array(attendanceSchema),
  attended: z.number().int(),
  noShows: z.number().int(),
});
export type AttendanceList = z.infer<typeof attendanceListSchema>;

export const strikeAttendanceBodySchema = z.object({
  memberId: idSchema,
  reason: z.string().trim().min(2, '请填写原因').max(200),
});

/** `POST /api/activities/:id/attendance/confirm`: records written (once, whoever confirms how often). */
export const confirmAttendanceResultSchema = z.object({ records: z.number().int(), minutes: z.number().int(), activity: activitySchema });

/** `GET /api/stats/activities?orgId=&from=&to=`: activities of a node and period. */
export const activityFiguresSchema = z.object({
  /** Held (ended, not called off) in the period, by kind and in all. */
  held: z.number().int(),
  heldByKind: z.object({ theme: z.number().int(), group_service: z.number().int(), fixed_point: z.number().int() }),
  /** Places taken in those activities. */
  signups: z.number().int(),
  /** Check-ins not struck: 进社区人次. */
  attendances: z.number().int(),
  /** Places taken whose holder never checked in, over places taken. */
  noShowRate: z.number(),
  /** Hours confirmed from attendance. */
  hours: z.number(),
});
export type ActivityFigures = z.infer<typeof activityFiguresSchema>;


export const activityStatsSchema = z.object({
  subject: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  period: z.object({ from: monthSchema, to: monthSchema }),
  figures: activityFiguresSchema,
  children: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), figures: activityFiguresSchema })),
});
export type ActivityStats = z.infer<typeof activityStatsSchema>;
