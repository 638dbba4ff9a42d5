import {
  type Grant,
  grantSchema,
  type GrantStaffBody,
  listEnvelope,
  type PasswordReset,
  passwordResetSchema,
  type StaffGrant,
  staffGrantSchema,
} from '@huijia/shared';
import { request } from './api';

/** A grant as a paged list holds it: keyed by `id` like every other row. */
export type StaffRow = StaffGrant & { id: string };

const staffPageSchema = listEnvelope(staffGrantSchema);

/** Where the list looks: grants on a node and below it, or a unit's admins. */
export type StaffScope = { orgId: string } | { unitId: string };

/** 人员与权限: who holds which role on the node (and below) or in the unit. */
export async function listStaff(scope: StaffScope, cursor: string | null): Promise<{ items: StaffRow[]; nextCursor: string | null }> {
  const answer = await request('GET', '/api/staff', { query: { ...scope, cursor, limit: 20 }, schema: staffPageSchema });
  return { items: answer.items.map((grant) => ({ ...grant, id: grant.grantId })), nextCursor: answer.nextCursor };
}

/**
 * 授予角色, creating the account with `initialPassword` when the phone has none (else 400
 * INITIAL_PASSWORD_REQUIRED). 403 ROLE_NOT_GRANTABLE, 400 GRANT_SCOPE_MISMATCH.
 */
export function grantStaff(body: GrantStaffBody): Promise<Grant> {
  return request('POST', '/api/staff', { body, schema: grantSchema });
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** 撤销: the holder's next request no longer carries the role. 409 LAST_OWN_GRANT. */
export function revokeGrant(grantId: string): Promise<void> {
  return request('POST', `/api/staff/${encodeURIComponent(grantId)}/revoke`);
}

/** 重置密码: a one-time password, shown once, that the person must replace at first sign-in. */
export function resetPassword(userId: string): Promise<PasswordReset> {
  return request('POST', `${userPath(userId)}/reset-password`, { schema: passwordResetSchema });
}

/** 停用账号: every session of the account ends at once. */
export function deactivateUser(userId: string, reason: string): Promise<void> {
  return request('POST', `${userPath(userId)}/deactivate`, { body: { reason } });
}

/** 恢复账号. */
export function reactivateUser(userId: string): Promise<void> {
  return request('POST', `${userPath(userId)}/reactivate`);
}
