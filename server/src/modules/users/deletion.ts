import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DeleteAccountBody } from '@huijia/shared';
import type { Db } from '../../db';
import { gridGroups, gridMembers, orgNodes, projects, reports, roleGrants, users, wishes } from '../../db/schema';
import { AppError, unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { verifyPassword } from '../auth/password';
import { revokeAllSessions } from '../auth/tokens';
import { endReports } from '../reports/ending';

/** What a deleted account is called where its past work is still counted. */
export const DELETED_NAME = '已注销用户';

/**
 * `POST /api/me/delete` (注销账号, 个人信息保护法): in one transaction, the member's live report ends
 * as when they leave a roster (posts, pairings and claims handed back, staff told), their wishes
 * not yet taken are withdrawn, a project they lead themselves goes back to open, and they leave the
 * grid (a team they led has no leader until staff choose one); then the account
 * loses its name, phone, password, WeChat binding and home, and every sign-in ends. Verified
 * records and points stay, under 已注销用户, so the figures do not change. Staff, admins and party
 * representatives are refused (409 ACCOUNT_HAS_ROLES) until their roles are revoked by those above.
 */
export async function deleteAccount(db: Db, userId: number, body: DeleteAccountBody, now: Date): Promise<{ wishCommunities: number[] }> {
  const [found] = await db.select({ passwordHash: users.passwordHash }).from(users).where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  if (!found) throw unauthenticated();
  if (found.passwordHash && !(body.password && (await verifyPassword(found.passwordHash, body.password)))) {
    throw new AppError(400, 'CURRENT_PASSWORD_WRONG');
  }
  return db.transaction(async (tx) => {
    // The account's row, held to the end: a role granted meanwhile waits for it (grantRole takes it
    // too), so the grants read next are the last word. Its password must still be the one checked.
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user || user.deactivatedAt) throw unauthenticated();
    if (user.passwordHash !== found.passwordHash) throw new AppError(400, 'CURRENT_PASSWORD_WRONG');
    const [role] = await tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId)).limit(1);
    if (role) throw new AppError(409, 'ACCOUNT_HAS_ROLES');
    const live = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.memberId, userId), inArray(reports.status, ['confirmed', 'pending_offline'])));
    const ended = await endReports(tx, live.map((r) => r.id), 'departed', userId, now);
    await tx
      .update(wishes)
      .set({ status: 'withdrawn', updatedAt: now })
      .where(and(eq(wishes.residentId, userId), isNull(wishes.onBehalfOfName), inArray(wishes.status, ['pending_review', 'published'])));
    await tx
      .update(projects)
      .set({ status: 'open', leadKind: null, leadUnitId: null, leadTeamId: null, leadUserId: null, claimedAt: null, reportedAt: null })
      .where(and(eq(projects.leadUserId, userId), or(eq(projects.leadKind, 'member'), eq(projects.leadKind, 'party_rep')), inArray(projects.status, ['claimed', 'reported'])));
    // Out of every grid branch and volunteer team: a team they led has none until staff choose one.
    await tx.update(gridGroups).set({ leaderId: null }).where(eq(gridGroups.leaderId, userId));
    await tx.delete(gridMembers).where(eq(gridMembers.memberId, userId));
    const [home] = user.homeCommunityId === null ? [] : await tx.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, user.homeCommunityId));
    await tx
      .update(users)
      .set({
        name: DELETED_NAME,
        phone: null,
        passwordHash: null,
        wechatOpenId: null,
        homeCommunityId: null,
        homeCommunitySince: null,
        deactivatedAt: now,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId));
    await revokeAllSessions(tx, userId, now);
    await recordAudit(tx, { actorId: userId, action: 'user.delete', entity: 'user', entityId: userId, details: { reportsEnded: ended.byMember.size }, orgPath: home?.path ?? null });
    return { wishCommunities: ended.wishCommunities };
  });
}
