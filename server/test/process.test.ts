import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_DB, freshDatabase } from './support/db';
import { DEMO, DEMO_PASSWORD } from './support/identity';
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

  it('starts an empty production database with only the root and ADMIN_PHONE, never the demo, and says so', async () => {
    const fresh = await freshDatabase();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
      ADMIN_PHONE: '13700000001',
      ADMIN_PASSWORD: 'first-admin-password',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-proc-')),
      WORKERS: '1',
    };
    if (fresh.target.driver === 'postgres') env.DATABASE_URL = fresh.target.url;
    const server = spawnServer(env);
    try {
      const base = await server.listening;
      expect(server.output()).toMatch(/数据库为空[\s\S]*13700000001/);
      expect(server.output()).not.toMatch(/演示城市/);
      const signIn = (phone: string, password: string) =>
        fetch(`${base}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password }) });
      const demo = await signIn(DEMO.districtAdmin, DEMO_PASSWORD);
      expect(demo.status).toBe(401);
      const admin = await signIn('13700000001', 'first-admin-password');
      expect(admin.status).toBe(200);
      const { accessToken } = (await admin.json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}` };
      const root = (await (await fetch(`${base}/api/orgs/root`, { headers })).json()) as { id: string };
      const children = await (await fetch(`${base}/api/orgs/${root.id}/children`, { headers })).json();
      expect(children).toEqual({ items: [], nextCursor: null });
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await fresh.dispose();
    }
  });

  it('stops under load without losing an answered write: requests under way finish, new ones get 503 in the contract’s shape', async () => {
    const fresh = await freshDatabase();
    const env: Record<string, string> = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-proc-')), SEED_DEMO: '1' };
    if (fresh.target.driver === 'postgres') env.DATABASE_URL = fresh.target.url;
    let server = spawnServer(env);
    try {
      const url = await server.listening;
      const login = await fetch(`${url}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13900000101', password: DEMO_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
      const record = JSON.stringify({ source: { type: 'other' }, startedAt: '2026-01-01T01:00:00+08:00', endedAt: '2026-01-01T02:00:00+08:00', content: '停机测试中的服务记录' });
      const saved: string[] = [];
      const refused: unknown[] = [];
      let stopped = false;
      // Twenty clients writing as fast as they can over kept-alive connections.
      const writers = Array.from({ length: 20 }, async () => {
        while (!stopped) {
          try {
            const res = await fetch(`${url}/api/records`, { method: 'POST', headers, body: record });
            if (res.status === 201) saved.push(((await res.json()) as { id: string }).id);
            else if (res.status === 503) refused.push(await res.json());
            else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
          } catch (err) {
            if ((err as Error).message.startsWith('unexpected')) throw err;
            // The connection was closed or refused: the server is going or gone.
            if (server.child.exitCode !== null) return;
          }
        }
      });
      while (saved.length < 50) await new Promise((r) => setTimeout(r, 20));
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      stopped = true;
      await Promise.all(writers);
      for (const body of refused) expect(body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
      // Every write answered 201 is there after a restart.
      server = spawnServer(env);
      const again = await server.listening;
      const login2 = await fetch(`${again}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13900000101', password: DEMO_PASSWORD }),
      });
      const token = ((await login2.json()) as { accessToken: string }).accessToken;
      const missing: string[] = [];
      for (const id of saved) {
        const res = await fetch(`${again}/api/records/${id}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) missing.push(id);
      }
      expect({ answered: saved.length, missing }).toEqual({ answered: saved.length, missing: [] });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
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
