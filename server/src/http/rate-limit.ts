import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors';

type Throttle = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** A preHandler allowing `max` requests per `windowMs` for each key `keyOf` gives. Several may
     *  guard one route (per address and per phone): each counts on its own. */
    throttle(name: string, max: number, windowMs: number, keyOf: (request: FastifyRequest) => string): Throttle;
    /** A preHandler allowing each signed-in account `max` of this write per `windowMs` (a burst of
     *  wishes, uploads, exports); off when the configuration turns write limits off. */
    perAccount(name: string, max: number, windowMs: number): Throttle;
  }
}

/** @fastify/rate-limit as independent limiters; a limit met answers 429 RATE_LIMITED with Retry-After. */
export default fp(async function throttling(app: FastifyInstance) {
  await app.register(rateLimit, { global: false });
  app.decorate('throttle', (name: string, max: number, windowMs: number, keyOf: (request: FastifyRequest) => string): Throttle => {
    const check = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (request) => `${name}:${keyOf(request)}` });
    return async (request, reply) => {
      const limit = await check(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', String(limit.ttlInSeconds));
        throw new AppError(429, 'RATE_LIMITED', undefined, { retryAfterSeconds: limit.ttlInSeconds });
      }
    };
  });
  app.decorate('perAccount', (name: string, max: number, windowMs: number): Throttle => {
    if (!app.config.writeLimits) return async () => {};
    return app.throttle(name, max, windowMs, (request) => String(request.userId));
  });
});
