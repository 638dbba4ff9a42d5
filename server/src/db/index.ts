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
  /** Where reads that may lag a few seconds go (figures, ledgers): a streaming replica when one
   *  is configured, else the database itself. Writes and one's own lists never read it. */
  replica: Db;
  driver: 'pglite' | 'postgres';
  /** Runs a prepared statement of the hot path on its own (not in a transaction). */
  run<Values extends Record<string, unknown>, Row>(statement: Statement<Values, Row>, values: Values): Promise<Row[]>;
  /** What the database says changed, for in-process caches. */
  changes: ChangeFeed;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How PostgreSQL is reached. */
export interface PostgresTarget {
  driver: 'postgres';
  url: string;
  poolSize?: number;
  /**
   * `transaction`: `url` is a pooler in transaction mode (PgBouncer), which cannot carry session
   * state: statements are sent unnamed (planned each time) and the change feed listens on
   * `listenUrl`, a direct connection. `session` (the default): the pool's own connections listen
   * and statements are prepared by name.
   */
  pooling?: 'session' | 'transaction';
  listenUrl?: string;
  /** A streaming replica for reads that may lag (Database.replica). */
  replicaUrl?: string;
}

export type DatabaseTarget =
  | PostgresTarget
  /** `dataDir: null` is an in-memory database (tests). */
  | { driver: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

/** Opens the database and applies every migration (idempotent: applied ones are skipped). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database = target.driver === 'postgres' ? await openPostgres(target) : await openPglite(target);
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

const REPLICA_POOL_SIZE = 4;

/**
 * How long a request waits for a connection of the pool before it is answered 503 (http/errors.ts).
 * A burst (hundreds signing up for one activity at once, each holding its row lock in turn) queues
 * for seconds on a small machine; a phone waits far longer than this for an answer.
 */
export const POOL_WAIT_MS = 20_000;

async function openPostgres(target: PostgresTarget): Promise<Database & { migrate(): Promise<void> }> {
  const changes = new ChangeFeed();
  const pooled = target.pooling === 'transaction';
  if (pooled && !target.listenUrl) throw new Error('a transaction pooler needs a direct connection to listen on (listenUrl)');
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: POOL_WAIT_MS,
    ...(pooled ? {} : { Client: listeningClient(changes) }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  pool.on('remove', (client) => {
    if ((client as { listening?: boolean }).listening) changes.stopped();
  });
  const listener = pooled ? listenOn(target.listenUrl!, changes) : null;
  const replicaPool = target.replicaUrl ? new pg.Pool({ connectionString: target.replicaUrl, max: REPLICA_POOL_SIZE, connectionTimeoutMillis: 5_000 }) : null;
  replicaPool?.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    replica: replicaPool ? (drizzlePg(replicaPool, { schema }) as unknown as Db) : db,
    driver: 'postgres',
    changes,
    run: async (statement, values) => {
      const text = statement.text;
      const result = await pool.query(pooled ? { text, values: statement.values(values) } : { name: statement.name, text, values: statement.values(values) });
      return result.rows.map(statement.read);
    },
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: migrationsDir }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await listener?.close();
      await replicaPool?.end();
      await pool.end();
    },
  };
}

/** How long the listener waits before connecting again after losing its connection. */
const RELISTEN_MS = 1_000;

/**
 * One direct connection that listens for the change feed (behind a transaction pooler, where the
 * pool's connections cannot): reconnects when it drops; while it is down the feed is not live.
 */
function listenOn(url: string, changes: ChangeFeed): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    let listening = false;
    const lost = () => {
      if (listening) changes.stopped();
      listening = false;
      if (!closed) retry = setTimeout(() => void connect(), RELISTEN_MS);
    };
    next.on('error', () => {});
    next.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) changes.heard(n.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch {
      await next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), RELISTEN_MS);
      return;
    }
    next.once('end', lost);
    client = next;
    listening = true;
    changes.listening();
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
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
  const changes = new ChangeFeed();
  let client: PGlite;
  try {
    client = await PGlite.create(dir, target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
    await client.listen(CHANGES_CHANNEL, (payload) => changes.heard(payload));
  } catch (err) {
    release();
    throw err;
  }
  changes.listening();
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    replica: db,
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
