import type { FastifyInstance } from 'fastify';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ChangePasswordBody, PasswordLoginBody, RegisterBody, Session } from '@huijia/shared';
import { isUniqueViolation } from '../../db/errors';
import { users } from '../../db/schema';
import { AppError, unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { findUser, requireCommunity, toUser, type UserRow } from '../users/service';
import { hashPassword, verifyPassword } from './password';
import { revokeAllSessions, rotateSession, startSession } from './tokens';
import { exchangeWechatCode } from './wechat';

async function sessionFor(app: FastifyInstance, user: UserRow): Promise<Session> {
  if (user.deactivatedAt) throw new AppError(403, 'ACCOUNT_DEACTIVATED');
  const tokens = await app.db.transaction((tx) => startSession(app, tx, user.id));
  return { ...tokens, user: toUser(user) };
}

/** A resident account from the web build's sign-up. The phone's uniqueness is the database's. */
export async function register(app: FastifyInstance, body: RegisterBody): Promise<Session> {
  const passwordHash = await hashPassword(body.password);
  try {
    return await app.db.transaction(async (tx) => {
      const homeCommunityId = body.communityId ? await requireCommunity(tx, body.communityId) : null;
      const [user] = await tx
        .insert(users)
        .values({ phone: body.phone, name: body.name, passwordHash, homeCommunityId, homeCommunitySince: homeCommunityId === null ? null : app.now() })
        .returning();
      const tokens = await startSession(app, tx, user!.id);
      return { ...tokens, user: toUser(user!) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'PHONE_TAKEN');
    throw err;
  }
}

// A hash to verify against when the phone is unknown, so both answers take the same time.
let decoyHash: Promise<string> | undefined;

export async function loginWithPassword(app: FastifyInstance, body: PasswordLoginBody): Promise<Session> {
  const [user] = await app.db.select().from(users).where(eq(users.phone, body.phone));
  const hash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-password-never-matches')));
  const ok = await verifyPassword(hash, body.password);
  if (!user || !user.passwordHash || !ok) throw new AppError(401, 'BAD_CREDENTIALS');
  // Said only to whoever knows the password, so that guessing does not reveal deactivated accounts.
  return sessionFor(app, user);
}

/** WeChat sign-in: the openid is bound to one account; an unknown openid makes a new resident. */
export async function loginWithWechat(app: FastifyInstance, code: string): Promise<Session> {
  const openId = await exchangeWechatCode(app.config.wechat, code);
  const [user] = await app.db
    .insert(users)
    .values({ wechatOpenId: openId, name: '微信用户' })
    .onConflictDoUpdate({ target: users.wechatOpenId, set: { updatedAt: sql`now()` } })
    .returning();
  return sessionFor(app, user!);
}

export async function refresh(app: FastifyInstance, token: string): Promise<Session> {
  const { userId, ...tokens } = await rotateSession(app, token);
  const user = await findUser(app.db, userId);
  if (!user) throw new AppError(401, 'REFRESH_TOKEN_INVALID');
  return { ...tokens, user: toUser(user) };
}

/**
 * `POST /api/auth/password/change` (修改密码, and how a one-time password is replaced): a new
 * session, every other sign-in of the account ended, the forced change cleared.
 */
export async function changePassword(app: FastifyInstance, userId: number, body: ChangePasswordBody): Promise<Session> {
  const user = await findUser(app.db, userId);
  if (!user) throw unauthenticated();
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new AppError(400, 'CURRENT_PASSWORD_WRONG');
  }
  if (body.newPassword === body.currentPassword) throw new AppError(400, 'PASSWORD_UNCHANGED');
  const passwordHash = await hashPassword(body.newPassword);
  const now = app.now();
  return app.db.transaction(async (tx) => {
    // Only over the password just checked: an admin's reset or a deactivation meanwhile wins.
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: now })
      .where(and(eq(users.id, userId), eq(users.passwordHash, user.passwordHash!), isNull(users.deactivatedAt)))
      .returning();
    if (!updated) throw new AppError(400, 'CURRENT_PASSWORD_WRONG');
    await revokeAllSessions(tx, userId, now);
    // A person's own act, in no node's trail: found by the account (entity user).
    await recordAudit(tx, { actorId: userId, action: 'user.change_password', entity: 'user', entityId: userId, orgPath: null });
    const tokens = await startSession(app, tx, userId);
    return { ...tokens, user: toUser(updated) };
  });
}
