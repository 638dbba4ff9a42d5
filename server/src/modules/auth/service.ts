import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { PasswordLoginBody, RegisterBody, Session } from '@huijia/shared';
import { isUniqueViolation } from '../../db/errors';
import { users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { findUser, requireCommunity, toUser, type UserRow } from '../users/service';
import { hashPassword, verifyPassword } from './password';
import { rotateSession, startSession } from './tokens';
import { exchangeWechatCode } from './wechat';

async function sessionFor(app: FastifyInstance, user: UserRow): Promise<Session> {
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
