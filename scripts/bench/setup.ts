/**
 * What every bench run starts from: the database (PostgreSQL named by BENCH_DATABASE_URL, created
 * when missing, or PGlite with a smaller data set), the generated data set restored to its
 * starting state, and the server's environment for it. The server inherits this process's
 * environment, so DATABASE_POOLING, DATABASE_LISTEN_URL, DATABASE_REPLICA_URL set here run the
 * bench through the scale-out topology (scripts/topology).
 */
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../server/src/db';
import { FULL_SIZE, SMALL_SIZE, ensureDataset, openBenchDatabase, restoreDataset, type Layout } from './generate';
import { claimPool } from './scenarios';
import { newSecret } from './tokens';

const root = path.resolve(__dirname, '../..');

export interface BenchSetup {
  databaseUrl: string | null;
  target: DatabaseTarget;
  layout: Layout;
  /** The published wishes the claim scenario takes, with their communities. */
  pool: { id: number; communityId: number }[];
  /** The JWT secret the server is started with, so the bench can sign its own tokens. */
  secret: string;
  env: Record<string, string>;
}

/** Creates the database named by `url` when the server has no such database yet. */
async function ensurePostgresDatabase(url: string, log: (line: string) => void): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new Error('BENCH_DATABASE_URL must name a database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      log(`creating database ${name}`);
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

export async function setUpBench(log: (line: string) => void): Promise<BenchSetup> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || null;
  if (databaseUrl) {
    log(`bench on PostgreSQL: ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`);
    await ensurePostgresDatabase(databaseUrl, log);
  } else {
    log('!! BENCH_DATABASE_URL is not set: the bench runs on PGlite (one process, one connection) with a SMALL data set.');
    log('!! The targets of targets.md are for PostgreSQL; set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/huijia_bench to measure them.');
  }
  const dataDir = path.join(root, '.bench-data');
  // Through a transaction pooler (scripts/topology), as the server will be: DATABASE_POOLING and
  // DATABASE_LISTEN_URL from the environment apply to the generator too (the server inherits them).
  const pooled = process.env.DATABASE_POOLING === 'transaction' && process.env.DATABASE_LISTEN_URL;
  const target: DatabaseTarget = databaseUrl
    ? { driver: 'postgres', url: databaseUrl, ...(pooled ? { pooling: 'transaction' as const, listenUrl: process.env.DATABASE_LISTEN_URL! } : {}) }
    : { driver: 'pglite', dataDir };
  const database = await openBenchDatabase(target);
  try {
    const { layout } = await ensureDataset(database, databaseUrl ? FULL_SIZE : SMALL_SIZE, log);
    await restoreDataset(database, layout);
    const pool = await claimPool(database, layout);
    const secret = newSecret();
    const env: Record<string, string> = { JWT_SECRET: secret, SEED_DEMO: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }) };
    return { databaseUrl, target, layout, pool, secret, env };
  } finally {
    await database.close();
  }
}

/** Puts the data set back as the scenarios found it. */
export async function restoreBench(setup: BenchSetup): Promise<void> {
  const database = await openBenchDatabase(setup.target);
  try {
    await restoreDataset(database, setup.layout);
  } finally {
    await database.close();
  }
}
