import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app';
import { bootstrap, type BootstrapResult } from '../../src/bootstrap';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type DatabaseTarget } from '../../src/db';
import { MemorySmsSender } from '../../src/modules/sms/sender';
import { freshDatabase } from './db';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A configuration for tests: quiet, no demo unless asked, no write limits, a throwaway data directory. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    // The tests of other rules post many wishes as one resident; throttling.test.ts turns it on.
    WRITE_LIMITS: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-test-')),
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  boot: BootstrapResult;
  config: Config;
  /** The database the app opened: a second app may open it too (PostgreSQL only), as another process would. */
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database of the run's kind (PGlite or PostgreSQL), bootstrapped as a
 * start would. `configure` may add routes before the app is ready. SMS codes go to a
 * `MemorySmsSender` (`app.sms`, read by `signUp`) unless `deps` names a sender: null for none, or
 * `smsSender: undefined` for the one the configuration names.
 */
export async function buildTestApp(
  options: { env?: Record<string, string>; deps?: Omit<AppDeps, 'database'>; configure?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const fresh = await freshDatabase();
  const database = await openDatabase(fresh.target);
  const boot = await bootstrap(database, config);
  const smsSender = options.deps && 'smsSender' in options.deps ? options.deps.smsSender : new MemorySmsSender();
  const app = await buildApp(config, { webRoot: null, ...options.deps, smsSender, database });
  options.configure?.(app);
  await app.ready();
  return {
    app,
    boot,
    config,
    target: fresh.target,
    close: async () => {
      await app.close();
      await fresh.dispose();
    },
  };
}
