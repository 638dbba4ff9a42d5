import { AppError } from '../../http/errors';
import { callWechat, credentialsOf, type WechatConfig } from '../wechat/client';

/**
 * Exchanges a `wx.login` code for the user's openid with WeChat's jscode2session. WeChat's error
 * codes answer 401 with the code in details; a WeChat that does not answer in time, 503.
 */
export async function exchangeWechatCode(config: WechatConfig, code: string): Promise<string> {
  const { appId, secret } = credentialsOf(config);
  const body = await callWechat<{ openid?: string }>(config, '/sns/jscode2session', { appid: appId, secret, js_code: code, grant_type: 'authorization_code' });
  if (body.errcode) {
    throw new AppError(401, 'WECHAT_LOGIN_FAILED', undefined, { errcode: body.errcode, errmsg: body.errmsg ?? null });
  }
  if (!body.openid) throw new AppError(503, 'WECHAT_UNAVAILABLE');
  return body.openid;
}
