import { z } from 'zod';
import { idSchema, orgKindSchema } from '../domain/org';
import { passwordSchema, personNameSchema, phoneSchema } from '../domain/user';
import { roleSchema } from '../domain/roles';
import { listQuerySchema } from './list';

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

/** `PATCH /api/orgs/:id`: rename. */
export const renameOrgBodySchema = z.object({ name: z.string().trim().min(1, '请输入名称').max(60) });
export type RenameOrgBody = z.infer<typeof renameOrgBodySchema>;

/** `POST /api/orgs/:id/move`: under another parent that may hold its kind. */
export const moveOrgBodySchema = z.object({ parentId: idSchema });
export type MoveOrgBody = z.infer<typeof moveOrgBodySchema>;

/** `POST /api/orgs/:id/archive`: 停用, with the whole subtree. */
export const archiveOrgBodySchema = z.object({ reason: z.string().trim().min(2, '请填写停用原因').max(200) });
export type ArchiveOrgBody = z.infer<typeof archiveOrgBodySchema>;

/** `POST /api/orgs/import?orgId=&dryRun=1`: where the tree file goes (default: the caller's district). */
export const importOrgsQuerySchema = z.object({
  orgId: idSchema.optional(),
  dryRun: z.enum(['0', '1']).optional(),
});
export type ImportOrgsQuery = z.infer<typeof importOrgsQuerySchema>;

/** A tree file's rows at most: a district's tree, or a street's at a time for the largest. */
export const ORG_IMPORT_MAX_ROWS = 10_000;

/** What an import made (or, previewed, would make): nodes new and already there; rows refused. */
export const orgImportResultSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  existing: z.number().int(),
  /** New nodes by kind, e.g. `{ street: 2, community: 5 }`. */
  createdByKind: z.record(z.string(), z.number().int()),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type OrgImportResult = z.infer<typeof orgImportResultSchema>;

/** `PATCH /api/units/:id`. */
export const updateUnitBodySchema = z.object({ name: z.string().trim().min(1, '请输入单位名称').max(60) });
export type UpdateUnitBody = z.infer<typeof updateUnitBodySchema>;

/** `PUT /api/units/:id/communities`: the communities it pairs with (结对共建), all of them. */
export const unitCommunitiesBodySchema = z.object({ communityIds: z.array(idSchema).max(50) });
export type UnitCommunitiesBody = z.infer<typeof unitCommunitiesBodySchema>;

/** `GET /api/units?orgId=&q=`: a district's (or street's) units. */
export const unitListQuerySchema = listQuerySchema.extend({
  orgId: idSchema.optional(),
  q: z.string().trim().max(60).optional(),
});
export type UnitListQuery = z.infer<typeof unitListQuerySchema>;

/** A unit in a district's list, with its reporting rate (信息比对 at a glance). */
export const unitSummarySchema = unitSchema.extend({
  /** Roster members with a confirmed report. */
  reported: z.number().int(),
  /** reported / rosterSize, 0-1; null for an empty roster. */
  reportingRate: z.number().nullable(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;
