import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_DB, freshDatabase } from './support/db';
import { spawnServer } from './support/process';

describe('the server process', () => {
  it('refuses to start with a bad configuration, saying which variable', async () => {
    const server = spawnServer({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-proc-')) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/configuration is invalid[\s\S]*PORT/);
  });

  it('serves, then finishes and closes on SIGTERM', async () => {
    const fresh = await freshDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-proc-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, SEED_DEMO: '0' };
    if (fresh.target.driver === 'postgres') env.DATABASE_URL = fresh.target.url;
    const server = spawnServer(env);
    try {
      const res = await fetch(`${await server.listening}/api/health`);
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

  (TEST_DB === 'postgres' ? it : it.skip)('runs as several processes on PostgreSQL, one port, and they all stop on SIGTERM', async () => {
    const fresh = await freshDatabase();
    const server = spawnServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-proc-')), SEED_DEMO: '1', WORKERS: '2', DATABASE_URL: (fresh.target as { url: string }).url });
    try {
      const url = await server.listening;
      expect(server.output()).toMatch(/2 processes/);
      // The demo city is loaded once, by the primary, before the workers start.
      expect(server.output().match(/演示城市已载入/g)).toHaveLength(1);
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/api/health`).then((r) => r.status)));
      expect(answers).toEqual(Array(20).fill(200));
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
      await fresh.dispose();
    }
  });

  (TEST_DB === 'pglite' ? it : it.skip)('refuses a second process on the same PGlite directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-proc-'));
    const first = spawnServer({ DATA_DIR: dataDir, SEED_DEMO: '0' });
    try {
      await first.listening;
      const second = spawnServer({ DATA_DIR: dataDir, SEED_DEMO: '0' });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(new RegExp(`in use by process ${first.child.pid}`));
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
