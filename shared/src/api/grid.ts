import { z } from 'zod';
import { idSchema } from '../domain/org';

/** The 立体网格 inside a community: grid branches (网格临时党支部) and volunteer teams (志愿服务队). */
export const GRID_GROUP_KINDS = ['branch', 'team'] as const;
export const gridGroupKindSchema = z.enum(GRID_GROUP_KINDS);
export type GridGroupKind = z.infer<typeof gridGroupKindSchema>;
export const GRID_GROUP_KIND_LABELS: Record<GridGroupKind, string> = {
  branch: '网格临时党支部',
  team: '志愿服务队',
};

export const createGridGroupBodySchema = z.object({
  kind: gridGroupKindSchema,
  name: z.string().trim().min(1, '请输入名称').max(40),
});
export const addGridMemberBodySchema = z.object({ memberId: idSchema });

export const gridGroupSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  kind: gridGroupKindSchema,
  name: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The branch's or team's leader (负责人), one of its members: a branch's leader holds 建议. */
  leaderId: z.string().nullable(),
});
export type GridGroup = z.infer<typeof gridGroupSchema>;

/** A member's place in the grid, as "我的" shows it. */
export const myGridSchema = z.object({
  branch: z.object({ id: z.string(), name: z.string() }).nullable(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type MyGrid = z.infer<typeof myGridSchema>;
