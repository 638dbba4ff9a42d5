import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** A preHandler allowing `max` requests per `windowMs` for each key `keyOf` gives. */
    throttle(name: string, max: number, windowMs: number, keyOf: (request: FastifyRequest) => string): preHandlerAsyncHookHandler;
  }
}

/** @fastify/rate-limit, opted into per route; a limit met answers 429 RATE_LIMITED with Retry-After. */
export default fp(async function throttling(app: FastifyInstance) {
  await app.register(rateLimit, { global: false });
  app.decorate('throttle', (name: string, max: number, windowMs: number, keyOf: (request: FastifyRequest) => string) =>
    app.rateLimit({
      max,
      timeWindow: windowMs,
      keyGenerator: (request) => `${name}:${keyOf(request)}`,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', undefined, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
    }) as preHandlerAsyncHookHandler,
  );
});
