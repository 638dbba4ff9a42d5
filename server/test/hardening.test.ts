import net, { type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import { APP_START_TIMEOUT, JPEG, WHO, api, callersOf, multipart, type Caller, type Who } from './support/wishes';

// What a probe of the running server found, each answered at its root: text the database cannot
// keep, values it refuses, logs that carried what people sent, tokens of accounts that are gone,
// malformed URLs, and CORS open to every origin.

let t: TestApp;
let ids: Record<string, string>;
let p: Record<Who, Caller>;
const log = new PassThrough();
let logged = '';
log.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));

beforeAll(async () => {
  t = await buildTestApp({
    env: { SEED_DEMO: '1', LOG_LEVEL: 'info' },
    deps: { logStream: log },
    configure: (app) => {
      // A value only the database can refuse (class 22, data exception), as a service could meet one.
      app.get('/api/test/refused', async () => app.db.execute(sql`select ${'13912345678-not-a-number'}::bigint`));
    },
  });
  ids = await demoIds(t.app);
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const wishCount = async () => (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(wishes))[0]!.n;
const wish = (fields: Record<string, unknown> = {}) => ({
  communityId: ids['龙津社区'],
  title: '帮忙修理水龙头',
  description: '厨房水龙头一直漏水，老人独居不会修。',
  category: 'repair',
  contactPhone: '13912345678',
  address: '阳光花园 1 栋 301 室',
  ...fields,
});

describe('text the database cannot keep is refused at the door, naming the field', () => {
  const cases: [string, string][] = [
    ['a NUL byte', 'abc\u0000def'],
    ['a lone high surrogate', '\ud800x'],
    ['a lone low surrogate', 'x\udc00'],
  ];
  it.each(cases)('%s in a body field: 400 INVALID_TEXT, nothing written', async (_what, bad) => {
    const before = await wishCount();
    const error = expectError(await api(t.app, p.resident, 'POST', '/api/wishes', wish({ title: `修理${bad}` })), 400, 'INVALID_TEXT');
    expect(error.details).toEqual([{ path: 'body.title', message: expect.any(String) }]);
    expect(await wishCount()).toBe(before);
  });

  it.each(cases)('%s in a nested field or a key', async (_what, bad) => {
    const record = { source: { type: 'other' }, startedAt: '2026-01-01T01:00:00+08:00', endedAt: '2026-01-01T02:00:00+08:00', content: `服务内容${bad}说明` };
    expect(expectError(await api(t.app, p.claimant, 'POST', '/api/records', record), 400, 'INVALID_TEXT').details).toEqual([
      { path: 'body.content', message: expect.any(String) },
    ]);
    expectError(await api(t.app, p.resident, 'POST', '/api/wishes', { ...wish(), [`key${bad}`]: 1 }), 400, 'INVALID_TEXT');
  });

  it('a NUL byte in a query or a path parameter (a lone surrogate cannot be written in a URL)', async () => {
    expectError(await api(t.app, p.resident, 'GET', `/api/wishes?communityId=${ids['龙津社区']}&cursor=1%00`), 400, 'INVALID_TEXT');
    expectError(await api(t.app, p.resident, 'GET', '/api/wishes/1%00'), 400, 'INVALID_TEXT');
  });

  it('a whole surrogate pair (an emoji) is text like any other', async () => {
    const res = await api(t.app, p.resident, 'POST', '/api/wishes', wish({ title: '修理水龙头😀' }));
    expect(res.statusCode).toBe(201);
  });
});

describe('a value the database refuses is the client’s, not a 500, and the log keeps no values', () => {
  it('answers 400 BAD_REQUEST and logs the SQLSTATE, not the query or its parameters', async () => {
    logged = '';
    expectError(await t.app.inject({ method: 'GET', url: '/api/test/refused' }), 400, 'BAD_REQUEST');
    expect(logged).toContain('22P02');
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toMatch(/select|params/i);
  });

  it('logs a request as its method and path: no query string, no body', async () => {
    logged = '';
    await api(t.app, p.resident, 'GET', `/api/wishes?communityId=${ids['龙津社区']}&status=published&secret=13987654321`);
    await api(t.app, p.resident, 'POST', '/api/wishes', wish({ contactPhone: '13987654321', address: '秘密地址 9 栋' }));
    expect(logged).toContain('/api/wishes');
    expect(logged).not.toContain('13987654321');
    expect(logged).not.toContain('秘密地址');
    expect(logged).not.toContain('status=published');
  });
});

describe('a token is honoured only for an account that exists', () => {
  const ghost = () => ({ authorization: `Bearer ${t.app.jwt.sign({ sub: '987654321' })}` });

  it.each([
    ['GET', '/api/notifications'],
    ['GET', '/api/points/me'],
    ['GET', '/api/pairings'],
    ['POST', '/api/notifications/read-all'],
    ['GET', '/api/me'],
  ] as const)('%s %s answers 401 for a validly signed token of nobody', async (method, url) => {
    expectError(await t.app.inject({ method, url, headers: ghost() }), 401, 'UNAUTHENTICATED');
  });

  it('an upload with such a token stores nothing', async () => {
    const dir = path.join(t.config.dataDir, 'uploads');
    const files = () => (existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0);
    const before = files();
    const body = multipart([{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', content: JPEG }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...ghost(), ...body.headers }, payload: body.payload });
    expectError(res, 401, 'UNAUTHENTICATED');
    expect(files()).toBe(before);
  });
});

describe('a malformed URL is answered in the contract’s shape', () => {
  it.each(['/api/wishes/%ZZ', '/api/orgs/%E0%A4%A', '/api/%'])('%s: 400 BAD_REQUEST', async (url) => {
    expectError(await t.app.inject({ method: 'GET', url }), 400, 'BAD_REQUEST');
  });
});

describe('CORS is off unless origins are configured', () => {
  it('answers no CORS header to another origin by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const other = await buildTestApp({ env: { CORS_ORIGINS: 'https://admin.huijia.example, https://m.huijia.example' } });
    try {
      const allowed = await other.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://m.huijia.example' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://m.huijia.example');
      const refused = await other.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('while the server closes, a request that arrives on an open connection is refused in the contract’s shape', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Connection: close, and the server then closes', async () => {
    const closing = await buildTestApp();
    await closing.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = closing.app.server.address() as AddressInfo;
    let serverSide: net.Socket | undefined;
    closing.app.server.once('connection', (s: net.Socket) => (serverSide = s));
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const ended = new Promise<void>((r) => socket.on('close', () => r()));
    // A request begun before the close (so the connection is not idle) and finished after it.
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    while (!serverSide || serverSide.bytesRead === 0) await new Promise((r) => setTimeout(r, 5));
    const closed = closing.close();
    // The server has stopped listening: the close is under way (its preClose hooks have run).
    while (closing.app.server.listening) await new Promise((r) => setTimeout(r, 5));
    socket.write('\r\n');
    await ended;
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 503/);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
  });
});
