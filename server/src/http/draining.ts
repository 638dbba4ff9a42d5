import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * While the server closes (SIGTERM), requests under way finish and any new one on a kept-alive
 * connection is answered 503 SERVICE_UNAVAILABLE in the contract's shape, with `Connection: close`
 * so the client goes elsewhere and the connection ends (Fastify's own 503 has its own body, so it
 * is turned off with `return503OnClosing: false`).
 */
export function registerDraining(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new AppError(503, 'SERVICE_UNAVAILABLE');
  });
}
