import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBodySchema } from '@huijia/shared';
import { fc } from '@fast-check/jest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import {
  gridGroups,
  households,
  notifications,
  orgNodes,
  pairings,
  posts,
  reports,
  serviceRecords,
  units,
  uploads,
  users,
  wishes,
} from '../src/db/schema';
import { DEMO_CERTIFICATE_CODE } from '../src/seed/demo-city';
import { buildTestApp, type TestApp } from './support/app';
import {
  HOSTILE_FRAGMENTS,
  UNSTORABLE_FRAGMENTS,
  injectOptions,
  remember,
  requestsFor,
  routeKey,
  routesOf,
  strayRequests,
  type FileName,
  type FuzzRequest,
  type IdKind,
  type Mode,
  type RouteSpec,
  type Target,
  type World,
} from './support/arbitraries';
import { DEMO, DEMO_PASSWORD, bearer, freshAddress, signIn } from './support/identity';
import { APP_START_TIMEOUT, WHO, api, callerOf, expectOk, uploadImage, wishIn, type Cast } from './support/wishes';

/**
 * The contract under whatever a client sends (api.md, "Conventions"): no 500 for anything a client
 * can send, and every 4xx is `{ error: { code, message, details? } }` with a Chinese message.
 *
 * Every route of the API document is fuzzed with requests made from its own schemas
 * (support/arbitraries.ts), by every kind of caller, against the demo city: mostly values the route
 * accepts (so that requests reach the services and the database) with hostile text inside them,
 * sometimes values, bodies and URLs it refuses. Left out of the document, so fuzzed only through
 * their paths, by requests for no route: `/api/openapi.json`, the Swagger UI under `/api/docs`, the
 * HEAD twin of every GET. Not fuzzed at all: the web build's static files (not served in tests).
 *
 * The seed is fixed, so that a run is repeatable: a failure prints it with the shrunk request and
 * the answer. `FUZZ_LOG_LEVEL=error` shows the server's own log of a 500.
 */

const SEED = 20_260_501;
/**
 * Every route is tried in three rounds, each a property of its own so that a failure of one kind
 * does not hide another: clean requests (values it accepts, hostile text inside), messy ones
 * (values, bodies and URLs it refuses), then clean ones again aimed at the callers and objects that
 * got past authorization in the first two, so that more of them reach the service and the database.
 * About 6,000 requests in all: under half a minute on either database.
 */
const ROUNDS: readonly { name: string; mode: Mode; runs: number; aimed: boolean }[] = [
  { name: 'clean', mode: 'clean', runs: 30, aimed: false },
  { name: 'messy', mode: 'messy', runs: 20, aimed: false },
  { name: 'aimed', mode: 'clean', runs: 30, aimed: true },
];
/** Requests for no route: unknown paths and methods, the hidden documents. */
const STRAY_RUNS = 100;
/** A property's run stops after this long (far more than its requests take): a failure found is
 *  reported with the smallest request shrinking had reached by then. */
const SHRINK_MS = 5_000;

/** The routes that read a file (multipart/form-data), which the API document cannot describe. A
 *  tree file is a sheet as a roster is: the rosters' cells make paths of hostile names. */
const FILE_ROUTES = { 'POST /api/uploads': 'image', 'POST /api/units/{id}/roster': 'roster', 'POST /api/orgs/import': 'roster' } as const;

/** Demo accounts by what they are (src/seed/demo-city.ts), one or more of every role. */
const ACCOUNTS = {
  resident: WHO.resident,
  otherResident: WHO.unrelatedResident,
  claimant: WHO.claimant,
  member: WHO.reportedMember,
  memberElsewhere: WHO.memberReportedElsewhere,
  memberNotReported: WHO.memberNotReported,
  staff: WHO.staff,
  otherStaff: WHO.otherStaff,
  streetAdmin: WHO.streetAdmin,
  districtAdmin: WHO.districtAdmin,
  unitAdmin: DEMO.unitAdminHospital,
  unitAdminSchool: DEMO.unitAdminSchool,
} as const;

/**
 * WeChat, so that WeChat sign-in and phone binding are tried for real (unconfigured, they answer
 * 503 to every request): jscode2session takes the codes `wx-<name>`, which sign in as openid
 * `o-<name>`; the access token is handed out; getuserphonenumber knows no code a fuzz sends. Any
 * other code is refused as WeChat refuses it (errcode 40029).
 */
const wechat = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://wechat.invalid');
  const code = url.searchParams.get('js_code') ?? '';
  const answer =
    url.pathname === '/cgi-bin/token'
      ? { access_token: 'fuzz-token', expires_in: 7200 }
      : url.pathname === '/sns/jscode2session' && /^wx-[a-z]+$/.test(code)
        ? { openid: `o-${code.slice(3)}`, session_key: 'c2Vzc2lvbg==' }
        : { errcode: 40029, errmsg: 'invalid code' };
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(JSON.stringify(answer));
  });
});

/** The fuzz's own wishes, by state, and service records waiting for review (beforeAll). */
const WISHES = [['pending_review', 6], ['published', 4], ['claimed', 4], ['contacted', 3], ['fulfilled', 4], ['disputed', 3]] as const;
const RECORDS = 4;

let t: TestApp;
let routes: RouteSpec[];
let world: World;
/** The Authorization header of each caller of `world.callers`. */
const authOf: Record<string, Record<string, string>> = {};
/** Each route's answers, by status and code: to show that the requests reach the services. */
const outcomes = new Map<string, Map<string, number>>();
/** Each route's targets (caller and path) that got past authorization, for the aimed round. */
const through = new Map<string, Target[]>();

async function images(): Promise<Record<'jpeg' | 'png' | 'webp', Buffer[]>> {
  const picture = () => sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 30, b: 30 } } });
  return {
    jpeg: [await picture().jpeg().toBuffer()],
    png: [await picture().png().toBuffer()],
    webp: [await picture().webp().toBuffer()],
  };
}

/** Rosters as XLSX, eight rows each, whose names and branches hold every hostile fragment: a
 *  sheet's cells are not text the server decodes itself, as a CSV's are. */
async function rosterSheets(): Promise<Buffer[]> {
  const fragments = [...UNSTORABLE_FRAGMENTS, ...HOSTILE_FRAGMENTS];
  const sheets: Buffer[] = [];
  for (let i = 0; i < fragments.length; i += 8) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名册');
    sheet.addRow(['姓名', '手机号', '支部']);
    fragments.slice(i, i + 8).forEach((f, k) => sheet.addRow([`党员${f}`, `1370000${String(i + k).padStart(4, '0')}`, `支部${f}`]));
    sheets.push(Buffer.from(await book.xlsx.writeBuffer()));
  }
  return sheets;
}

async function idsOf(): Promise<Record<IdKind, string[]>> {
  const db = t.app.db;
  const all = async (rows: Promise<{ id: number }[]>) => (await rows).map((r) => String(r.id));
  return {
    org: await all(db.select({ id: orgNodes.id }).from(orgNodes)),
    community: await all(db.select({ id: orgNodes.id }).from(orgNodes).where(eq(orgNodes.kind, 'community'))),
    unit: await all(db.select({ id: units.id }).from(units)),
    user: await all(db.select({ id: users.id }).from(users)),
    wish: await all(db.select({ id: wishes.id }).from(wishes)),
    post: await all(db.select({ id: posts.id }).from(posts)),
    record: await all(db.select({ id: serviceRecords.id }).from(serviceRecords)),
    report: await all(db.select({ id: reports.id }).from(reports)),
    grid: await all(db.select({ id: gridGroups.id }).from(gridGroups)),
    notification: await all(db.select({ id: notifications.id }).from(notifications)),
    upload: await all(db.select({ id: uploads.id }).from(uploads)),
    household: await all(db.select({ id: households.id }).from(households)),
    pairing: await all(db.select({ id: pairings.id }).from(pairings)),
  };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => wechat.listen(0, '127.0.0.1', resolve));
  const wechatBase = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;
  t = await buildTestApp({
    env: { SEED_DEMO: '1', LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent', WECHAT_APPID: 'wx-fuzz', WECHAT_SECRET: 'wx-fuzz-secret', WECHAT_API_BASE: wechatBase },
  });
  const app = t.app;
  routes = routesOf(app);

  const callers = Object.fromEntries(await Promise.all(Object.entries(ACCOUNTS).map(async ([name, phone]) => [name, await callerOf(app, phone)] as const)));
  for (const [name, caller] of Object.entries(callers)) authOf[name] = bearer(caller.token);
  const valid = callers.resident!.token;
  const now = Math.floor(Date.now() / 1000);
  Object.assign(authOf, {
    anonymous: {},
    notAToken: { authorization: 'Bearer not-a-token' },
    basic: { authorization: 'Basic Zm9vOmJhcg==' },
    forgedToken: bearer(`${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`),
    expiredToken: bearer(app.jwt.sign({ sub: String(callers.resident!.userId), iat: now - 3_600 } as { sub: string })),
    unknownUser: bearer(app.jwt.sign({ sub: '987654321' })),
    notANumber: bearer(app.jwt.sign({ sub: 'abc' })),
    // A token that signs nothing (alg none) and one far longer than any.
    unsigned: bearer(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${valid.split('.')[1]}.`),
    longToken: bearer(`${valid}${'a'.repeat(10_000)}`),
  });

  // Things of the fuzz's own in every state, several of each, so that a request that moves one on
  // still finds others to act on: wishes (some with photos) and service records waiting for review.
  const cast: Cast = { resident: callers.resident!, staff: callers.staff!, claimant: callers.claimant! };
  const longjin = String((await app.db.select({ id: orgNodes.id }).from(orgNodes).where(eq(orgNodes.name, '龙津社区')))[0]!.id);
  for (const [state, count] of WISHES) {
    for (let i = 0; i < count; i++) {
      await wishIn(app, cast, longjin, state, i === 0 ? { photoIds: [(await uploadImage(app, cast.resident)).id] } : {});
    }
  }
  for (let i = 0; i < RECORDS; i++) {
    const endedAt = new Date(Date.now() - (i + 1) * 86_400_000);
    const startedAt = new Date(endedAt.getTime() - 90 * 60_000);
    const body = { source: { type: 'other' }, startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), content: '社区环境整治志愿服务' };
    expectOk(await api(app, cast.claimant, 'POST', '/api/records', body), 201);
  }
  // Photos not yet attached to anything, for the fuzz's wishes and records to take.
  for (const who of [cast.resident, cast.claimant, cast.staff]) await uploadImage(app, who);
  const session = await signIn(app, DEMO.resident);

  world = {
    ids: await idsOf(),
    // The accounts, and 许丽娟 whose report waits with a certificate issued.
    phones: [...Object.values(ACCOUNTS), '13900000108'],
    known: {
      password: [DEMO_PASSWORD],
      certificateCode: [DEMO_CERTIFICATE_CODE],
      refreshToken: [session.refreshToken],
      code: ['wx-fuzz', 'wx-another'],
    },
    callers: Object.keys(ACCOUNTS),
    strangers: ['anonymous', 'anonymous', 'notAToken', 'basic', 'forgedToken', 'expiredToken', 'unknownUser', 'notANumber', 'unsigned', 'longToken'],
    files: { ...(await images()), xlsx: await rosterSheets() } satisfies Record<FileName, Buffer[]>,
    fileRoutes: FILE_ROUTES,
    now: new Date(),
  };
}, APP_START_TIMEOUT);
afterAll(async () => {
  await t?.close();
  wechat.closeAllConnections();
  await new Promise((resolve) => wechat.close(resolve));
});

const bodyOf = (res: LightMyRequestResponse): unknown => {
  try {
    return JSON.parse(res.body);
  } catch {
    return res.body;
  }
};

/** Answers that show a request was refused before the route's service ran. */
const REFUSED_EARLY = /^(400 (VALIDATION_FAILED|MALFORMED_JSON|BAD_REQUEST|INVALID_TEXT)|401 UNAUTHENTICATED|404 ROUTE_NOT_FOUND|413 PAYLOAD_TOO_LARGE|415 UNSUPPORTED_MEDIA_TYPE)$/;

/** Notes an answer: its tally, what it created, and whether its caller got to act on its object. */
function note(route: RouteSpec, request: FuzzRequest, res: LightMyRequestResponse, body: unknown, code: string) {
  const key = routeKey(route);
  const answer = `${res.statusCode} ${code}`.trim();
  const tally = outcomes.get(key) ?? new Map<string, number>();
  tally.set(answer, (tally.get(answer) ?? 0) + 1);
  outcomes.set(key, tally);
  remember(world, route, res.statusCode, body);
  const path = request.url.split('?')[0]!;
  const targets = through.get(key) ?? [];
  const passed = res.statusCode < 300 || (code !== '' && res.statusCode < 500 && res.statusCode !== 403 && res.statusCode !== 404 && !REFUSED_EARLY.test(answer));
  if (passed && !targets.some((t) => t.as === request.as && t.path === path)) targets.push({ as: request.as, path });
  through.set(key, targets);
}

/** Sends one request (for `route`, or for none) and answers why it breaks the contract, or null. */
async function breach(route: RouteSpec | null, request: FuzzRequest): Promise<string | null> {
  const res = await t.app.inject(injectOptions(world, request, authOf[request.as]!, freshAddress()));
  const body = bodyOf(res);
  const parsed = errorBodySchema.safeParse(body);
  if (route) note(route, request, res, body, parsed.success ? parsed.data.error.code : '');

  const answer = `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) return `answered ${answer}`;
  // A HEAD answer has no body, whatever its status.
  if (res.statusCode >= 400 && request.method !== 'HEAD') {
    if (!parsed.success) return `answered a ${res.statusCode} not in the error shape: ${answer}`;
    if (!/\p{Script=Han}/u.test(parsed.data.error.message)) return `answered a ${res.statusCode} whose message is not Chinese: ${answer}`;
  }
  return null;
}

describe('every route, whatever a client sends', () => {
  it('finds the routes in the API document, the file routes among them', () => {
    expect(routes.length).toBeGreaterThanOrEqual(70);
    const keys = routes.map(routeKey);
    expect(keys).toEqual(expect.arrayContaining(Object.keys(FILE_ROUTES)));
    expect(keys).toEqual(expect.arrayContaining(['POST /api/wishes', 'GET /api/wishes/{id}', 'PATCH /api/me', 'GET /api/exports/{list}.xlsx']));
  });

  it(
    'answers below 500, and every 4xx as { error: { code, message } } with a Chinese message',
    async () => {
      const failures: string[] = [];
      /** Runs one property, noting its failure (seed, shrunk request, what came back) if it fails. */
      const check = async (what: string, requests: fc.Arbitrary<FuzzRequest>, route: RouteSpec | null, seed: number, numRuns: number) => {
        const property = fc.asyncProperty(requests, async (request) => {
          const why = await breach(route, request);
          // Without its stack: the report says what was sent and what came back, nothing else.
          if (why) throw Object.assign(new Error(why), { stack: `Error: ${why}` });
        });
        try {
          await fc.assert(property, { seed, numRuns, includeErrorInReport: true, interruptAfterTimeLimit: SHRINK_MS });
        } catch (err) {
          failures.push(`${what}: ${(err as Error).message}`);
        }
      };
      for (const [i, round] of ROUNDS.entries()) {
        for (const route of routes) {
          const requests = requestsFor(route, world, round.mode, round.aimed ? through.get(routeKey(route)) : []);
          await check(`${routeKey(route)}, ${round.name} requests`, requests, route, SEED + i, round.runs);
        }
      }
      await check('requests for no route', strayRequests(routes, world), null, SEED, STRAY_RUNS);
      if (failures.length > 0) throw new Error(`${failures.length} properties failed:\n\n${failures.join('\n\n')}`);
    },
    // About 45 s alone on two cores; a loaded machine (CI's two workers) can take three times that.
    240_000,
  );

  it('reaches the service of every route with some of its requests', () => {
    const unreached = routes
      .map(routeKey)
      .filter((key) => ![...(outcomes.get(key)?.keys() ?? [])].some((answer) => !REFUSED_EARLY.test(answer)));
    expect(unreached).toEqual([]);
  });
});
