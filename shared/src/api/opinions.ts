import { z } from 'zod';
import { idSchema } from '../domain/org';
import { personNameSchema, phoneSchema } from '../domain/user';
import {
  OPINION_ACTORS,
  opinionLevelSchema,
  opinionStateSchema,
  opinionStepActionSchema,
  satisfactionSchema,
} from '../machines/opinion';
import { photoSchema } from './wishes';
import { monthSchema } from './stats';

/** What a problem is about (domain.md: a road, rubbish, drainage, a playground, …). */
export const OPINION_CATEGORIES = [
  'road',
  'sanitation',
  'drainage',
  'facilities',
  'property',
  'safety',
  'school_work',
  'subsidy',
  'other',
] as const;
export const opinionCategorySchema = z.enum(OPINION_CATEGORIES);
export type OpinionCategory = z.infer<typeof opinionCategorySchema>;

export const OPINION_CATEGORY_LABELS: Record<OpinionCategory, string> = {
  road: '道路',
  sanitation: '环境卫生',
  drainage: '排水',
  facilities: '公共设施',
  property: '物业管理',
  safety: '治安',
  school_work: '就学就业',
  subsidy: '救助补贴',
  other: '其他',
};

/** How it came in: raised by the person in the app, or logged by a worker (社情民意搜集本) from a
 *  conversation or the 意见箱. */
export const OPINION_SOURCES = ['self', 'collected', 'mailbox'] as const;
export const opinionSourceSchema = z.enum(OPINION_SOURCES);
export type OpinionSource = z.infer<typeof opinionSourceSchema>;

export const OPINION_SOURCE_LABELS: Record<OpinionSource, string> = {
  self: '本人提出',
  collected: '走访收集',
  mailbox: '意见箱',
};

export const OPINION_TITLE_MAX = 40;
export const OPINION_DESCRIPTION_MAX = 1000;
export const OPINION_PHOTOS_MAX = 6;
export const OPINION_NOTE_MAX = 500;

/**
 * `POST /api/opinions`. `source: self` is the caller's own problem, with an optional private
 * contact phone; `collected` and `mailbox` are logged by a worker (community staff, or a member
 * reported in the community) with the person it came from (`raisedBy`, whose name is required
 * and whose phone is optional).
 */
export const createOpinionBodySchema = z
  .object({
    communityId: idSchema,
    /** A compound or building of the community. */
    placeId: idSchema.optional(),
    category: opinionCategorySchema,
    title: z.string().trim().min(2, '标题至少 2 个字').max(OPINION_TITLE_MAX, `标题最多 ${OPINION_TITLE_MAX} 个字`),
    description: z
      .string()
      .trim()
      .min(5, '请具体描述问题')
      .max(OPINION_DESCRIPTION_MAX, `描述最多 ${OPINION_DESCRIPTION_MAX} 个字`),
    photoIds: z.array(idSchema).max(OPINION_PHOTOS_MAX, `最多 ${OPINION_PHOTOS_MAX} 张照片`).optional(),
    source: opinionSourceSchema.default('self'),
    /** `self`: a phone the holders may call back on (kept private to them). */
    contactPhone: phoneSchema.optional(),
    raisedBy: z.object({ name: personNameSchema, phone: phoneSchema.optional() }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.source !== 'self' && !body.raisedBy) {
      ctx.addIssue({ code: 'custom', path: ['raisedBy', 'name'], message: '请填写反映人姓名' });
    }
    if (body.source === 'self' && body.raisedBy) {
      ctx.addIssue({ code: 'custom', path: ['raisedBy'], message: '本人提出的民情不填写反映人' });
    }
  });
export type CreateOpinionBody = z.infer<typeof createOpinionBodySchema>;

/**
 * The level the holder saw the opinion at, sent with 办结, 上报 and 关闭: when it has moved on
 * meanwhile (another holder passed it up to a level they also hold), the action answers 409
 * OPINION_STATE_CONFLICT rather than acting on what they did not see. Optional for older clients.
 */
const seenLevel = { level: opinionLevelSchema.optional() };

export const resolveOpinionBodySchema = z.object({
  reply: z.string().trim().min(2, '请说明办理结果').max(OPINION_NOTE_MAX),
  ...seenLevel,
});
export type ResolveOpinionBody = z.infer<typeof resolveOpinionBodySchema>;
export const opinionReasonBodySchema = z.object({
  reason: z.string().trim().min(2, '请填写原因').max(OPINION_NOTE_MAX),
  ...seenLevel,
});
export type OpinionReasonBody = z.infer<typeof opinionReasonBodySchema>;
export const rateOpinionBodySchema = z.object({
  satisfaction: satisfactionSchema,
  comment: z.string().trim().max(OPINION_NOTE_MAX).optional(),
});

/** One step of the path. `actorName` only to the community's staff and the levels above (workers
 *  are named to staff only); everyone else sees the role (`actorRole`, a label such as 社区党委). */
export const opinionStepSchema = z.object({
  action: opinionStepActionSchema,
  level: opinionLevelSchema,
  note: z.string().nullable(),
  actorRole: z.string(),
  actorName: z.string().optional(),
  at: z.string(),
});
export type OpinionStep = z.infer<typeof opinionStepSchema>;

/**
 * An opinion as the API answers it. What a viewer sees depends on who they are to it:
 * - its reporter, the holders of its current and past levels, and staff and admins above
 *   (`opinion.oversee`) see it whole, except that `contactPhone` goes only to the reporter and the
 *   holders of its current and past levels, and `raisedBy` (a collected one's source person) only
 *   to staff and admins;
 * - a neighbour sees an open one's title, category, level and seconds (no description, no photos),
 *   and a resolved one with its reply; never the reporter (`reporterName` absent).
 * `viewerActors` says who the caller is to it, so the app shows only the actions
 * `opinionMachine.available(viewerActors, status)` allows.
 */
export const opinionSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  category: opinionCategorySchema,
  title: z.string(),
  source: opinionSourceSchema,
  status: opinionStateSchema,
  /** The level it is at (open), or was resolved or closed at. */
  level: opinionLevelSchema,
  /** The highest level it reached. */
  levelReached: opinionLevelSchema,
  /** The deadline for the current level's first answer (open ones). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Reopened once after 不满意; it cannot be again. */
  reopened: z.boolean(),
  seconds: z.number().int(),
  /** Whether the caller seconded it. */
  seconded: z.boolean(),
  reply: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  satisfaction: satisfactionSchema.nullable(),
  ratingComment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  viewerActors: z.array(z.enum(OPINION_ACTORS)),
  // What only some viewers receive comes last, so answers serialise without a branch per
  // combination of present keys (server/src/http/serialize.ts).
  description: z.string().optional(),
  photos: z.array(photoSchema).optional(),
  reporterName: z.string().optional(),
  contactPhone: z.string().optional(),
  raisedBy: z.object({ name: z.string(), phone: z.string().nullable() }).optional(),
  /** The path, on the detail only. */
  history: z.array(opinionStepSchema).optional(),
});
export type Opinion = z.infer<typeof opinionSchema>;

/**
 * `GET /api/opinions`, one of three lists:
 * - `mine=1`: the caller's own (raised or logged), newest first;
 * - `queue=1`: the holder's queue, the open ones at every level the caller holds wherever they
 *   hold it (narrowed by `level`, `communityId`, `orgId`), most seconded first, then oldest;
 * - otherwise a community's board (`communityId`; what its residents may see, most seconded
 *   first) or, for staff and admins (`opinion.oversee`), every opinion under `orgId` or
 *   `communityId` in any state, newest first.
 * `status` and `overdue=1` (open and past the level's deadline) narrow any of them.
 */
export const opinionListQuerySchema = z.object({
  queue: z.enum(['1', 'true']).optional(),
  communityId: idSchema.optional(),
  orgId: idSchema.optional(),
  status: opinionStateSchema.optional(),
  level: opinionLevelSchema.optional(),
  mine: z.enum(['1', 'true']).optional(),
  overdue: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type OpinionListQuery = z.infer<typeof opinionListQuerySchema>;

/** `GET`/`PUT /api/orgs/:id/opinion-deadlines` (a district): days each level has for its first answer. */
const days = z.number().int().min(1, '至少 1 天').max(180, '最多 180 天');
export const opinionDeadlinesSchema = z.object({
  branch: days,
  community: days,
  street: days,
  representative: days,
});
export type OpinionDeadlines = z.infer<typeof opinionDeadlinesSchema>;

/** `GET /api/stats/opinions?orgId=&from=&to=`: 民情 figures of a node and period. */
export const opinionFiguresSchema = z.object({
  /** Raised in the period (by anyone, logged or in the app). */
  raised: z.number().int(),
  /** Of those, resolved (办结) so far, and closed. */
  resolved: z.number().int(),
  closed: z.number().int(),
  /** resolved / raised. */
  resolutionRate: z.number(),
  /** Resolutions rated, and of those 满意 or 基本满意. Unrated never count as satisfied. */
  rated: z.number().int(),
  satisfied: z.number().int(),
  /** (满意 + 基本满意) / rated. */
  satisfactionRate: z.number(),
  /** Resolved ones by the level that resolved them. */
  resolvedAtLevel: z.object({ branch: z.number().int(), community: z.number().int(), street: z.number().int(), representative: z.number().int() }),
  /** Median days from raising to resolution, of those resolved; null when none. */
  medianDaysToResolve: z.number().nullable(),
  /** Open now and past their level's deadline. */
  overdue: z.number().int(),
  /** Logged by workers (社情民意搜集本) in the period. */
  collected: z.number().int(),
});
export type OpinionFigures = z.infer<typeof opinionFiguresSchema>;


export const opinionStatsSchema = z.object({
  subject: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  period: z.object({ from: monthSchema, to: monthSchema }),
  figures: opinionFiguresSchema,
  /** One row per child node. */
  children: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), figures: opinionFiguresSchema })),
  /** 社情民意搜集本: opinions logged per worker in the period, most first. */
  collectors: z.array(z.object({ id: z.string(), name: z.string(), collected: z.number().int() })),
});
export type OpinionStats = z.infer<typeof opinionStatsSchema>;

/** `PUT /api/grid/groups/:id/leader`: the group's leader (a member of it), or none. */
export const gridLeaderBodySchema = z.object({ memberId: idSchema.nullable() });
