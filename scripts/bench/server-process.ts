/**
 * The project's production server as a child process: builds it, starts `node server/dist/main.js`
 * and measures the time from spawn to the first 200 from `GET /api/health` (start-up time).
 * The child's output is kept (last 16 KB, for error messages) and optionally appended to a file.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stopChild } from './child';
import { performance } from 'node:perf_hooks';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Spawn → first 200 from GET /api/health. */
  startedInMs: number;
  /** SIGTERM, wait for exit, SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Default: a free port chosen now. */
  port?: number;
  /** Default 60 s. */
  timeoutMs?: number;
  /** File to append the child's stdout/stderr to. */
  log?: string;
  /** Node flags before the script, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

const repoRoot = path.resolve(__dirname, '..', '..');
const POLL_MS = 20;
const TAIL_CHARS = 16_000;

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** `pnpm --filter @huijia/server build`; its output is shown only when it fails. */
export async function buildServer(): Promise<void> {
  const child = spawn('pnpm', ['--filter', '@huijia/server', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    process.stderr.write(output);
    throw new Error(`server build failed (exit code ${code})`);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}


export async function startServer(env: Record<string, string>, options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (env.PORT ? Number(env.PORT) : 0);
  const listenPort = port > 0 ? port : await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(listenPort),
  };
  const url = `http://127.0.0.1:${listenPort}`;
  const timeoutMs = options.timeoutMs ?? 60_000;

  let logFile: WriteStream | null = null;
  if (options.log) logFile = createWriteStream(options.log, { flags: 'a' });
  let tail = '';
  const keep = (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-TAIL_CHARS);
    logFile?.write(c);
  };

  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'server/dist/main.js'], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('exit', () => logFile?.end());
  // Never leave the server behind if this process ends without calling stop().
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);

  const state: { exited: string | null } = { exited: null };
  child.once('exit', (code, signal) => (state.exited = `code ${code}, signal ${signal}`));
  child.once('error', (err) => (state.exited = err.message));

  const fail = async (why: string): Promise<never> => {
    await stopChild(child);
    process.removeListener('exit', onExit);
    throw new Error(`server ${why}\n--- last output ---\n${tail.trim()}`);
  };

  for (;;) {
    if (state.exited !== null) return fail(`exited before becoming healthy (${state.exited})`);
    if (await healthy(url)) break;
    if (performance.now() - spawnedAt > timeoutMs) return fail(`not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const startedInMs = Math.round(performance.now() - spawnedAt);

  return {
    url,
    pid: child.pid ?? -1,
    startedInMs,
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', onExit);
    },
  };
}
