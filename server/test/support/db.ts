import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db';

declare const __TEST_DB__: 'pglite' | 'postgres' | undefined;

/** Which database this run of the server's tests uses (the jest project sets it). */
export const TEST_DB: 'pglite' | 'postgres' = typeof __TEST_DB__ === 'undefined' ? 'pglite' : __TEST_DB__;

export interface FreshDatabase {
  target: DatabaseTarget;
  /** Drops what was made for the test. */
  dispose(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database nobody else uses: in-memory PGlite, or a new PostgreSQL database. */
export async function freshDatabase(): Promise<FreshDatabase> {
  if (TEST_DB === 'pglite') return { target: { driver: 'pglite', dataDir: null }, dispose: async () => {} };
  const name = `huijia_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    target: { driver: 'postgres', url: url.toString(), poolSize: 20 },
    dispose: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
