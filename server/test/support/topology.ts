import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * The scale-out topology of docs/scaling.md on this machine (scripts/topology/topology.sh): a
 * primary cluster, a streaming replica of it and PgBouncer in transaction mode in front of the
 * primary. Helpers for server/test/topology.test.ts: whether it can be built here, bringing it up
 * and down, a database of the test's own on it, and access tokens signed with the server's secret.
 */

export const TOPOLOGY_SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'topology', 'topology.sh');
const SBIN_PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin:/usr/bin:/bin`;

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { env: { ...process.env, PATH: SBIN_PATH }, stdio: 'ignore' }).status === 0;
}

/** Why the topology cannot be built here, or null when it can. */
export function topologyBlocker(): string | null {
  if (process.platform !== 'linux') return `this is ${process.platform}, not Debian`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (the script creates PostgreSQL clusters and starts PgBouncer)';
  if (!onPath('pg_createcluster')) return "no pg_createcluster (Debian's postgresql-common: apt-get install -y postgresql)";
  if (!existsSync('/usr/lib/postgresql/15/bin/pg_basebackup')) return 'no PostgreSQL 15 server in /usr/lib/postgresql/15 (apt-get install -y postgresql-15)';
  if (!onPath('pgbouncer')) return 'no pgbouncer (apt-get install -y pgbouncer)';
  return null;
}

export interface Topology {
  primary: string;
  replica: string;
  bouncer: string;
  /** Whether this call built it (else it was up already and is left up). */
  broughtUp: boolean;
  /** How long `up` (or the status check) took. */
  upMs: number;
}

const HOST = '127.0.0.1';
const PORTS = {
  primary: Number(process.env.TOPOLOGY_PRIMARY_PORT || 5434),
  replica: Number(process.env.TOPOLOGY_REPLICA_PORT || 5435),
  bouncer: Number(process.env.TOPOLOGY_BOUNCER_PORT || 6432),
};

function script(command: 'up' | 'down' | 'status'): { status: number | null; output: string } {
  const result = spawnSync('bash', [TOPOLOGY_SCRIPT, command], { encoding: 'utf8', env: { ...process.env, PATH: SBIN_PATH }, timeout: 180_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}` };
}

/** Brings the topology up, or finds it up (`status` answers 0 only when every part runs and the replica streams). */
export function topologyUp(): Topology {
  const started = Date.now();
  const urls = (db: string) => ({
    primary: `postgres://postgres@${HOST}:${PORTS.primary}/${db}`,
    replica: `postgres://postgres@${HOST}:${PORTS.replica}/${db}`,
    bouncer: `postgres://postgres@${HOST}:${PORTS.bouncer}/${db}`,
  });
  if (script('status').status === 0) return { ...urls('postgres'), broughtUp: false, upMs: Date.now() - started };
  const up = script('up');
  if (up.status !== 0) throw new Error(`scripts/topology/topology.sh up failed (exit ${up.status}):\n${up.output}`);
  return { ...urls('postgres'), broughtUp: true, upMs: Date.now() - started };
}

export function topologyDown(): void {
  const down = script('down');
  if (down.status !== 0) throw new Error(`scripts/topology/topology.sh down failed (exit ${down.status}):\n${down.output}`);
}

/** `url` with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database `name` on the primary (dropped first if an earlier run left it), which the
 * replica then has too. PgBouncer is told to let go of its server connections to the old one.
 */
export async function freshTopologyDatabase(topology: Topology, name: string): Promise<void> {
  await dropTopologyDatabase(topology, name);
  await withClient(topology.primary, (c) => c.query(`CREATE DATABASE ${name}`));
  // The replica replays the CREATE DATABASE: wait until it can be opened there.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await withClient(withDatabase(topology.replica, name), (c) => c.query('select 1'));
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`database ${name} did not reach the replica in 10 s: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function dropTopologyDatabase(topology: Topology, name: string): Promise<void> {
  // PgBouncer's admin console: RECONNECT closes its server connections once released.
  await withClient(withDatabase(topology.bouncer, 'pgbouncer'), (c) => c.query('RECONNECT')).catch(() => undefined);
  await withClient(topology.primary, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * The access token the server issues at sign-in (HS256 `{ sub, iat, exp }`), signed with the secret
 * the test starts the server with, so a crowd of members needs no sign-ins.
 */
export function accessToken(secret: string, userId: number, now = Date.now()): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(now / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: String(userId), iat, exp: iat + 15 * 60 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** One HTTP request on a connection of its own (`connection: close`): the cluster's primary hands each new connection to the next worker. */
export async function call(
  base: string,
  token: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, connection: 'close', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, json, text };
}
