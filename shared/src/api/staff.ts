import { z } from 'zod';
import { idSchema } from '../domain/org';
import { passwordSchema } from '../domain/user';
import { roleSchema } from '../domain/roles';
import { listQuerySchema } from './list';

/** `GET /api/staff?orgId=` (grants on that node and below) or `?unitId=` (the unit's admins). */
export const staffListQuerySchema = listQuerySchema
  .extend({ orgId: idSchema.optional(), unitId: idSchema.optional() })
  .refine((q) => Boolean(q.orgId) !== Boolean(q.unitId), { message: '请指定 orgId 或 unitId 之一', path: ['orgId'] });
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

/** Someone holding a role somewhere: the grant, its holder and the account's state. */
export const staffGrantSchema = z.object({
  grantId: z.string(),
  role: roleSchema,
  orgId: z.string().nullable(),
  unitId: z.string().nullable(),
  /** The node's or unit's name. */
  scopeName: z.string(),
  user: z.object({
    id: z.string(),
    name: z.string(),
    /** Staff phones are work contacts: shown to the admins who manage them. */
    phone: z.string().nullable(),
    mustChangePassword: z.boolean(),
    deactivatedAt: z.string().nullable(),
  }),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
  /** Whether the caller may revoke this grant. */
  manageable: z.boolean(),
  /** Whether the caller may reset the holder's password or deactivate the account: only over
   *  every grant the holder has, since a password opens all of them. */
  accountManageable: z.boolean(),
});
export type StaffGrant = z.infer<typeof staffGrantSchema>;

/** `POST /api/users/:id/reset-password`: the one-time password, shown once to the admin. */
export const passwordResetSchema = z.object({ oneTimePassword: z.string() });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/** `POST /api/users/:id/deactivate`. */
export const deactivateUserBodySchema = z.object({ reason: z.string().trim().min(2, '请填写停用原因').max(200) });
export type DeactivateUserBody = z.infer<typeof deactivateUserBodySchema>;

/** `POST /api/auth/password/change`: also how a one-time password is replaced. */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
