import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DeactivateUserBody, PasswordReset } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { roleGrants, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { hashPassword, oneTimePassword } from '../auth/password';
import { revokeAllSessions } from '../auth/tokens';
import { parseId } from '../orgs/service';
import { accountScope, assertManagesGrants, selectGrants } from '../staff/grants';
import type { Actor } from './actor';

/**
 * An account an admin acts on (停用, 重置密码): only over all their grants. Answers the node its
 * audit rows belong to. Residents and members hold no grant, so
 * no admin reaches their accounts.
 */
async function managedAccount(tx: Tx, actor: Actor, userId: number): Promise<string> {
  const grants = await selectGrants(tx).where(eq(roleGrants.userId, userId));
  return accountScope(actor, grants);
}

/** The id an admin names, refused before anything is read when it cannot be one they act on. */
function accountId(actor: Actor, id: string, self: 'CANNOT_RESET_OWN_PASSWORD' | 'CANNOT_DEACTIVATE_SELF' | null): number {
  assertManagesGrants(actor);
  const userId = parseId(id);
  if (userId === null) throw notFound();
  if (self && userId === actor.userId) throw new AppError(409, self);
  return userId;
}

/**
 * `POST /api/users/:id/reset-password`: a one-time password, shown once to the admin; the holder
 * must replace it at their next sign-in (PASSWORD_CHANGE_REQUIRED until then), and every session
 * they had ends. The audit row never holds the password.
 */
export async function resetPassword(db: Db, actor: Actor, id: string, now: Date): Promise<PasswordReset> {
  const userId = accountId(actor, id, 'CANNOT_RESET_OWN_PASSWORD');
  const password = oneTimePassword();
  // Hashed before the transaction: argon2 takes tens of milliseconds no lock should wait on.
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const orgPath = await managedAccount(tx, actor, userId);
    await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: now }).where(eq(users.id, userId));
    await revokeAllSessions(tx, userId, now);
    await recordAudit(tx, { actorId: actor.userId, action: 'user.reset_password', entity: 'user', entityId: userId, orgPath });
  });
  return { oneTimePassword: password };
}

/**
 * `POST /api/users/:id/deactivate` (停用): no sign-in, no refresh, and any access token still held
 * is refused at its next request (the actor cache hears of deactivated_at). Deactivating twice
 * changes nothing.
 */
export async function deactivateUser(db: Db, actor: Actor, id: string, body: DeactivateUserBody, now: Date): Promise<void> {
  const userId = accountId(actor, id, 'CANNOT_DEACTIVATE_SELF');
  await db.transaction(async (tx) => {
    const orgPath = await managedAccount(tx, actor, userId);
    const [changed] = await tx
      .update(users)
      .set({ deactivatedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
      .returning({ id: users.id });
    if (!changed) return;
    await revokeAllSessions(tx, userId, now);
    await recordAudit(tx, { actorId: actor.userId, action: 'user.deactivate', entity: 'user', entityId: userId, details: { reason: body.reason }, orgPath });
  });
}

/** `POST /api/users/:id/reactivate`: undoes a deactivation; the person signs in again as before. */
export async function reactivateUser(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  const userId = accountId(actor, id, null);
  await db.transaction(async (tx) => {
    const orgPath = await managedAccount(tx, actor, userId);
    const [changed] = await tx
      .update(users)
      .set({ deactivatedAt: null, updatedAt: now })
      .where(and(eq(users.id, userId), isNotNull(users.deactivatedAt)))
      .returning({ id: users.id });
    if (changed) await recordAudit(tx, { actorId: actor.userId, action: 'user.reactivate', entity: 'user', entityId: userId, orgPath });
  });
}
