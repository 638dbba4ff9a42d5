import { AppError } from '../../http/errors';
import type { WechatAnswer } from './client';

/** WeChat's errcodes that say the app is set up wrong: appid, secret, the server's IP not whitelisted. */
const CONFIG_ERRCODES: ReadonlySet<number> = new Set([40013, 40125, 40164, 41002, 41004, 61024]);
/** WeChat's quota errcodes: the day's or the minute's calls are used up. */
const QUOTA_ERRCODES: ReadonlySet<number> = new Set([45009, 45011]);

/**
 * What a refusal from WeChat means for the caller, when the endpoint has no meaning of its own for
 * it: the app's configuration (503 WECHAT_CONFIG_INVALID), a quota (429 WECHAT_QUOTA_EXCEEDED), or
 * WeChat being unwell (503 WECHAT_UNAVAILABLE); WeChat's code in details either way.
 */
export function wechatRefusal(answer: WechatAnswer<unknown>): AppError {
  const details = { errcode: answer.errcode ?? null, errmsg: answer.errmsg ?? null };
  if (answer.errcode !== undefined && CONFIG_ERRCODES.has(answer.errcode)) return new AppError(503, 'WECHAT_CONFIG_INVALID', undefined, details);
  if (answer.errcode !== undefined && QUOTA_ERRCODES.has(answer.errcode)) return new AppError(429, 'WECHAT_QUOTA_EXCEEDED', undefined, details);
  return new AppError(503, 'WECHAT_UNAVAILABLE', undefined, details);
}
