import { z } from 'zod';
import { idSchema } from '../domain/org';
import { pioneerRoleSchema } from '../domain/roles';
import { seatStateSchema } from '../machines/seat';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const POST_STATES = ['open', 'closed'] as const;
export const postStateSchema = z.enum(POST_STATES);
export type PostState = z.infer<typeof postStateSchema>;
export const POST_STATE_LABELS: Record<PostState, string> = {
  open: '进行中',
  closed: '已关闭',
};

/** `POST /api/posts`: a service post (定岗). */
export const createPostBodySchema = z
  .object({
    communityId: idSchema,
    title: z.string().trim().min(2, '请输入岗位名称').max(40),
    description: z.string().trim().min(5, '请描述岗位职责').max(1000),
    pioneerRole: pioneerRoleSchema,
    capacity: z.number().int().min(1, '至少 1 个名额').max(500, '名额最多 500'),
    schedule: z.string().trim().min(1, '请填写服务时间').max(100),
    location: z.string().trim().min(1, '请填写服务地点').max(100),
    startsOn: dateSchema,
    endsOn: dateSchema,
  })
  .refine((p) => p.endsOn >= p.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

/** `PUT /api/posts/:id`: staff edit a post; capacity never below the seats taken. */
export const updatePostBodySchema = z
  .object({
    title: z.string().trim().min(2).max(40),
    description: z.string().trim().min(5).max(1000),
    capacity: z.number().int().min(1).max(500),
    schedule: z.string().trim().min(1).max(100),
    location: z.string().trim().min(1).max(100),
    endsOn: dateSchema,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdatePostBody = z.infer<typeof updatePostBodySchema>;

/** 认岗: the member's public commitment (认岗书). */
export const claimPostBodySchema = z.object({ commitment: z.string().trim().min(5, '请写下您的服务承诺').max(500) });

/** 评岗: staff and residents score a holder 1-5. */
export const evaluateHolderBodySchema = z.object({
  memberId: idSchema,
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(300).optional(),
});

export const seatSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  commitment: z.string(),
  status: seatStateSchema,
  claimedAt: z.string(),
});
export type Seat = z.infer<typeof seatSchema>;

export const postSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  title: z.string(),
  description: z.string(),
  pioneerRole: pioneerRoleSchema,
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  schedule: z.string(),
  location: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: postStateSchema,
  averageScore: z.number().nullable(),
  evaluations: z.number().int(),
  /** The caller's own active seat, if they hold one. */
  mySeat: seatSchema.nullable(),
  /** Active holders with their commitments (承诺示岗). */
  holders: z.array(seatSchema),
});
export type Post = z.infer<typeof postSchema>;

export const postListQuerySchema = z.object({
  communityId: idSchema.optional(),
  pioneerRole: pioneerRoleSchema.optional(),
  status: postStateSchema.optional(),
  mine: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
