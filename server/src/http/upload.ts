import type { ErrorCode } from '@huijia/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';

/**
 * The one file of a multipart request, in memory (at most the 5 MB multipart limit). Whatever is
 * wrong with what the client sent — not multipart, no file, too large, cut off, no boundary —
 * answers 400 with a code, never a 500.
 */
export async function readUpload(request: FastifyRequest, codes: { required: ErrorCode; tooLarge: ErrorCode }): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError(400, codes.required);
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw new AppError(400, codes.required);
    return await file.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(400, codes.tooLarge);
    throw new AppError(400, 'MALFORMED_UPLOAD');
  }
}
