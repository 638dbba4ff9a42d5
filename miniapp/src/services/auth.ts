import Taro from '@tarojs/taro';
import {
  type ChangePasswordBody,
  type DeleteAccountBody,
  sessionSchema,
  type PasswordLoginBody,
  type PasswordResetBody,
  type RegisterBody,
  type Session,
  type SmsBody,
  type SmsSent,
  smsSentSchema,
} from '@huijia/shared';
import { ApiError, renewSession, request } from './api';
import { clearSession, getSession, saveSession } from './session';

const WECHAT_LOGIN_FAILED_MESSAGE = '微信登录失败，请重试';

function signedIn(session: Session): Session {
  saveSession(session);
  return session;
}

/**
 * 获取验证码: a 6-digit code by SMS to the phone, for 注册 or 忘记密码. 429 SMS_TOO_SOON (details
 * say how many seconds to wait), SMS_DAILY_LIMIT, RATE_LIMITED; 409 PHONE_TAKEN for a sign-up of a
 * phone that has an account; 503 SMS_NOT_CONFIGURED where the server sends no SMS.
 */
export function requestSmsCode(body: SmsBody): Promise<SmsSent> {
  return request('POST', '/api/auth/sms', { body, schema: smsSentSchema, anonymous: true });
}

/**
 * 注册: a resident account (the web build's sign-up), the phone proven by its SMS code. 409
 * PHONE_TAKEN when the phone has one; 400 SMS_CODE_INVALID, SMS_CODE_EXPIRED, 429 SMS_TOO_MANY_TRIES.
 */
export async function register(body: RegisterBody): Promise<Session> {
  return signedIn(
    await request('POST', '/api/auth/register', { body, schema: sessionSchema, anonymous: true }),
  );
}

/** 401 BAD_CREDENTIALS for a wrong phone or password, 429 RATE_LIMITED after too many tries. */
export async function signInWithPassword(body: PasswordLoginBody): Promise<Session> {
  return signedIn(
    await request('POST', '/api/auth/password', { body, schema: sessionSchema, anonymous: true }),
  );
}

/**
 * 修改密码, also how a one-time password from an admin's reset is replaced. Every other sign-in of
 * the account ends; this one goes on with the fresh session the server answers. 400
 * CURRENT_PASSWORD_WRONG, PASSWORD_UNCHANGED.
 */
export async function changePassword(body: ChangePasswordBody): Promise<Session> {
  return signedIn(await request('POST', '/api/auth/password/change', { body, schema: sessionSchema }));
}

/**
 * 忘记密码: a new password, the phone proven by its SMS code; every other sign-in of the account
 * ends and this one starts.
 */
export async function resetPassword(body: PasswordResetBody): Promise<Session> {
  return signedIn(
    await request('POST', '/api/auth/password/reset', { body, schema: sessionSchema, anonymous: true }),
  );
}

/** 微信一键登录 (weapp only): the code from wx.login, exchanged by the server with WeChat; the
 *  person has agreed to the 用户协议 and 隐私政策 on the page. */
export async function signInWithWechat(): Promise<Session> {
  let code: string;
  try {
    ({ code } = await Taro.login());
  } catch {
    throw new ApiError(0, 'WECHAT_LOGIN_FAILED', WECHAT_LOGIN_FAILED_MESSAGE);
  }
  if (!code) throw new ApiError(0, 'WECHAT_LOGIN_FAILED', WECHAT_LOGIN_FAILED_MESSAGE);
  return signedIn(
    await request('POST', '/api/auth/wechat', {
      body: { code, agreed: true },
      schema: sessionSchema,
      anonymous: true,
    }),
  );
}

function logout(refreshToken: string): Promise<void> {
  // Not renewed by `request`: it would resend the refresh token that renewing just rotated.
  return request('POST', '/api/auth/logout', {
    body: { refreshToken },
    renewOnUnauthenticated: false,
  });
}

/**
 * 注销账号: the account and the personal information in it are deleted on the server, every
 * sign-in ended; this phone forgets its session too. 400 CURRENT_PASSWORD_WRONG, 409 ACCOUNT_HAS_ROLES.
 */
export async function deleteAccount(body: DeleteAccountBody): Promise<void> {
  await request('POST', '/api/me/delete', { body });
  clearSession();
}

/**
 * 退出登录: revokes the session on the server (so the refresh token is useless to anyone who copies
 * it), then forgets it here. Forgetting does not wait on the server: signing out always works.
 */
export async function signOut(): Promise<void> {
  const session = getSession();
  if (!session) return;
  try {
    await logout(session.refreshToken);
  } catch (error) {
    // The access token expired (it lives 15 minutes): renew, then revoke with the new pair.
    if (error instanceof ApiError && error.status === 401) {
      try {
        const renewed = await renewSession(session.accessToken);
        await logout(renewed.refreshToken);
      } catch {
        // The session is dead or unreachable; nothing more can be revoked from here.
      }
    }
  } finally {
    clearSession();
  }
}
