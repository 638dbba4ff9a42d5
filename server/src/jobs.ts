import type { FastifyInstance } from 'fastify';

/**
 * Runs `job` every `everyMs` while the app is up (from ready to close), logging a failure and
 * trying again next time. With several server processes, a job takes a transaction-scoped advisory
 * lock (db/raw.ts `tryJobLock`) so that one of them does the work each round.
 */
export function scheduleJob(app: FastifyInstance, name: string, everyMs: number, job: () => Promise<unknown>): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      job().catch((err: unknown) => app.log.error({ err }, `${name} failed`));
    }, everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
