import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, errorBodySchema, healthSchema, type Health } from '@huijia/shared';

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
// compiled fast path, on h5 alike.
const PARSE_CONTEXT = { jitless: true } as const;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  body?: unknown;
  /** Entries that are null or undefined are left out. */
  query?: Record<string, QueryValue>;
  /** Parses the answer; without it the body is returned unchecked. */
  schema?: Schema<T>;
  /** Statuses other than 2xx whose body is still an answer in `schema`'s shape (503 from /api/health). */
  answerStatuses?: readonly number[];
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

/** The one place request headers are made; the bearer token will be added here. */
function buildHeaders(): Record<string, string> {
  return { Accept: 'application/json', 'Content-Type': 'application/json' };
}

function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Calls the API at `path` (starting with `/api/`) and returns the answer, parsed by `schema` when given. */
export async function request<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  let status: number;
  let data: unknown;
  try {
    const response = await Taro.request({
      url: `${API_BASE}${path}${toQueryString(options.query)}`,
      method,
      header: buildHeaders(),
      // wx.request always sends a JSON content type, and Fastify refuses an empty JSON body, so a
      // bodiless write sends `{}`.
      data: method === 'GET' ? undefined : (options.body ?? {}),
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
    status = response.statusCode;
    data = response.data;
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }

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

/** The server's and its database's state; a 503 still answers with which part is down. */
export function getHealth(): Promise<Health> {
  return request('GET', '/api/health', { schema: healthSchema, answerStatuses: [503] });
}
