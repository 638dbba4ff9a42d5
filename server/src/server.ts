import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app';
import { bootstrap, type BootstrapResult } from './bootstrap';
import type { Config } from './config';
import { openDatabase, type DatabaseTarget } from './db';

export function databaseTarget(config: Config): DatabaseTarget {
  if (!config.databaseUrl) return { driver: 'pglite', dataDir: config.dataDir };
  return {
    driver: 'postgres',
    url: config.databaseUrl,
    pooling: config.databasePooling,
    ...(config.listenUrl ? { listenUrl: config.listenUrl } : {}),
    ...(config.replicaUrl ? { replicaUrl: config.replicaUrl } : {}),
  };
}

/** Migrates and bootstraps the database, then closes it: what a cluster's primary does before its workers start. */
export async function prepareDatabase(config: Config): Promise<BootstrapResult> {
  const database = await openDatabase(databaseTarget(config));
  try {
    return await bootstrap(database, config);
  } finally {
    await database.close();
  }
}

/**
 * Opens the database (migrating it), bootstraps it and builds the app, not yet listening. A
 * cluster's worker skips the bootstrap (`bootstrapped`): its primary did it (prepareDatabase).
 */
export async function prepareServer(
  config: Config,
  deps: Omit<AppDeps, 'database'> = {},
  options: { bootstrapped?: boolean } = {},
): Promise<{ app: FastifyInstance; boot: BootstrapResult | null }> {
  const database = await openDatabase(databaseTarget(config));
  try {
    const boot = options.bootstrapped ? null : await bootstrap(database, config);
    const app = await buildApp(config, { ...deps, database });
    return { app, boot };
  } catch (err) {
    await database.close();
    throw err;
  }
}
