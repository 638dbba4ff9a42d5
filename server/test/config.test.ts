import { mkdtempSync, readFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'huijia-config-'));
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration', () => {
  it('has the defaults of api.md', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeNull();
    expect(config.seedDemo).toBe(true);
    expect(config.admin).toBeNull();
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(refusal({ PORT: 'abc' })).toMatch(/PORT/);
    expect(refusal({ PORT: '70000' })).toMatch(/PORT/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(refusal({ DATABASE_URL: 'mysql://localhost/x' })).toMatch(/DATABASE_URL.*postgres/);
  });

  it('loads the demo city by default except in production, where only SEED_DEMO=1 does', () => {
    const production = { DATA_DIR: dataDir(), NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), SEED_DEMO: '0' }).seedDemo).toBe(false);
  });

  it('moves the clock by CLOCK_FILE only outside production (the browser tests)', () => {
    const clockFile = path.join(dataDir(), 'clock');
    expect(loadConfig({ DATA_DIR: dataDir(), CLOCK_FILE: clockFile }).clockFile).toBe(clockFile);
    expect(loadConfig({ DATA_DIR: dataDir() }).clockFile).toBeNull();
    expect(refusal({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), CLOCK_FILE: clockFile })).toMatch(/CLOCK_FILE/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/JWT_SECRET.*production/);
  });

  it('refuses a short JWT_SECRET', () => {
    expect(refusal({ JWT_SECRET: 'short' })).toMatch(/JWT_SECRET/);
  });

  it('wants ADMIN_PHONE and ADMIN_PASSWORD together, and valid', () => {
    expect(refusal({ ADMIN_PHONE: '13800000000' })).toMatch(/ADMIN_PASSWORD/);
    expect(refusal({ ADMIN_PHONE: '12345', ADMIN_PASSWORD: 'long-enough' })).toMatch(/ADMIN_PHONE/);
    expect(refusal({ ADMIN_PHONE: '13800000000', ADMIN_PASSWORD: 'short' })).toMatch(/ADMIN_PASSWORD/);
  });

  it('runs one process, one per core in production on PostgreSQL, and as many as WORKERS says', () => {
    const postgres = { DATABASE_URL: 'postgres://localhost/huijia' };
    expect(loadConfig({ DATA_DIR: dataDir() }).workers).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), ...postgres }).workers).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), ...postgres, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).workers).toBe(os.availableParallelism());
    expect(loadConfig({ DATA_DIR: dataDir(), ...postgres, WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ DATA_DIR: dataDir(), ...postgres, WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
    expect(refusal({ ...postgres, WORKERS: '0' })).toMatch(/WORKERS/);
  });

  it('reaches PostgreSQL through a transaction pooler only with a direct connection to listen on', () => {
    const pooled = { DATABASE_URL: 'postgres://localhost:6432/huijia', DATABASE_POOLING: 'transaction' };
    expect(refusal(pooled)).toMatch(/DATABASE_LISTEN_URL/);
    const config = loadConfig({ DATA_DIR: dataDir(), ...pooled, DATABASE_LISTEN_URL: 'postgres://localhost:5432/huijia', DATABASE_REPLICA_URL: 'postgres://localhost:5433/huijia' });
    expect({ pooling: config.databasePooling, listen: config.listenUrl, replica: config.replicaUrl }).toEqual({
      pooling: 'transaction',
      listen: 'postgres://localhost:5432/huijia',
      replica: 'postgres://localhost:5433/huijia',
    });
    expect(refusal({ DATABASE_REPLICA_URL: 'postgres://localhost:5433/huijia' })).toMatch(/DATABASE_URL/);
    expect(refusal({ DATABASE_URL: 'postgres://localhost/huijia', DATABASE_POOLING: 'statement' })).toMatch(/DATABASE_POOLING/);
  });

  it('allows no other origin unless CORS_ORIGINS lists them', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).corsOrigins).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir(), CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(refusal({ CORS_ORIGINS: 'not an origin' })).toMatch(/CORS_ORIGINS/);
  });

  it('refuses more than one process on the embedded database', () => {
    expect(refusal({ WORKERS: '2' })).toMatch(/WORKERS.*PGlite/);
    expect(loadConfig({ DATA_DIR: dataDir(), WORKERS: '1' }).workers).toBe(1);
  });

  it('refuses a SEED_DEMO other than 0 or 1', () => {
    expect(refusal({ SEED_DEMO: 'yes' })).toMatch(/SEED_DEMO/);
  });

  it('names every bad variable at once', () => {
    const message = refusal({ PORT: 'x', SEED_DEMO: 'x' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/SEED_DEMO/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: '', PORT: '' }).databaseUrl).toBeNull();
  });

  it('generates a development signing key once and keeps it in DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
  });
});
