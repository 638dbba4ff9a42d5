import { z } from 'zod';

/** The seven roles of the programme (domain.md, "Who uses it"). */
export const ROLES = [
  'resident',
  'member',
  'community_staff',
  'unit_admin',
  'street_admin',
  'district_admin',
  'party_rep',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  member: '在职党员',
  community_staff: '社区工作人员',
  unit_admin: '单位党组织管理员',
  street_admin: '街道管理员',
  district_admin: '区管理员',
  party_rep: '党代表',
};

/** The five pioneers (五个先锋): every member picks one or more; posts and wishes carry one. */
export const PIONEER_ROLES = ['model_resident', 'sentiment', 'policy', 'mediation', 'volunteer'] as const;
export const pioneerRoleSchema = z.enum(PIONEER_ROLES);
export type PioneerRole = z.infer<typeof pioneerRoleSchema>;

export const PIONEER_ROLE_LABELS: Record<PioneerRole, string> = {
  model_resident: '模范居民',
  sentiment: '民情收集',
  policy: '政策宣传',
  mediation: '纠纷调解',
  volunteer: '志愿服务',
};

/** A role held by a user: staff and admins on an org node, unit admins on a unit. */
export const roleGrantSchema = z.object({
  role: roleSchema,
  orgId: z.string().optional(),
  unitId: z.string().optional(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;
