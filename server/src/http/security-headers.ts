import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type Headers = Record<string, string>;

/**
 * The headers helmet sets, worked out once: helmet's own middleware (and @fastify/helmet, which
 * builds it anew for every request) parses the content security policy on every answer. Ours has
 * no per-request part (no nonces), so every answer carries the same headers.
 */
function helmetHeaders(options: HelmetOptions): { set: Headers; removed: string[] } {
  const set: Headers = {};
  const removed: string[] = [];
  const response = {
    setHeader: (name: string, value: string | number) => void (set[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void removed.push(name.toLowerCase()),
  };
  helmet(options)({} as never, response as never, (err?: unknown) => {
    if (err) throw err;
  });
  return { set, removed };
}

/** Security headers (helmet's) on every answer. */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const { set, removed } = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(set);
    for (const name of removed) reply.removeHeader(name);
    done();
  });
}
