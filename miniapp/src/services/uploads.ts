import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, errorBodySchema, type Photo, photoSchema } from '@huijia/shared';
import { postFile } from '../utils/browser';
import { ApiError, PARSE_CONTEXT } from './api';
import type { PhotoFile } from './photoCompression';
import { withToken } from './transfer';

const UPLOAD_FAILED_MESSAGE = '图片上传失败，请重试';
const DOWNLOAD_FAILED_MESSAGE = '图片加载失败';
const TRANSFER_TIMEOUT_MS = 60_000;

interface Transfer<T> {
  status: number;
  result: T;
}

const networkError = () => new ApiError(0, 'NETWORK_ERROR', ERROR_MESSAGES.NETWORK_ERROR);

/** The server's error as an ApiError, or `fallback` when the body is not one. */
function failure(status: number, body: unknown, fallback: string): ApiError {
  const parsed = errorBodySchema.safeParse(body, PARSE_CONTEXT);
  if (!parsed.success) return new ApiError(status, 'UNEXPECTED_RESPONSE', fallback);
  const { code, message, details } = parsed.data.error;
  return new ApiError(status, code, message, details);
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `POST /api/uploads` as multipart, field `file`, reporting progress in percent. */
async function sendPhoto(
  chosen: PhotoFile,
  header: Record<string, string>,
  onProgress?: (percent: number) => void,
): Promise<Transfer<unknown>> {
  const url = `${API_BASE}/api/uploads`;
  try {
    if (process.env.TARO_ENV === 'h5' && chosen.file) {
      const { status, body } = await postFile(url, header, chosen.file, 'photo.jpg', TRANSFER_TIMEOUT_MS, (fraction) =>
        onProgress?.(Math.round(fraction * 100)),
      );
      return { status, result: body };
    }
    const task = Taro.uploadFile({ url, filePath: chosen.path, name: 'file', header, timeout: TRANSFER_TIMEOUT_MS });
    task.onProgressUpdate?.(({ progress }) => onProgress?.(progress));
    const answer = await task;
    return { status: answer.statusCode, result: answer.data };
  } catch {
    throw networkError();
  }
}

/**
 * Uploads a photo chosen with Taro.chooseMedia (after `compressPhoto`), reporting progress in
 * percent. The answer's id goes into a wish or its evidence.
 */
export async function uploadPhoto(
  chosen: PhotoFile,
  onProgress?: (percent: number) => void,
): Promise<Photo> {
  const { status, result } = await withToken((header) => sendPhoto(chosen, header, onProgress));
  const body = parseJson(result);
  if (status < 200 || status >= 300) throw failure(status, body, UPLOAD_FAILED_MESSAGE);
  const photo = photoSchema.safeParse(body, PARSE_CONTEXT);
  if (!photo.success) throw new ApiError(status, 'UNEXPECTED_RESPONSE', UPLOAD_FAILED_MESSAGE);
  return photo.data;
}

// Photos are served only with the bearer token (`GET /api/uploads/:id`), which an <Image> cannot
// send: each is downloaded once to a local file (weapp) or blob URL (h5) and shown from there.
const downloaded = new Map<string, Promise<string>>();

/** A local path for the photo at `url` (`/api/uploads/:id`), downloaded once per app session. */
export function photoSource(url: string): Promise<string> {
  let source = downloaded.get(url);
  if (!source) {
    source = download(url);
    downloaded.set(url, source);
    // A failure is not kept: the next showing tries again.
    source.catch(() => downloaded.delete(url));
  }
  return source;
}

async function download(url: string): Promise<string> {
  const { status, result } = await withToken(async (header) => {
    try {
      const answer = await Taro.downloadFile({
        url: `${API_BASE}${url}`,
        header,
        timeout: TRANSFER_TIMEOUT_MS,
      });
      return { status: answer.statusCode, result: answer.tempFilePath };
    } catch {
      throw networkError();
    }
  });
  if (status < 200 || status >= 300) throw new ApiError(status, 'UNEXPECTED_RESPONSE', DOWNLOAD_FAILED_MESSAGE);
  return result;
}
