import {
  errorBodySchema,
  householdSchema,
  pointsSummarySchema,
  postSchema,
  recordSchema,
  wishSchema,
  type Household,
  type PointsSummary,
  type Post,
  type ServiceRecord,
  type Wish,
} from '@huijia/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { reports, roleGrants, rosterEntries, users } from '../../src/db/schema';
import { bearer, freshPhone } from './identity';

/**
 * Helpers for the service tests (服务岗位, 服务记实, 积分, 结对帮扶): callers with signed tokens,
 * members reported straight into the tables, posts, records, households and wishes made through
 * the API, and a listening server for races over real connections.
 */

/** Demo logins (src/seed/demo-city.ts) by what they are to 龙津社区. */
export const PEOPLE = {
  /** 张丽华, staff of 龙津社区. */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区. */
  otherStaff: '13900000012',
  /** 李志远, confirmed member of 龙津社区. */
  member: '13900000101',
  /** 赵雪梅, confirmed member of 龙津社区. */
  otherMember: '13900000102',
  /** 孙浩然, confirmed member of 中山社区, not of 龙津社区. */
  memberElsewhere: '13900000103',
  /** 王秀兰, lives in 龙津社区, on no roster. */
  resident: '13900000201',
  /** 陈阿婆, lives in 龙津社区. */
  otherResident: '13900000202',
  /** 杨德福, lives in 中山社区. */
  residentElsewhere: '13900000203',
} as const;

/** Someone calling the API: their user id and a signed access token. */
export interface Caller {
  userId: number;
  phone: string;
  token: string;
}

export async function callerOf(app: FastifyInstance, phone: string): Promise<Caller> {
  const [user] = await app.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  if (!user) throw new Error(`no account with phone ${phone}`);
  return { userId: user.id, phone, token: app.jwt.sign({ sub: String(user.id) }) };
}

export async function callersOf<K extends string>(app: FastifyInstance, phones: Record<K, string>): Promise<Record<K, Caller>> {
  const out = {} as Record<K, Caller>;
  for (const [k, phone] of Object.entries(phones) as [K, string][]) out[k] = await callerOf(app, phone);
  return out;
}

/** `app.inject` as someone. */
export function api(app: FastifyInstance, who: Caller, method: InjectOptions['method'], url: string, payload?: InjectOptions['payload']): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, payload, headers: bearer(who.token) });
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The answer's status and body, so that a wrong status shows why. */
export const outcome = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, body: safeJson(res.body) });

/** Asserts the status (printing the whole answer when wrong) and answers the body. */
export function expectOk(res: LightMyRequestResponse, status = 200): unknown {
  expect(res.statusCode === status ? status : outcome(res)).toBe(status);
  return res.json();
}

/** Asserts an error answer of the one shape (api.md): status, code, a Chinese message. */
export function expectCode(res: { statusCode: number; body: string }, status: number, code: string) {
  expect(outcome(res)).toMatchObject({ status, body: { error: { code } } });
  const { error } = errorBodySchema.parse(safeJson(res.body));
  expect(error.message).toMatch(/\p{Script=Han}/u);
  return error;
}

/** A 400 VALIDATION_FAILED whose details name `path` (e.g. `body.endedAt`). */
export function expectInvalid(res: LightMyRequestResponse, path: string) {
  const error = expectCode(res, 400, 'VALIDATION_FAILED');
  expect(JSON.stringify(error.details)).toContain(path);
  return error;
}

/**
 * `count` new in-service members with a confirmed report to `communityId`: accounts, roster rows of
 * `unitId` and reports written straight into the tables (the report flow is another file's subject).
 */
export async function reportedMembers(app: FastifyInstance, options: { communityId: string; unitId: string; count: number; name?: string }): Promise<Caller[]> {
  const people = Array.from({ length: options.count }, (_, i) => ({ phone: freshPhone(), name: `${options.name ?? '党员'}${i + 1}` }));
  const made = await app.db
    .insert(users)
    .values(people.map((p) => ({ phone: p.phone, name: p.name, homeCommunityId: Number(options.communityId) })))
    .returning({ id: users.id, phone: users.phone });
  await app.db.insert(rosterEntries).values(people.map((p) => ({ unitId: Number(options.unitId), name: p.name, phone: p.phone, branch: '第一党支部' })));
  await app.db.insert(reports).values(
    made.map((u) => ({ memberId: u.id, unitId: Number(options.unitId), communityId: Number(options.communityId), basis: 'residence' as const, status: 'confirmed' as const, decidedAt: new Date() })),
  );
  return made.map((u) => ({ userId: u.id, phone: u.phone!, token: app.jwt.sign({ sub: String(u.id) }) }));
}

export async function reportedMember(app: FastifyInstance, options: { communityId: string; unitId: string; name?: string }): Promise<Caller> {
  return (await reportedMembers(app, { ...options, count: 1 }))[0]!;
}

/** A member on `unitId`'s roster who has reported nowhere. */
export async function unreportedMember(app: FastifyInstance, options: { home: string; unitId: string }): Promise<Caller> {
  const phone = freshPhone();
  const [u] = await app.db.insert(users).values({ phone, name: '未报到党员', homeCommunityId: Number(options.home) }).returning({ id: users.id });
  await app.db.insert(rosterEntries).values({ unitId: Number(options.unitId), name: '未报到党员', phone, branch: '第一党支部' });
  return { userId: u!.id, phone, token: app.jwt.sign({ sub: String(u!.id) }) };
}

/** A staff member of `communityId` who is also a member confirmed there (both roles, one person). */
export async function staffWhoIsMember(app: FastifyInstance, options: { communityId: string; unitId: string }): Promise<Caller> {
  const member = await reportedMember(app, { ...options, name: '兼任社工的党员' });
  await app.db.insert(roleGrants).values({ userId: member.userId, role: 'community_staff', orgId: Number(options.communityId) });
  return member;
}

/** A new resident living in `home`, on no roster. */
export async function newResident(app: FastifyInstance, home: string): Promise<Caller> {
  const phone = freshPhone();
  const [u] = await app.db.insert(users).values({ phone, name: '测试居民', homeCommunityId: Number(home) }).returning({ id: users.id });
  return { userId: u!.id, phone, token: app.jwt.sign({ sub: String(u!.id) }) };
}

// ---------------------------------------------------------------- posts (定岗 认岗 示岗 评岗)

export const asPost = (res: LightMyRequestResponse, status = 200): Post => postSchema.parse(expectOk(res, status));

let postCounter = 0;
export function postBody(communityId: string, overrides: Record<string, unknown> = {}) {
  postCounter += 1;
  return {
    communityId,
    title: `测试岗位${postCounter}`,
    description: '巡查楼道卫生，劝导不文明行为。',
    pioneerRole: 'volunteer',
    capacity: 3,
    schedule: '每周六上午',
    location: '阳光花园',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    ...overrides,
  };
}

/** 定岗 through the API: 201. */
export async function newPost(app: FastifyInstance, staff: Caller, communityId: string, overrides: Record<string, unknown> = {}): Promise<Post> {
  return asPost(await api(app, staff, 'POST', '/api/posts', postBody(communityId, overrides)), 201);
}

export const COMMITMENT = '我承诺按时到岗，接受社区和群众监督。';

export const claimPost = (app: FastifyInstance, member: Caller, postId: string, commitment = COMMITMENT) =>
  api(app, member, 'POST', `/api/posts/${postId}/claim`, { commitment });

/** 认岗 through the API: 200. */
export async function holdSeat(app: FastifyInstance, member: Caller, postId: string, commitment = COMMITMENT): Promise<Post> {
  return asPost(await claimPost(app, member, postId, commitment));
}

// ---------------------------------------------------------------- records (服务记实)

export const asRecord = (res: LightMyRequestResponse, status = 200): ServiceRecord => recordSchema.parse(expectOk(res, status));

const MINUTE = 60_000;
/** A session of `minutes` ending `endsBefore` minutes before `now`. */
export function session(now: Date, minutes: number, endsBefore = 60) {
  const end = new Date(now.getTime() - endsBefore * MINUTE);
  return { startedAt: new Date(end.getTime() - minutes * MINUTE).toISOString(), endedAt: end.toISOString() };
}

export function recordBody(source: { type: string; id?: string }, times: { startedAt: string; endedAt: string }, overrides: Record<string, unknown> = {}) {
  return { source, ...times, content: '巡查楼道卫生，清理杂物。', beneficiary: '阳光花园居民', ...overrides };
}

/** Logs a record through the API: 201, pending. */
export async function logRecord(app: FastifyInstance, member: Caller, body: ReturnType<typeof recordBody>): Promise<ServiceRecord> {
  const record = asRecord(await api(app, member, 'POST', '/api/records', body), 201);
  expect(record.status).toBe('pending');
  return record;
}

/** A member holding a seat of a new post of `communityId` and a pending record of `minutes` on it. */
export async function pendingRecord(
  app: FastifyInstance,
  options: { staff: Caller; member: Caller; communityId: string; now: Date; minutes?: number },
): Promise<{ post: Post; record: ServiceRecord }> {
  const post = await newPost(app, options.staff, options.communityId);
  await holdSeat(app, options.member, post.id);
  const record = await logRecord(app, options.member, recordBody({ type: 'post', id: post.id }, session(options.now, options.minutes ?? 120)));
  return { post, record };
}

export const verify = (app: FastifyInstance, staff: Caller, recordId: string) => api(app, staff, 'POST', `/api/records/${recordId}/verify`);

// ---------------------------------------------------------------- points (积分)

export async function pointsOf(app: FastifyInstance, who: Caller): Promise<PointsSummary> {
  return pointsSummarySchema.parse(expectOk(await api(app, who, 'GET', '/api/points/me')));
}

// ---------------------------------------------------------------- households (结对帮扶)

export const asHousehold = (res: LightMyRequestResponse, status = 200): Household => householdSchema.parse(expectOk(res, status));

export async function newHousehold(app: FastifyInstance, staff: Caller, communityId: string, overrides: Record<string, unknown> = {}): Promise<Household> {
  return asHousehold(
    await api(app, staff, 'POST', '/api/households', { communityId, name: '张德顺', needs: '独居老人，需要每周探访。', address: '阳光花园 3 栋 201 室', ...overrides }),
    201,
  );
}

// ---------------------------------------------------------------- wishes (微心愿), for what they pay

export const asWish = (res: LightMyRequestResponse, status = 200): Wish => wishSchema.parse(expectOk(res, status));

/** A wish of `communityId` driven to `fulfilled` by its resident, staff and claimant. */
export async function fulfilledWish(app: FastifyInstance, cast: { resident: Caller; staff: Caller; claimant: Caller }, communityId: string): Promise<Wish> {
  const body = { communityId, title: '帮忙修理水龙头', description: '厨房水龙头一直漏水，老人独居不会修。', category: 'repair', contactPhone: '15800001111', address: '阳光花园 1 栋 301 室' };
  let wish = asWish(await api(app, cast.resident, 'POST', '/api/wishes', body), 201);
  wish = asWish(await api(app, cast.staff, 'POST', `/api/wishes/${wish.id}/approve`));
  wish = asWish(await api(app, cast.claimant, 'POST', `/api/wishes/${wish.id}/claim`));
  wish = asWish(await api(app, cast.claimant, 'POST', `/api/wishes/${wish.id}/contact`));
  wish = asWish(await api(app, cast.claimant, 'POST', `/api/wishes/${wish.id}/fulfil`, { note: '已上门更换水龙头' }));
  expect(wish.status).toBe('fulfilled');
  return wish;
}

// ---------------------------------------------------------------- a listening server

/** Starts the app listening on a free port and answers its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a port');
  return `http://127.0.0.1:${address.port}`;
}

/** Every caller sends its request at the same moment, each on a connection of its own. */
export async function raceOver<T>(base: string, callers: T[], request: (caller: T) => { method: string; path: string; token: string; body?: unknown }) {
  let go!: () => void;
  const start = new Promise<void>((resolve) => (go = resolve));
  const answers = callers.map(async (caller) => {
    const r = request(caller);
    await start;
    const res = await fetch(`${base}${r.path}`, {
      method: r.method,
      headers: { authorization: `Bearer ${r.token}`, connection: 'close', ...(r.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
    });
    const text = await res.text();
    return { caller, status: res.status, statusCode: res.status, body: text, json: safeJson(text) };
  });
  go();
  return Promise.all(answers);
}
