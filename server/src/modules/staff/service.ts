import { and, eq, isNull } from 'drizzle-orm';
import { GRANTABLE_ROLES, GRANT_NODE_KINDS, mayManageGrant, type Grant, type GrantStaffBody, type OrgKind, type Target } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { roleGrants, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import type { Actor } from '../users/actor';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../audit/audit';
import type { OrgNodes } from '../orgs/nodes';
import { getOrgNode, parseId } from '../orgs/service';
import { getUnitRow } from '../units/service';
import { assertManagesGrants, mayManage, selectGrants } from './grants';

/** Where a grant would apply, checked against the kind of node each role is granted on. */
export async function grantTarget(db: Db, nodes: OrgNodes, body: GrantStaffBody): Promise<Target> {
  if (body.role === 'unit_admin') {
    const unit = await getUnitRow(db, body.unitId!);
    return { unitId: String(unit.id), unitOrgPath: unit.orgPath };
  }
  const node = await getOrgNode(nodes, body.orgId!);
  const kinds: readonly OrgKind[] = GRANT_NODE_KINDS[body.role as keyof typeof GRANT_NODE_KINDS];
  if (!kinds.includes(node.kind)) throw new AppError(400, 'GRANT_SCOPE_MISMATCH', undefined, { allowed: kinds });
  return { orgPath: node.path };
}

/** Someone who grants nothing, or not this role, is refused outright, wherever it would apply. */
export function assertMayGrant(actor: Actor, role: GrantStaffBody['role']): void {
  assertManagesGrants(actor);
  if (!actor.grants.some((g) => GRANTABLE_ROLES[g.role]?.includes(role))) throw new AppError(403, 'ROLE_NOT_GRANTABLE');
}

/**
 * The account holding `phone`, made when there is none, and held (a shared lock) until the grant is
 * written: 注销 takes the same row first, so an account is never deleted with a role just granted.
 * One deleted meanwhile has freed its phone, and the next try makes the new account.
 */
async function accountOfPhone(tx: Tx, account: { phone: string; name: string; passwordHash: string | null }) {
  for (let tries = 0; tries < 2; tries++) {
    await tx.insert(users).values(account).onConflictDoNothing({ target: users.phone });
    const [user] = await tx.select().from(users).where(eq(users.phone, account.phone)).for('share');
    if (user) return user;
  }
  throw new AppError(503, 'SERVICE_UNAVAILABLE');
}

/**
 * `POST /api/staff`: grants a role within the granter's own scope, creating the account with
 * `initialPassword` when the phone has none. Granting twice answers the existing grant.
 */
export async function grantRole(db: Db, actor: Actor, body: GrantStaffBody, target: Target): Promise<Grant> {
  if (!mayManageGrant(actor.grants, body.role, target)) throw new AppError(403, 'ROLE_NOT_GRANTABLE');
  const passwordHash = body.initialPassword ? await hashPassword(body.initialPassword) : null;
  const orgId = body.orgId === undefined ? null : Number(body.orgId);
  const unitId = body.unitId === undefined ? null : Number(body.unitId);

  return db.transaction(async (tx) => {
    const user = await accountOfPhone(tx, { phone: body.phone, name: body.name, passwordHash });
    if (!user.passwordHash && !user.wechatOpenId) {
      throw new AppError(400, 'INITIAL_PASSWORD_REQUIRED');
    }
    const [inserted] = await tx
      .insert(roleGrants)
      .values({ userId: user.id, role: body.role, orgId, unitId, grantedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    const grant =
      inserted ??
      (
        await tx
          .select()
          .from(roleGrants)
          .where(
            and(
              eq(roleGrants.userId, user.id),
              eq(roleGrants.role, body.role),
              orgId === null ? isNull(roleGrants.orgId) : eq(roleGrants.orgId, orgId),
              unitId === null ? isNull(roleGrants.unitId) : eq(roleGrants.unitId, unitId),
            ),
          )
      )[0]!;
    if (inserted) {
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'role.grant',
        entity: 'user',
        entityId: user.id,
        to: body.role,
        details: { orgId, unitId },
        orgPath: target.orgPath ?? target.unitOrgPath ?? null,
      });
    }
    return {
      id: String(grant.id),
      userId: String(grant.userId),
      role: grant.role,
      orgId: grant.orgId === null ? null : String(grant.orgId),
      unitId: grant.unitId === null ? null : String(grant.unitId),
    };
  });
}

/**
 * `POST /api/staff/:grantId/revoke`: ends a grant at once (the actor cache hears of it through the
 * role_grants trigger). The row goes; its history stays in the audit trail. Nobody revokes their own
 * last grant: the district would be left with nobody to grant it back but an admin above.
 */
export async function revokeGrant(db: Db, actor: Actor, grantId: string): Promise<void> {
  assertManagesGrants(actor);
  const id = parseId(grantId);
  if (id === null) throw notFound();
  await db.transaction(async (tx) => {
    const [grant] = await selectGrants(tx).where(eq(roleGrants.id, id));
    if (!grant || !mayManage(actor, grant)) throw notFound();
    if (grant.userId === actor.userId) {
      // One's own revocations one at a time (the account's row locked), each seeing what the last left.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('no key update');
      const mine = await tx.select({ id: roleGrants.id, role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, actor.userId));
      if (!mine.some((g) => g.id !== id && (GRANTABLE_ROLES[g.role]?.length ?? 0) > 0)) throw new AppError(409, 'LAST_OWN_GRANT');
    }
    const [gone] = await tx.delete(roleGrants).where(eq(roleGrants.id, id)).returning({ id: roleGrants.id });
    if (!gone) throw notFound();
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'role.revoke',
      entity: 'user',
      entityId: grant.userId,
      from: grant.role,
      details: { grantId: id, role: grant.role, orgId: grant.orgId, unitId: grant.unitId, grantedBy: grant.grantedBy },
      orgPath: grant.path,
    });
  });
}
