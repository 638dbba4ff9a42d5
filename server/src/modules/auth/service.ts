import type { FastifyInstance } from 'fastify';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ChangePasswordBody, PasswordLoginBody, PasswordResetBody, RegisterBody, Session } from '@huijia/shared';
import type { Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { users } from '../../db/schema';
import { AppError, unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { withProvenPhone } from '../sms/codes';
import { findUser, requireCommunity, toUser, type UserRow } from '../users/service';
import { hashPassword, verifyPassword } from './password';
import { revokeAllSessions, rotateSession, startSession } from './tokens';
import { bindPhone, verifiedPhone } from '../wechat/phone';
import { exchangeWechatCode } from './wechat';

async function sessionFor(app: FastifyInstance, user: UserRow): Promise<Session> {
  if (user.deactivatedAt) throw new AppError(403, 'ACCOUNT_DEACTIVATED');
  const tokens = await app.db.transaction((tx) => startSession(app, tx, user.id));
  return { ...tokens, user: toUser(user) };
}

/**
 * A resident account from the web build's sign-up, its phone proven by the SMS code sent for
 * `register` (unless the configuration takes phones on trust: SMS_REQUIRED=0 and no code given).
 * A proven phone of a WeChat account without a password joins it (one person, one account: it gets
 * the password); any other account with the phone is 409 PHONE_TAKEN, by the database's uniqueness.
 */
export async function register(app: FastifyInstance, body: RegisterBody): Promise<Session> {
  if (!body.smsCode && app.config.sms.required) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'body.smsCode', message: '请输入短信验证码' }]);
  }
  const passwordHash = await hashPassword(body.password);
  const now = app.now();
  const signUp = async (tx: Tx, proven: boolean): Promise<Session> => {
    const homeCommunityId = body.communityId ? await requireCommunity(tx, body.communityId) : null;
    const home = homeCommunityId === null ? {} : { homeCommunityId, homeCommunitySince: now };
    const [existing] = proven ? await tx.select().from(users).where(eq(users.phone, body.phone)).for('update') : [];
    if (existing && (existing.passwordHash || existing.deactivatedAt)) throw new AppError(409, 'PHONE_TAKEN');
    const [user] = existing
      ? await tx
          .update(users)
          .set({ name: body.name, passwordHash, phoneVerifiedAt: now, consentedAt: now, updatedAt: now, ...(existing.homeCommunityId === null ? home : {}) })
          .where(eq(users.id, existing.id))
          .returning()
      : await tx
          .insert(users)
          .values({ phone: body.phone, name: body.name, passwordHash, phoneVerifiedAt: proven ? now : null, consentedAt: now, ...home })
          .returning();
    const tokens = await startSession(app, tx, user!.id);
    return { ...tokens, user: toUser(user!) };
  };
  try {
    if (!body.smsCode) return await app.db.transaction((tx) => signUp(tx, false));
    return await withProvenPhone(app, { phone: body.phone, purpose: 'register', code: body.smsCode }, now, (tx) => signUp(tx, true));
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
    .values({ wechatOpenId: openId, name: '微信用户', consentedAt: sql`now()` })
    .onConflictDoUpdate({ target: users.wechatOpenId, set: { updatedAt: sql`now()`, consentedAt: sql`coalesce(${users.consentedAt}, now())` } })
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

/**
 * `POST /api/auth/password/reset` (忘记密码): a code sent for `reset` proves the phone; the account
 * gets the new password, any one-time password from an admin stops mattering, every sign-in of the
 * account ends, and a new session answers. A phone without an active account was never sent a code,
 * so it fails as a wrong code does.
 */
export async function resetPassword(app: FastifyInstance, body: PasswordResetBody): Promise<Session> {
  const passwordHash = await hashPassword(body.newPassword);
  const now = app.now();
  return withProvenPhone(app, { phone: body.phone, purpose: 'reset', code: body.smsCode }, now, async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, phoneVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.phone, body.phone), isNull(users.deactivatedAt)))
      .returning();
    if (!user) throw new AppError(400, 'SMS_CODE_INVALID');
    await revokeAllSessions(tx, user.id, now);
    // A person's own act, in no node's trail, as 修改密码 is.
    await recordAudit(tx, { actorId: user.id, action: 'user.change_password', entity: 'user', entityId: user.id, orgPath: null, details: { via: 'sms' } });
    const tokens = await startSession(app, tx, user.id);
    return { ...tokens, user: toUser(user) };
  });
}

/**
 * `POST /api/auth/wechat/phone`: the phone of the getPhoneNumber button, verified by WeChat, bound
 * to the WeChat account (wechat/phone.ts); a session for the account the person goes on with,
 * which is another when the phone had one already.
 */
export async function bindWechatPhone(app: FastifyInstance, userId: number, code: string): Promise<Session> {
  // Only a WeChat account has a WeChat phone to bind: nobody else spends WeChat's quota.
  if (!(await findUser(app.db, userId))?.wechatOpenId) throw new AppError(403, 'WECHAT_ONLY');
  const phone = await verifiedPhone(app.wechatTokens, code);
  return app.db.transaction(async (tx) => {
    const accountId = await bindPhone(tx, userId, phone, app.now());
    const user = (await findUser(tx, accountId))!;
    const tokens = await startSession(app, tx, accountId);
    return { ...tokens, user: toUser(user) };
  });
}
