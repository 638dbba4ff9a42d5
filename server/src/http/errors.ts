import { ERROR_MESSAGES, type ErrorBody, type ErrorCode, type FieldIssue } from '@huijia/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseErrorOf, isPoolWaitTimeout } from '../db/errors';

/** An error as a value: services throw it, the one error handler shapes it (api.md). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED');

function body(code: ErrorCode, message: string = ERROR_MESSAGES[code], details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify's own error codes for things a client can send, mapped to ours. */
const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'BAD_REQUEST'],
  FST_ERR_CTP_INVALID_CHARSET: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_BAD_URL: [400, 'BAD_REQUEST'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'BAD_REQUEST'],
};

function fieldIssues(err: { validation: { instancePath: string; message?: string }[]; validationContext?: string }): FieldIssue[] {
  const where = err.validationContext ?? 'body';
  return err.validation.map((v) => ({
    path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
    message: v.message ?? '无效的值',
  }));
}

/**
 * What a log may say of an error (the logger's `err` serializer, so every `{ err }` logged goes
 * through it). A database error's message, detail and the failed query carry the values sent
 * (phone numbers, addresses, hashes): only its SQLSTATE and where it happened are logged. Other
 * errors are ours, and keep their message and stack.
 */
export function loggableError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  const db = databaseErrorOf(err);
  if (db) {
    const { code, constraint, table, column, routine } = db;
    return { type: 'DatabaseError', message: `the database refused a statement (${code})`, stack: '', code, constraint, table, column, routine };
  }
  if (err instanceof Error) return { type: err.name, message: err.message, stack: err.stack ?? '', code: (err as { code?: unknown }).code };
  return { type: typeof err, message: '', stack: '' };
}

function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // An error has the one shape, never the route's answer for that status (the health check's 503
  // is its own body): it is not put through the route's serializer.
  reply.serializer(JSON.stringify).type('application/json; charset=utf-8');
  if (err instanceof AppError) {
    return reply.status(err.status).send(body(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return reply.status(400).send(body('VALIDATION_FAILED', undefined, fieldIssues(err)));
  }
  if (err.validation) {
    return reply.status(400).send(body('VALIDATION_FAILED', undefined, fieldIssues(err as never)));
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) return reply.status(known[0]).send(body(known[1]));
  if (err.statusCode === 429) {
    return reply.status(429).send(body('RATE_LIMITED'));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    request.log.warn({ err }, 'client error without a code of ours');
    return reply.status(err.statusCode).send(body('BAD_REQUEST'));
  }
  // Class 22 is "data exception": a value the database cannot take (out of range, bad encoding).
  // Validation should have stopped it; it is still the client's value, so 400, not 500.
  const db = databaseErrorOf(err);
  if (db?.code.startsWith('22')) {
    request.log.warn({ err }, 'a value the database refused');
    return reply.status(400).send(body('BAD_REQUEST'));
  }
  // Every connection busy for longer than a request waits: the server is saturated, not broken.
  if (isPoolWaitTimeout(err)) {
    request.log.warn('no database connection came in time');
    return reply.status(503).header('retry-after', '1').send(body('SERVICE_UNAVAILABLE'));
  }
  request.log.error({ err }, 'unhandled error');
  return reply.status(500).send(body('INTERNAL'));
}

/**
 * Errors Fastify meets before routing (a malformed percent-escape in the path): answered in the
 * contract's shape like every other (passed to Fastify as `frameworkErrors`).
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  return reply.status(known?.[0] ?? 400).send(body(known?.[1] ?? 'BAD_REQUEST'));
}

/** One handler for every error and unknown route, producing `{ error: { code, message, details? } }`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => reply.status(404).send(body('ROUTE_NOT_FOUND')));
}
