import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsDir } from '../paths';
import { CHANGES_CHANNEL, ChangeFeed } from './changes';
import { lockDataDir } from './lock';
import * as schema from './schema';
import type { Statement } from './statement';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: what repository functions take. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs a prepared statement of the hot path on its own (not in a transaction). */
  run<Values extends Record<string, unknown>, Row>(statement: Statement<Values, Row>, values: Values): Promise<Row[]>;
  /** What the database says changed, for in-process caches. */
  changes: ChangeFeed;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { driver: 'postgres'; url: string; poolSize?: number }
  /** `dataDir: null` is an in-memory database (tests). */
  | { driver: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

/** Opens the database and applies every migration (idempotent: applied ones are skipped). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database = target.driver === 'postgres' ? await openPostgres(target.url, target.poolSize) : await openPglite(target);
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

async function openPostgres(url: string, poolSize = 10): Promise<Database & { migrate(): Promise<void> }> {
  const changes = new ChangeFeed();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, Client: listeningClient(changes) });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  pool.on('remove', (client) => {
    if ((client as { listening?: boolean }).listening) changes.stopped();
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    driver: 'postgres',
    changes,
    run: async (statement, values) => {
      const result = await pool.query({ name: statement.name, text: statement.text, values: statement.values(values) });
      return result.rows.map(statement.read);
    },
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: migrationsDir }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Connections that listen for the change feed before the pool hands them out: the connection that
 * commits a change hears it before its commit returns, so this process's caches never answer from
 * before a change it made.
 */
function listeningClient(changes: ChangeFeed): typeof pg.Client {
  class ListeningClient extends pg.Client {
    listening = false;

    private async listen(): Promise<void> {
      await super.connect();
      this.on('notification', (n) => {
        if (n.channel === CHANGES_CHANNEL) changes.heard(n.payload);
      });
      await super.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.listening = true;
      changes.listening();
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    override connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
      const ready = this.listen().then(() => this);
      if (!callback) return ready;
      const done = callback as (err: Error | null, c?: pg.Client) => void;
      ready.then((c) => done(null, c), (err: Error) => done(err));
    }
  }
  return ListeningClient as unknown as typeof pg.Client;
}

async function openPglite(target: { dataDir: string | null; loadDataDir?: Blob }): Promise<
  Database & { migrate(): Promise<void> }
> {
  let release = () => {};
  let dir: string | undefined;
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    release = lockDataDir(target.dataDir);
    dir = path.join(target.dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir, target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const changes = new ChangeFeed();
  await client.listen(CHANGES_CHANNEL, (payload) => changes.heard(payload));
  changes.listening();
  return {
    db,
    driver: 'pglite',
    changes,
    run: async (statement, values) => {
      const result = await client.query<Record<string, unknown>>(statement.text, statement.values(values));
      return result.rows.map(statement.read);
    },
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: migrationsDir }),
    ping: async () => {
      if (client.closed) throw new Error('the embedded database is closed');
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        changes.stopped();
        release();
      }
    },
  };
}

export { schema };
