import { z } from 'zod';
import { idSchema } from '../domain/org';
import { agreementResourceSchema } from '../machines/agreement';
import { PROJECT_ACTORS, projectCategorySchema, projectEventKindSchema, projectLeadKindSchema, projectStateSchema } from '../machines/project';
import { photoSchema } from './wishes';

export const PROJECT_TITLE_MAX = 40;
export const PROJECT_PHOTOS_MAX = 9;

const day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/** `POST /api/projects`: community staff publish a project. `dueOn` must not be before today (400 PROJECT_DUE_PAST). */
export const publishProjectBodySchema = z.object({
  communityId: idSchema,
  category: projectCategorySchema,
  title: z.string().trim().min(2, '请填写项目名称').max(PROJECT_TITLE_MAX, `项目名称最多 ${PROJECT_TITLE_MAX} 个字`),
  description: z.string().trim().min(5, '请写明项目内容').max(2000),
  /** What it needs from its lead: people, skills, goods, funds, space (the 共建 resources). */
  needs: z.array(agreementResourceSchema).max(5).default([]),
  dueOn: day,
});
export type PublishProjectBody = z.input<typeof publishProjectBodySchema>;

/**
 * `POST /api/projects/:id/claim`: as a paired unit (its admin, `unitId`), as a volunteer team of
 * the community (its leader, `teamId`), or as oneself (a party representative over the community,
 * else a member reported there). 409 PROJECT_ALREADY_CLAIMED when someone else was first.
 */
export const claimProjectBodySchema = z.discriminatedUnion('as', [
  z.object({ as: z.literal('unit'), unitId: idSchema }),
  z.object({ as: z.literal('team'), teamId: idSchema }),
  z.object({ as: z.literal('self') }),
]);
export type ClaimProjectBody = z.infer<typeof claimProjectBodySchema>;

/** `/send-back` (staff), `/hand-back` (the lead), `/withdraw` (staff): with a reason. */
export const projectReasonBodySchema = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });

/** `POST /api/projects/:id/updates` (the lead's progress) and `/complete` (the lead's report that it is done). */
export const projectUpdateBodySchema = z.object({
  content: z.string().trim().min(2, '请填写进展内容').max(1000),
  photoIds: z.array(idSchema).max(PROJECT_PHOTOS_MAX, `最多 ${PROJECT_PHOTOS_MAX} 张照片`).optional(),
});
export type ProjectUpdateBody = z.infer<typeof projectUpdateBodySchema>;

/** `POST /api/projects/:id/rating`: residents of the community rate a completed project, once each. */
export const rateProjectBodySchema = z.object({
  stars: z.number().int().min(1, '请选择评分').max(5),
  comment: z.string().trim().max(200).optional(),
});
export type RateProjectBody = z.infer<typeof rateProjectBodySchema>;

/** A capacity the viewer may claim an open project in, with the name to show (`认领为 …`). */
export const projectClaimOptionSchema = z.object({
  as: z.enum(['unit', 'team', 'self']),
  unitId: z.string().optional(),
  teamId: z.string().optional(),
  /** The lead kind the claim makes (self: party_rep or member). */
  leadKind: projectLeadKindSchema,
  label: z.string(),
});
export type ProjectClaimOption = z.infer<typeof projectClaimOptionSchema>;

export const projectLeadSchema = z.object({
  kind: projectLeadKindSchema,
  /** The unit's or team's name, or the person's name. */
  name: z.string(),
  unitId: z.string().nullable(),
  teamId: z.string().nullable(),
});
export type ProjectLead = z.infer<typeof projectLeadSchema>;

export const projectSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  category: projectCategorySchema,
  title: z.string(),
  description: z.string(),
  needs: z.array(agreementResourceSchema),
  dueOn: z.string(),
  status: projectStateSchema,
  /** Past due and not completed (China's date). */
  overdue: z.boolean(),
  lead: projectLeadSchema.nullable(),
  claimedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  publishedAt: z.string(),
  /** Why staff last sent it back, while it is being redone; null otherwise. */
  sentBackReason: z.string().nullable(),
  updateCount: z.number().int(),
  rating: z.object({ average: z.number(), count: z.number().int() }).nullable(),
  /** The viewer's own stars, when they rated it. */
  myStars: z.number().int().nullable(),
  /** Whether the viewer may rate it now (completed, lives or serves in the community, not its lead, not rated yet). */
  mayRate: z.boolean(),
  viewerActors: z.array(z.enum(PROJECT_ACTORS)),
  /** The capacities the viewer may claim it in (empty unless open and eligible). */
  claimOptions: z.array(projectClaimOptionSchema),
  /** Whether the viewer may log service records against it (a member of the leading unit or team, or the lead). */
  mayLogRecords: z.boolean(),
});
export type Project = z.infer<typeof projectSchema>;

/** One step of a project's timeline. Progress and the report of completion carry the lead's words and photos. */
export const projectEventSchema = z.object({
  id: z.string(),
  kind: projectEventKindSchema,
  /** Who acted, as the board shows them: the unit's or team's name for its lead, 社区 for staff. */
  byName: z.string(),
  content: z.string().nullable(),
  photos: z.array(photoSchema),
  at: z.string(),
});
export type ProjectEvent = z.infer<typeof projectEventSchema>;

export const projectDetailSchema = projectSchema.extend({ events: z.array(projectEventSchema) });
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

/**
 * `GET /api/projects`: a community's board (`communityId`, anyone signed in; withdrawn ones only
 * to staff), a subtree's (`orgId`, staff and admins above), those led by the viewer or their
 * units and teams (`mine=1`), or those open to the viewer's claim (`claimable=1`: the paired
 * communities of their units, their teams' and reported communities). Newest first.
 */
export const projectListQuerySchema = z.object({
  communityId: idSchema.optional(),
  orgId: idSchema.optional(),
  mine: z.enum(['1']).optional(),
  claimable: z.enum(['1']).optional(),
  status: projectStateSchema.optional(),
  category: projectCategorySchema.optional(),
  overdue: z.enum(['1']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;
