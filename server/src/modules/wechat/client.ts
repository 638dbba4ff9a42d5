import { AppError } from '../../http/errors';

const WECHAT_TIMEOUT_MS = 5_000;

export interface WechatConfig {
  appId: string | null;
  secret: string | null;
  apiBase: string;
}

/** What WeChat answers: its fields, or `{ errcode, errmsg }` (with HTTP 200) when it refuses. */
export type WechatAnswer<T> = T & { errcode?: number; errmsg?: string };

/** WeChat's errcodes that say the access token is no longer good: fetch another and try again. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** The app id and secret, or 503 WECHAT_NOT_CONFIGURED before anything is asked of WeChat. */
export function credentialsOf(config: WechatConfig): { appId: string; secret: string } {
  if (!config.appId || !config.secret) throw new AppError(503, 'WECHAT_NOT_CONFIGURED');
  return { appId: config.appId, secret: config.secret };
}

/**
 * One call to WeChat's server API: GET with a query, or POST with a JSON body. WeChat answers
 * JSON with a text/plain content type; a WeChat that does not answer in time, answers an HTTP
 * error or something that is not JSON is 503 WECHAT_UNAVAILABLE. Its own refusals (`errcode`) come
 * back to the caller, which knows what each means where it asked.
 */
export async function callWechat<T>(config: WechatConfig, path: string, query: Record<string, string>, body?: unknown): Promise<WechatAnswer<T>> {
  const url = new URL(path, config.apiBase);
  url.search = new URLSearchParams(query).toString();
  try {
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(WECHAT_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`WeChat answered HTTP ${res.status}`);
    return JSON.parse(await res.text()) as WechatAnswer<T>;
  } catch {
    throw new AppError(503, 'WECHAT_UNAVAILABLE');
  }
}
