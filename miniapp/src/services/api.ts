import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, errorBodySchema, sessionSchema } from '@huijia/shared';
import { goToLogin, goToPasswordChange } from '../routes';
import { clearSession, getSession, saveSession, type StoredSession } from './session';

/**
 * The methods wx.request can send. It has no PATCH, so the mini-program cannot call a PATCH route
 * as such.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the client needs of a zod schema from `@huijia/shared`; the mini-program does not import zod itself. */
export interface Schema<T> {
  parse(input: unknown, context?: { jitless?: boolean }): T;
}

// zod compiles object parsers with `new Function` when a probe says it may. The WeChat runtime
// forbids `new Function`, and on devices its replacement does not throw but gives no working
// function ("Function(...) is not a function"), so the probe cannot be trusted: parse without the
// compiled fast path, on h5 alike. Every parse of a shared schema in the app passes this.
export const PARSE_CONTEXT = { jitless: true } as const;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  body?: unknown;
  /** Entries that are null or undefined are left out. */
  query?: Record<string, QueryValue>;
  /** Parses the answer; without it the body is returned unchecked. */
  schema?: Schema<T>;
  /** Statuses other than 2xx whose body is still an answer in `schema`'s shape (503 from /api/health). */
  answerStatuses?: readonly number[];
  /** Sends no bearer token and never renews the session: the sign-in routes and refresh itself. */
  anonymous?: boolean;
  /** On a 401, renew the session and send again once (default). */
  renewOnUnauthenticated?: boolean;
}

/**
 * A call that did not succeed. `code` is the server's stable code (api.md) and `message` its
 * Chinese text for people. When no answer arrived at all, `status` is 0 and `code` NETWORK_ERROR.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 15_000;
const NETWORK_ERROR_MESSAGE = ERROR_MESSAGES.NETWORK_ERROR;
const UNEXPECTED_STATUS_MESSAGE = '服务暂时不可用，请稍后重试';
const UNREADABLE_ANSWER_MESSAGE = '服务返回的数据无法识别，请稍后重试';
const SESSION_ENDED_MESSAGE = '登录已过期，请重新登录';

/** The one place request headers are made. */
function buildHeaders(accessToken: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  return headers;
}

/** `?a=1&b=2` of the entries that are set, encoded; empty when none is. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

interface Answer {
  status: number;
  data: unknown;
}

async function send(
  method: HttpMethod,
  url: string,
  body: unknown,
  accessToken: string | undefined,
): Promise<Answer> {
  try {
    const response = await Taro.request({
      url,
      method,
      header: buildHeaders(accessToken),
      // wx.request always sends a JSON content type, and Fastify refuses an empty JSON body, so a
      // bodiless write sends `{}`.
      data: method === 'GET' ? undefined : (body ?? {}),
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
    return { status: response.statusCode, data: response.data };
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
}

function interpret<T>({ status, data }: Answer, options: RequestOptions<T>): T {
  if (!isSuccess(status)) {
    const failure = errorBodySchema.safeParse(data, PARSE_CONTEXT);
    if (failure.success) {
      const { code, message, details } = failure.data.error;
      throw new ApiError(status, code, message, details);
    }
    if (!options.answerStatuses?.includes(status)) {
      throw new ApiError(status, 'UNEXPECTED_RESPONSE', UNEXPECTED_STATUS_MESSAGE);
    }
  }

  if (!options.schema) return data as T;
  try {
    return options.schema.parse(data, PARSE_CONTEXT);
  } catch {
    throw new ApiError(status, 'UNEXPECTED_RESPONSE', UNREADABLE_ANSWER_MESSAGE);
  }
}

function sessionEnded(): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', SESSION_ENDED_MESSAGE);
}

/**
 * True for the error of a signed-in call whose session is gone: `request` has then already
 * cleared it and opened the login page, so a page need not show anything of its own. (A wrong
 * password is a 401 too, but BAD_CREDENTIALS.)
 */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED';
}

/** The error code of a refusal, when its body is the API's error shape. */
function codeOf({ data }: Answer): string | undefined {
  const failure = errorBodySchema.safeParse(data, PARSE_CONTEXT);
  return failure.success ? failure.data.error.code : undefined;
}

/**
 * Calls the API at `path` (starting with `/api/`) and returns the answer, parsed by `schema` when
 * given. Signed in, it sends the access token; when that is refused (401, it lives 15 minutes) it
 * renews the session and sends the call once more. When the session cannot be renewed it is
 * cleared and the login page opened. A 403 PASSWORD_CHANGE_REQUIRED (a one-time password not yet
 * replaced) opens the change page.
 */
export async function request<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const url = `${API_BASE}${path}${toQueryString(options.query)}`;
  const session = options.anonymous ? null : getSession();
  let answer = await send(method, url, options.body, session?.accessToken);

  if (answer.status === 401 && !options.anonymous && options.renewOnUnauthenticated !== false) {
    if (session) {
      let renewed: StoredSession;
      try {
        renewed = await renewSession(session.accessToken);
      } catch (error) {
        if (isSessionEnded(error)) goToLogin();
        throw error;
      }
      answer = await send(method, url, options.body, renewed.accessToken);
    }
    // Refused with no session, or even with a token issued just now: only signing in again helps.
    if (answer.status === 401) {
      clearSession();
      goToLogin();
    }
  }
  if (answer.status === 403 && codeOf(answer) === 'PASSWORD_CHANGE_REQUIRED') goToPasswordChange();

  return interpret(answer, options);
}

let renewal: Promise<StoredSession> | null = null;

/**
 * A session whose access token is not `staleAccessToken`: the one in storage if it has already
 * been renewed (by another call, or on h5 by another tab), else a new one from the refresh token.
 * Refresh tokens rotate and one presented twice ends the whole session, so calls refused at the
 * same time share one refresh. Rejects with a 401 `ApiError` (session cleared) when the server
 * refuses the refresh token; a network failure or server error leaves the session in place.
 */
export function renewSession(staleAccessToken: string): Promise<StoredSession> {
  const current = getSession();
  if (!current) return Promise.reject(sessionEnded());
  if (current.accessToken !== staleAccessToken) return Promise.resolve(current);
  if (!renewal) {
    renewal = refresh(current.refreshToken).finally(() => {
      renewal = null;
    });
  }
  return renewal;
}

async function refresh(refreshToken: string): Promise<StoredSession> {
  try {
    const session = await request('POST', '/api/auth/refresh', {
      body: { refreshToken },
      schema: sessionSchema,
      anonymous: true,
    });
    saveSession(session);
    return session;
  } catch (error) {
    // 4xx: the token is dead, reused or malformed. 429 and 5xx say nothing about the token.
    const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
    if (refused && error.status !== 429) {
      clearSession();
      throw sessionEnded();
    }
    throw error;
  }
}
