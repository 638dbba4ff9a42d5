import { z } from 'zod';
import { idSchema } from '../domain/org';
import { pioneerRoleSchema } from '../domain/roles';
import { personNameSchema, phoneSchema } from '../domain/user';
import { wishCategorySchema } from '../domain/wish';
import { WISH_ACTORS, wishStateSchema } from '../machines/wish';

export const WISH_TITLE_MAX = 40;
export const WISH_DESCRIPTION_MAX = 1000;
export const WISH_PHOTOS_MAX = 6;

const photoIdsSchema = z.array(idSchema).max(WISH_PHOTOS_MAX, `最多 ${WISH_PHOTOS_MAX} 张照片`);

/** `POST /api/wishes`: a resident's micro-wish (微心愿), private fields included. */
/** 代办: a resident without a smartphone, whose wish community staff post and answer for. */
export const onBehalfOfSchema = z.object({
  name: personNameSchema,
  phone: phoneSchema,
  address: z.string().trim().min(2, '请填写地址').max(120, '地址过长'),
});
export type OnBehalfOf = z.infer<typeof onBehalfOfSchema>;

/** What a wish says, and how to reach its resident: the form's fields, posted or resubmitted. */
const wishContentFields = z.object({
  title: z.string().trim().min(2, '标题至少 2 个字').max(WISH_TITLE_MAX, `标题最多 ${WISH_TITLE_MAX} 个字`),
  description: z.string().trim().min(5, '请具体描述您的心愿').max(WISH_DESCRIPTION_MAX, `描述最多 ${WISH_DESCRIPTION_MAX} 个字`),
  category: wishCategorySchema,
  pioneerRole: pioneerRoleSchema.optional(),
  contactPhone: phoneSchema.optional(),
  address: z.string().trim().min(2, '请填写地址').max(120, '地址过长').optional(),
  photoIds: photoIdsSchema.optional(),
});

/** A wish as a resident posts it, or as staff post it for one (`onBehalfOf`, whose phone and
 *  address are the contact: `contactPhone` and `address` are then not asked). */
export const createWishBodySchema = wishContentFields
  .extend({ communityId: idSchema, onBehalfOf: onBehalfOfSchema.optional() })
  .superRefine((body, ctx) => {
    if (body.onBehalfOf) return;
    if (!body.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '请输入有效的手机号' });
    if (!body.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写地址' });
  });
export type CreateWishBody = z.infer<typeof createWishBodySchema>;

/**
 * `POST /api/wishes/:id/resubmit`: the resident's rejected wish, edited, sent for review again.
 * `photoIds` is the whole set it keeps: its own photos still listed stay, the rest are taken off,
 * new uploads are added.
 */
export const resubmitWishBodySchema = wishContentFields.extend({
  contactPhone: phoneSchema,
  address: z.string().trim().min(2, '请填写地址').max(120, '地址过长'),
});
export type ResubmitWishBody = z.infer<typeof resubmitWishBodySchema>;

export const fulfilWishBodySchema = z.object({
  note: z.string().trim().min(2, '请说明完成情况').max(1000),
  photoIds: photoIdsSchema.optional(),
});
export const confirmWishBodySchema = z.object({
  rating: z.number().int().min(1, '评分为 1-5 分').max(5, '评分为 1-5 分'),
  comment: z.string().trim().max(500).optional(),
});
export const resolveWishBodySchema = z.object({
  outcome: z.enum(['completed', 'reopen']),
  note: z.string().trim().min(1, '请填写处理说明').max(500),
});

export const photoSchema = z.object({ id: z.string(), url: z.string() });
export type Photo = z.infer<typeof photoSchema>;

/**
 * A wish as the API answers it. `contactPhone` and `address` are present only for the resident,
 * the current claimant and staff of the wish's community; for anyone else the keys are absent.
 * `viewerActors` says who the caller is to this wish, so the mini-program shows only the actions
 * `wishMachine.available(viewerActors, status)` allows.
 */
export const wishSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  title: z.string(),
  description: z.string(),
  category: wishCategorySchema,
  pioneerRole: pioneerRoleSchema.nullable(),
  status: wishStateSchema,
  /** Masked (王**) unless the caller is entitled to the name. For a 代办 wish, the name staff typed. */
  residentName: z.string(),
  /** 代办: staff posted it for a resident without a smartphone and answer for them. Present only
   *  where `contactPhone` is (the resident, the claimant, staff of its community). */
  onBehalfOf: z.boolean().optional(),
  claimantName: z.string().nullable(),
  contactPhone: z.string().optional(),
  address: z.string().optional(),
  photos: z.array(photoSchema),
  rejectReason: z.string().nullable(),
  /** When staff approved or rejected it. */
  reviewedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  contactDueAt: z.string().nullable(),
  fulfilDueAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  evidence: z.array(photoSchema),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  resolution: z.string().nullable(),
  /** When a low rating disputed it; cleared when staff reopen it. */
  disputedAt: z.string().nullable(),
  /** When it was confirmed complete (by the resident, by staff after 7 days, or settling a dispute). */
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  viewerActors: z.array(z.enum(WISH_ACTORS)),
});
export type Wish = z.infer<typeof wishSchema>;

export const wishListQuerySchema = z.object({
  communityId: idSchema.optional(),
  status: wishStateSchema.optional(),
  category: wishCategorySchema.optional(),
  mine: z.enum(['1', 'true']).optional(),
  claimedByMe: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type WishListQuery = z.infer<typeof wishListQuerySchema>;

/** Deadlines a community sets for claims (days to contact the resident, days to fulfil). */
export const wishDeadlinesSchema = z.object({
  contactDays: z.number().int().min(1).max(60),
  fulfilDays: z.number().int().min(1).max(180),
});
export type WishDeadlines = z.infer<typeof wishDeadlinesSchema>;

/** Members who may pair with one household when a community sets nothing (结对帮扶: one, unless staff allow more). */
export const DEFAULT_HOUSEHOLD_MAX_MEMBERS = 1;

/** `GET`/`PUT /api/communities/:id/settings`: what a community's staff set from the app. */
export const communitySettingsSchema = wishDeadlinesSchema.extend({
  /** How many members may pair with one household at most (结对帮扶): new households and changed
   *  caps stay within it; households already above it keep theirs. */
  householdMaxMembers: z.number().int().min(1).max(10),
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

/**
 * `GET /api/communities/:id/queues`: what waits for the community's staff on 工作台, each counted
 * exactly as its queue lists it — wishes to review (审核心愿), disputes (心愿异议), reports to confirm
 * (确认报到) and service records to verify (核实服务).
 */
export const staffQueueCountsSchema = z.object({
  review: z.number().int().min(0),
  disputes: z.number().int().min(0),
  reports: z.number().int().min(0),
  records: z.number().int().min(0),
});
export type StaffQueueCounts = z.infer<typeof staffQueueCountsSchema>;
