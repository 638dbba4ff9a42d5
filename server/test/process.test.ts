import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_DB, freshDatabase } from './support/db';

/** The server as `pnpm start` runs it (from source through tsx), in its own process. */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, deadlineMs = 45_000): Promise<Response> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/api/health`);
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const port = () => 20_000 + Math.floor(Math.random() * 20_000);

describe('the server process', () => {
  it('refuses to start with a bad configuration, saying which variable', async () => {
    const server = startServer({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-proc-')) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/configuration is invalid[\s\S]*PORT/);
  });

  it('serves, then finishes and closes on SIGTERM', async () => {
    const fresh = await freshDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-proc-'));
    const p = port();
    const env: Record<string, string> = { PORT: String(p), DATA_DIR: dataDir, SEED_DEMO: '0' };
    if (fresh.target.driver === 'postgres') env.DATABASE_URL = fresh.target.url;
    const server = startServer(env);
    try {
      const res = await waitForHealth(p);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      if (TEST_DB === 'pglite') expect(existsSync(path.join(dataDir, 'huijia.lock'))).toBe(false);
    } finally {
      server.child.kill('SIGKILL');
      await fresh.dispose();
    }
  });

  (TEST_DB === 'pglite' ? it : it.skip)('refuses a second process on the same PGlite directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-proc-'));
    const p = port();
    const first = startServer({ PORT: String(p), DATA_DIR: dataDir, SEED_DEMO: '0' });
    try {
      await waitForHealth(p);
      const second = startServer({ PORT: String(p + 1), DATA_DIR: dataDir, SEED_DEMO: '0' });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(new RegExp(`in use by process ${first.child.pid}`));
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
