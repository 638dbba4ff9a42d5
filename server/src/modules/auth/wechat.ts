import { AppError } from '../../http/errors';

const WECHAT_TIMEOUT_MS = 5_000;

export interface WechatConfig {
  appId: string | null;
  secret: string | null;
  apiBase: string;
}

/**
 * Exchanges a `wx.login` code for the user's openid with WeChat's jscode2session. WeChat's error
 * codes answer 401 with the code in details; a WeChat that does not answer in time, 503.
 */
export async function exchangeWechatCode(config: WechatConfig, code: string): Promise<string> {
  if (!config.appId || !config.secret) throw new AppError(503, 'WECHAT_NOT_CONFIGURED');
  const url = new URL('/sns/jscode2session', config.apiBase);
  url.search = new URLSearchParams({
    appid: config.appId,
    secret: config.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();
  let body: { openid?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(WECHAT_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`WeChat answered HTTP ${res.status}`);
    // WeChat answers JSON with a text/plain content type.
    body = JSON.parse(await res.text()) as typeof body;
  } catch {
    throw new AppError(503, 'WECHAT_UNAVAILABLE');
  }
  if (body.errcode) {
    throw new AppError(401, 'WECHAT_LOGIN_FAILED', undefined, { errcode: body.errcode, errmsg: body.errmsg ?? null });
  }
  if (!body.openid) throw new AppError(503, 'WECHAT_UNAVAILABLE');
  return body.openid;
}
