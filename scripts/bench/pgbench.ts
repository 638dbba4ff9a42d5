/**
 * Database baseline: runs PostgreSQL's `pgbench` with a custom script for a fixed time and
 * reports transactions per second (excluding connection set-up), transactions processed, average
 * latency and failed transactions. It measures what the database alone can do on this machine.
 *
 * Connection: host, port, user and database from the URL (password via PGPASSWORD, `?host=` and
 * `?sslmode=` honoured); anything the URL leaves out falls back to the PG* environment variables.
 * Note: pgbench's `-d` means --debug, so the database name is passed as its last argument.
 * `failed` counts only serialization/deadlock failures (PostgreSQL ≥ 15); any other SQL error
 * aborts the client, pgbench exits non-zero and this function throws with pgbench's stderr.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PgbenchOptions {
  databaseUrl: string;
  /** pgbench script text, e.g. "\\set id random(1, 1000)\nUPDATE …" */
  script: string;
  clients: number;
  /** Default: the largest divisor of `clients` not above the CPU count (pgbench requires a divisor). */
  threads?: number;
  durationSeconds: number;
  /** Prepared statements (-M prepared), as the API sends its hot queries; default the simple protocol. */
  prepared?: boolean;
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  latencyMs: number;
  failed: number;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of pgbench (PATH, /usr/bin, /usr/lib/postgresql/<newest>/bin) or null. */
export function pgbenchAvailable(): string | null {
  const candidates = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'pgbench'));
  candidates.push('/usr/bin/pgbench');
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join('/usr/lib/postgresql', v, 'bin', 'pgbench'));
  } catch {
    // no Debian-style install
  }
  return candidates.find(isExecutable) ?? null;
}

function connectionArgs(databaseUrl: string): { args: string[]; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const args: string[] = [];
  const env: Record<string, string> = {};
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname).replace(/^\[|\]$/g, '');
  if (host) args.push('-h', host);
  const port = url.port || url.searchParams.get('port');
  if (port) args.push('-p', port);
  if (url.username) args.push('-U', decodeURIComponent(url.username));
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  const db = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (db) args.push(db);
  return { args, env };
}

function defaultThreads(clients: number): number {
  const cpus = Math.max(1, os.cpus().length);
  for (let t = Math.min(clients, cpus); t > 1; t--) if (clients % t === 0) return t;
  return 1;
}

function match(stdout: string, re: RegExp, what: string): number {
  const m = re.exec(stdout);
  if (!m?.[1]) throw new Error(`pgbench: no ${what} in its output:\n${stdout}`);
  return Number(m[1]);
}

/** Parses pgbench's summary (PostgreSQL 15 wording, and the pre-14 "excluding connections establishing"). */
export function parsePgbenchOutput(stdout: string): PgbenchResult {
  const tps = match(
    stdout,
    /^tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/m,
    'tps',
  );
  const transactions = match(stdout, /^number of transactions actually processed: (\d+)/m, 'transaction count');
  const latencyMs = match(stdout, /^latency average = ([\d.]+) ms/m, 'latency average');
  const failedMatch = /^number of failed transactions: (\d+)/m.exec(stdout);
  return { tps, transactions, latencyMs, failed: failedMatch?.[1] ? Number(failedMatch[1]) : 0 };
}

export async function pgbench(options: PgbenchOptions): Promise<PgbenchResult> {
  const bin = pgbenchAvailable();
  if (!bin) throw new Error('pgbench not found (PATH, /usr/bin, /usr/lib/postgresql/*/bin)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbench-'));
  try {
    const scriptFile = path.join(dir, 'script.sql');
    writeFileSync(scriptFile, options.script.endsWith('\n') ? options.script : `${options.script}\n`);
    const conn = connectionArgs(options.databaseUrl);
    const threads = options.threads ?? defaultThreads(options.clients);
    const args = [
      '-n',
      ...(options.prepared ? ['-M', 'prepared'] : []),
      '-f', scriptFile,
      '-c', String(options.clients),
      '-j', String(threads),
      '-T', String(options.durationSeconds),
      ...conn.args,
    ];
    const { code, stdout, stderr } = await run(bin, args, { ...process.env, ...conn.env }, (options.durationSeconds + 60) * 1000);
    if (code !== 0) {
      throw new Error(`pgbench exited with code ${code}: ${bin} ${args.join(' ')}\n${stderr.trim() || stdout.trim()}`);
    }
    return parsePgbenchOutput(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
