import { sessionSchema, type Session } from '@huijia/shared';
import { request } from './api';
import { saveSession } from './session';

/**
 * 绑定手机号 (weapp): the code of the getPhoneNumber button, which the server exchanges with WeChat.
 * Answers the session of the account the person goes on with (another one when the phone had an
 * account already), kept here in place of the old. 400 WECHAT_PHONE_CODE_INVALID for a stale code,
 * 409 PHONE_ALREADY_BOUND / PHONE_TAKEN.
 */
export async function bindWechatPhone(code: string): Promise<Session> {
  const session = await request('POST', '/api/auth/wechat/phone', { body: { code }, schema: sessionSchema });
  saveSession(session);
  return session;
}
