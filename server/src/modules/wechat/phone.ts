import { and, eq, isNull } from 'drizzle-orm';
import { phoneSchema } from '@huijia/shared';
import type { Tx } from '../../db';
import { notifications, users, wechatOutbox, wechatSubscriptions, wishes } from '../../db/schema';
import { AppError } from '../../http/errors';
import { revokeAllSessions } from '../auth/tokens';
import type { WechatTokens } from './token';
import { wechatRefusal } from './errors';

interface PhoneInfo {
  phone_info?: { purePhoneNumber?: string; countryCode?: string };
}

/**
 * The phone WeChat vouches for, from the code of the `getPhoneNumber` button
 * (`wxa/business/getuserphonenumber`). A code is good once and for five minutes: 40029 is 400
 * WECHAT_PHONE_CODE_INVALID; WeChat's other refusals as `wechatRefusal` says. Mainland numbers
 * only: the rosters hold those.
 */
export async function verifiedPhone(tokens: WechatTokens, code: string): Promise<string> {
  const answer = await tokens.call<PhoneInfo>('/wxa/business/getuserphonenumber', { code });
  if (answer.errcode === 40029) throw new AppError(400, 'WECHAT_PHONE_CODE_INVALID', undefined, { errcode: 40029 });
  if (answer.errcode) throw wechatRefusal(answer);
  const info = answer.phone_info;
  const phone = phoneSchema.safeParse(info?.purePhoneNumber);
  if (!info || (info.countryCode && info.countryCode !== '86') || !phone.success) {
    throw new AppError(400, 'BAD_REQUEST', '仅支持中国大陆手机号');
  }
  return phone.data;
}

/**
 * Binds a verified phone to the WeChat account `userId` signed in with, in the caller's
 * transaction, and answers the account the person goes on with (one person, one account):
 * - the account's own phone again: it is marked verified;
 * - a phone no account has: it becomes this account's; a roster phone makes a member at once
 *   (membership is derived from the phone at the next request);
 * - a phone another account has (signed up on the web, or imported for staff): the openid moves
 *   to that account, which is the person's; what the WeChat account did as a resident (its wishes,
 *   messages, subscriptions and the subscribe messages waiting to go) moves with it, and the WeChat account is closed (deactivated, its
 *   sessions revoked). That account must not be bound to another WeChat.
 * An account that already has another phone keeps it (409 PHONE_ALREADY_BOUND).
 */
export async function bindPhone(tx: Tx, userId: number, phone: string, now: Date): Promise<number> {
  const [account] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!account || account.deactivatedAt) throw new AppError(401, 'UNAUTHENTICATED');
  if (!account.wechatOpenId) throw new AppError(403, 'WECHAT_ONLY');
  if (account.phone === phone) {
    await tx.update(users).set({ phoneVerifiedAt: now }).where(eq(users.id, userId));
    return userId;
  }
  if (account.phone !== null) throw new AppError(409, 'PHONE_ALREADY_BOUND');
  const [owner] = await tx.select().from(users).where(eq(users.phone, phone)).for('update');
  if (!owner) {
    await tx.update(users).set({ phone, phoneVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
    return userId;
  }
  if (owner.wechatOpenId !== null || owner.deactivatedAt) throw new AppError(409, 'PHONE_TAKEN', '该手机号已绑定其他微信账号');
  // The openid is unique: off the WeChat account first, then onto the person's.
  await tx.update(users).set({ wechatOpenId: null, deactivatedAt: now, updatedAt: now }).where(eq(users.id, userId));
  await tx.update(users).set({ wechatOpenId: account.wechatOpenId, phoneVerifiedAt: now, updatedAt: now }).where(eq(users.id, owner.id));
  await tx.update(wishes).set({ residentId: owner.id }).where(eq(wishes.residentId, userId));
  await tx.update(notifications).set({ userId: owner.id }).where(eq(notifications.userId, userId));
  await tx.update(wechatSubscriptions).set({ userId: owner.id }).where(and(eq(wechatSubscriptions.userId, userId), isNull(wechatSubscriptions.usedAt)));
  await tx.update(wechatOutbox).set({ userId: owner.id }).where(and(eq(wechatOutbox.userId, userId), eq(wechatOutbox.status, 'pending')));
  await revokeAllSessions(tx, userId, now);
  return owner.id;
}
