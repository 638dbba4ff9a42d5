import { z } from 'zod';
import { idSchema, orgKindSchema } from '../domain/org';
import { passwordSchema, personNameSchema, phoneSchema } from '../domain/user';
import { roleSchema } from '../domain/roles';

/** `POST /api/orgs`: a node one level below its parent. */
export const createOrgBodySchema = z.object({
  parentId: idSchema,
  kind: orgKindSchema,
  name: z.string().trim().min(1, '请输入名称').max(60),
});
export type CreateOrgBody = z.infer<typeof createOrgBodySchema>;

/** `POST /api/staff`: grants a role, creating the account when the phone has none. */
export const grantStaffBodySchema = z
  .object({
    phone: phoneSchema,
    name: personNameSchema,
    role: roleSchema.exclude(['resident', 'member']),
    orgId: idSchema.optional(),
    unitId: idSchema.optional(),
    initialPassword: passwordSchema.optional(),
  })
  .refine((b) => (b.role === 'unit_admin' ? b.unitId && !b.orgId : b.orgId && !b.unitId), {
    message: '单位管理员需指定 unitId，其他角色需指定 orgId',
    path: ['role'],
  });
export type GrantStaffBody = z.infer<typeof grantStaffBodySchema>;

export const grantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  role: roleSchema,
  orgId: z.string().nullable(),
  unitId: z.string().nullable(),
});
export type Grant = z.infer<typeof grantSchema>;

/** `POST /api/units`. `orgId` is the node it is registered under (default: the caller's). */
export const createUnitBodySchema = z.object({
  name: z.string().trim().min(1, '请输入单位名称').max(60),
  pairedCommunityIds: z.array(idSchema).max(50).default([]),
  orgId: idSchema.optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBodySchema>;

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  pairedCommunities: z.array(z.object({ id: z.string(), name: z.string() })),
  rosterSize: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;
