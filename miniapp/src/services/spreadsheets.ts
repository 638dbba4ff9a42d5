import Taro from '@tarojs/taro';
import { errorBodySchema, ERROR_MESSAGES } from '@huijia/shared';
import { postFile } from '../utils/browser';
import { ApiError, PARSE_CONTEXT, type QueryValue, type Schema, toQueryString } from './api';
import { withToken } from './transfer';

/**
 * A spreadsheet (CSV or XLSX) as the platform hands it over: a `File` from the page's file input on
 * h5, a temporary path from `chooseMessageFile` on weapp.
 */
export type SpreadsheetFile = { kind: 'web'; file: File } | { kind: 'path'; path: string; name: string };

/** Reports how much of the file has been sent, as a fraction in [0, 1]. */
export type OnProgress = (sent: number) => void;

interface RawAnswer {
  status: number;
  text: string;
}

// Large files on slow phone networks: well beyond `request`'s 15 s.
const UPLOAD_TIMEOUT_MS = 120_000;
const NETWORK_ERROR = () => new ApiError(0, 'NETWORK_ERROR', ERROR_MESSAGES.NETWORK_ERROR);

async function sendFromWeb(url: string, file: File, token: string, onProgress: OnProgress): Promise<RawAnswer> {
  const header = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  try {
    const { status, body } = await postFile(url, header, file, file.name, UPLOAD_TIMEOUT_MS, onProgress);
    return { status, text: body };
  } catch {
    throw NETWORK_ERROR();
  }
}

function sendFromPath(url: string, path: string, token: string, onProgress: OnProgress): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url,
      filePath: path,
      name: 'file',
      header: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      timeout: UPLOAD_TIMEOUT_MS,
      success: ({ statusCode, data }) => resolve({ status: statusCode, text: String(data) }),
      fail: () => reject(NETWORK_ERROR()),
    });
    task.onProgressUpdate(({ progress }) => onProgress(progress / 100));
  });
}

function readAnswer<T>({ status, text }: RawAnswer, schema: Schema<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (status < 200 || status >= 300) {
    const failure = errorBodySchema.safeParse(data, PARSE_CONTEXT);
    if (failure.success) {
      const { code, message, details } = failure.data.error;
      throw new ApiError(status, code, message, details);
    }
    throw new ApiError(status, 'UNEXPECTED_RESPONSE', '服务暂时不可用，请稍后重试');
  }
  try {
    return schema.parse(data, PARSE_CONTEXT);
  } catch {
    throw new ApiError(status, 'UNEXPECTED_RESPONSE', '服务返回的数据无法识别，请稍后重试');
  }
}

/**
 * Sends a spreadsheet to `path` as multipart field `file` and parses the answer with `schema`.
 * Upload calls bypass `request`, so the bearer token and the one renewal on a 401 are handled here
 * the same way (`withToken`). Throws `ApiError` with the server's Chinese message.
 */
export async function uploadSpreadsheet<T>(
  path: string,
  query: Record<string, QueryValue>,
  file: SpreadsheetFile,
  schema: Schema<T>,
  onProgress: OnProgress,
): Promise<T> {
  const url = `${API_BASE}${path}${toQueryString(query)}`;
  const send = ({ Authorization }: { Authorization: string }) => {
    const token = Authorization.slice('Bearer '.length);
    return file.kind === 'web' ? sendFromWeb(url, file.file, token, onProgress) : sendFromPath(url, file.path, token, onProgress);
  };
  return readAnswer(await withToken(send, () => onProgress(0)), schema);
}
