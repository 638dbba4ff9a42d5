import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  grantSchema,
  listEnvelope,
  meSchema,
  passwordResetSchema,
  sessionSchema,
  staffGrantSchema,
  type Grant,
  type Session,
  type StaffGrant,
} from '@huijia/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, orgNodes, refreshTokens, roleGrants, units, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, freshPhone, request, signIn, signUp } from './support/identity';
import { api, callerOf, expectOk, type Caller } from './support/wishes';

/**
 * Staff and accounts (issue 16): who holds which role where (GET /api/staff), revoking a grant,
 * resetting a password to a one-time one that must be changed, deactivating an account; and the
 * password change everyone has. One rule decides who may act on a grant or its holder
 * (`mayManageGrant`): whoever may grant that role there. Callers are demo accounts:
 *   resident 王秀兰 · member 李志远 · staff 张丽华 (龙津社区) and 王海燕 (中山社区), both in 东城街道 ·
 *   unit admins 郑明辉 (龙岩市第一医院) and 罗晓燕 (新罗区实验小学) · street admins 林秀英 (东城街道)
 *   and 黄志强 (西城街道) · district admin 陈建国 (新罗区).
 * What a test changes, it changes on accounts it made; refusals are tried on the demo's own.
 */

const PHONES = {
  resident: DEMO.resident,
  member: DEMO.memberHospital,
  staffLongjin: DEMO.staffLongjin,
  staffZhongshan: '13900000012',
  unitAdminHospital: DEMO.unitAdminHospital,
  unitAdminSchool: DEMO.unitAdminSchool,
  streetEast: DEMO.streetAdminEast,
  streetWest: '13900000003',
  district: DEMO.districtAdmin,
} as const;
type Who = keyof typeof PHONES;
const INITIAL = 'initial-password-1';

/** WeChat's jscode2session: the code `<name>.<n>` signs in as openid `o-<name>`. */
const wechat = createServer((req, res) => {
  const code = new URL(req.url ?? '/', 'http://wechat.invalid').searchParams.get('js_code') ?? '';
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(JSON.stringify({ openid: `o-${code.split('.')[0]}`, session_key: 'c2Vzc2lvbg==' }));
});

let t: TestApp;
let ids: Record<string, string>;
const as = {} as Record<Who, Caller>;

beforeAll(async () => {
  await new Promise<void>((resolve) => wechat.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;
  t = await buildTestApp({ env: { SEED_DEMO: '1', WECHAT_APPID: 'wx-test', WECHAT_SECRET: 'wx-secret', WECHAT_API_BASE: base } });
  ids = await demoIds(t.app);
  for (const [who, phone] of Object.entries(PHONES) as [Who, string][]) as[who] = await callerOf(t.app, phone);
});
afterAll(async () => {
  await t?.close();
  wechat.closeAllConnections();
  await new Promise((resolve) => wechat.close(resolve));
});

const anonymous: Caller = { userId: 0, phone: '', token: '' };
const send = (who: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  who === anonymous ? t.app.inject({ method, url, ...(payload ? { payload } : {}) }) : api(t.app, who, method, url, payload);
const login = (phone: string, password: string) => request(t.app, { method: 'POST', url: '/api/auth/password', payload: { phone, password } });
const refresh = (refreshToken: string) => request(t.app, { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
const withToken = (session: Session): Caller => ({ userId: Number(session.user.id), phone: session.user.phone ?? '', token: session.accessToken });

const staffList = async (who: Caller, query: string): Promise<StaffGrant[]> => {
  const items: StaffGrant[] = [];
  let cursor: string | null = null;
  do {
    const res = await send(who, 'GET', `/api/staff?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const page = listEnvelope(staffGrantSchema).parse(expectOk(res));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

/** A new account granted `role` at a node or unit by `by`, signing in with INITIAL. */
async function granted(by: Caller, role: string, where: { orgId: string } | { unitId: string }, phone = freshPhone()): Promise<{ phone: string; grant: Grant; userId: number }> {
  const grant = grantSchema.parse(expectOk(await api(t.app, by, 'POST', '/api/staff', { phone, name: '新同事', role, ...where, initialPassword: INITIAL }), 201));
  return { phone, grant, userId: Number(grant.userId) };
}

async function grantIdOf(phone: string, role: string): Promise<string> {
  const [row] = await t.app.db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(users.phone, phone), sql`${roleGrants.role} = ${role}`));
  return String(row!.id);
}

const pathOf = async (id: string) => (await t.app.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, Number(id))))[0]!.path;
const auditOf = (action: string, userId: number) =>
  t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(userId))))
    .orderBy(asc(auditLog.id));
const grantCount = async () => (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(roleGrants))[0]!.n;
const hashOf = async (userId: number) => (await t.app.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]!.h;

interface Refusal {
  who: Who | 'anonymous';
  what: string;
  status: number;
  code: string;
}
const caller = (who: Refusal['who']) => (who === 'anonymous' ? anonymous : as[who]);
const titled = (cases: Refusal[]) => cases.map((c) => [`${c.who}: ${c.what} → ${c.status} ${c.code}`, c] as const);
const outcome = (res: LightMyRequestResponse) => ({ status: res.statusCode, code: res.statusCode >= 400 ? (res.json() as { error: { code: string } }).error.code : null });

describe('GET /api/staff: who holds which role, for the admins of that node or unit', () => {
  const cases: (Refusal & { query: string })[] = [
    { who: 'anonymous', what: 'not signed in', query: 'orgId={龙津社区}', status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'its own community', query: 'orgId={龙津社区}', status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit', query: 'unitId={龙岩市第一医院}', status: 403, code: 'FORBIDDEN' },
    { who: 'staffZhongshan', what: 'another community', query: 'orgId={龙津社区}', status: 404, code: 'NOT_FOUND' },
    { who: 'staffLongjin', what: 'its street, above it', query: 'orgId={东城街道}', status: 404, code: 'NOT_FOUND' },
    { who: 'staffLongjin', what: 'a unit paired with its community', query: 'unitId={龙岩市第一医院}', status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminSchool', what: 'another unit', query: 'unitId={龙岩市第一医院}', status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminHospital', what: 'a paired community', query: 'orgId={龙津社区}', status: 404, code: 'NOT_FOUND' },
    { who: 'streetWest', what: 'another street', query: 'orgId={东城街道}', status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'the district above it', query: 'orgId={新罗区}', status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'a unit registered in the district', query: 'unitId={龙岩市第一医院}', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'the city above it', query: 'orgId={龙岩市}', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a node that does not exist', query: 'orgId=987654321', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a unit that does not exist', query: 'unitId=abc', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'both a node and a unit', query: 'orgId={新罗区}&unitId={龙岩市第一医院}', status: 400, code: 'VALIDATION_FAILED' },
    { who: 'district', what: 'neither a node nor a unit', query: 'limit=5', status: 400, code: 'VALIDATION_FAILED' },
    { who: 'district', what: 'the cursor abc', query: 'orgId={新罗区}&cursor=abc', status: 400, code: 'VALIDATION_FAILED' },
  ];
  const resolve = (query: string) => query.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name]!);
  it.each(titled(cases))('%s', async (_title, c) => {
    expectError(await send(caller(c.who), 'GET', `/api/staff?${resolve((c as (typeof cases)[number]).query)}`), c.status, c.code);
  });

  it('shows a community’s staff to its staff, with phones, and none of another community', async () => {
    const list = await staffList(as.staffLongjin, `orgId=${ids['龙津社区']}`);
    expect(list.map((g) => [g.user.name, g.role, g.scopeName])).toEqual([['张丽华', 'community_staff', '龙津社区']]);
    expect(list[0]).toMatchObject({ orgId: ids['龙津社区'], unitId: null, user: { phone: PHONES.staffLongjin, mustChangePassword: false, deactivatedAt: null } });
    // One's own grant is not offered for revoking.
    expect(list[0]!.manageable).toBe(false);
  });

  it('shows a street admin its street and everything below it, the units registered there, and whom it may manage', async () => {
    const unit = expectOk(await api(t.app, as.district, 'POST', '/api/units', { name: '东城列表单位', orgId: ids['东城街道'], pairedCommunityIds: [] }), 201) as { id: string };
    const unitAdmin = await granted(as.district, 'unit_admin', { unitId: unit.id });
    const list = await staffList(as.streetEast, `orgId=${ids['东城街道']}`);
    const byName = new Map(list.map((g) => [`${g.user.name}·${g.role}`, g]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['林秀英·street_admin', '张丽华·community_staff', '王海燕·community_staff']));
    expect(list.map((g) => g.user.name)).not.toEqual(expect.arrayContaining(['吴振华']));
    expect(list.map((g) => g.role)).not.toContain('district_admin');
    expect(byName.get('张丽华·community_staff')).toMatchObject({ manageable: true, user: { phone: PHONES.staffLongjin } });
    expect(byName.get('林秀英·street_admin')!.manageable).toBe(false);
    // A unit registered in the street is listed; its admin is a role the street may not grant.
    const theUnitAdmin = list.find((g) => g.grantId === unitAdmin.grant.id);
    expect(theUnitAdmin).toMatchObject({ role: 'unit_admin', unitId: unit.id, scopeName: '东城列表单位', manageable: false });
  });

  it('shows the district admin every grant of its district, the units’ admins among them, each manageable but its own', async () => {
    const list = await staffList(as.district, `orgId=${ids['新罗区']}`);
    const names = list.map((g) => g.user.name);
    expect(names).toEqual(expect.arrayContaining(['陈建国', '林秀英', '黄志强', '张丽华', '王海燕', '刘春梅', '吴振华', '郑明辉', '罗晓燕']));
    expect(list.filter((g) => g.user.name !== '陈建国').every((g) => g.manageable)).toBe(true);
    expect(list.find((g) => g.user.name === '陈建国')!.manageable).toBe(false);
    expect(list.find((g) => g.user.name === '郑明辉')).toMatchObject({ role: 'unit_admin', unitId: ids['龙岩市第一医院'], orgId: null, scopeName: '龙岩市第一医院' });
  });

  it('offers the account of someone serving in two streets to the district admin only: a password opens every grant', async () => {
    const east = await granted(as.district, 'community_staff', { orgId: ids['龙津社区']! });
    await granted(as.district, 'community_staff', { orgId: ids['莲东社区']! }, east.phone);
    const seenByStreet = (await staffList(as.streetEast, `orgId=${ids['东城街道']}`)).find((g) => g.grantId === east.grant.id);
    expect(seenByStreet).toMatchObject({ manageable: true, accountManageable: false });
    const seenByDistrict = (await staffList(as.district, `orgId=${ids['东城街道']}`)).find((g) => g.grantId === east.grant.id);
    expect(seenByDistrict).toMatchObject({ manageable: true, accountManageable: true });
    expectError(await send(as.streetEast, 'POST', `/api/users/${east.userId}/reset-password`), 404, 'NOT_FOUND');
  });

  it('shows a unit admin its unit’s admins', async () => {
    const colleague = await granted(as.unitAdminHospital, 'unit_admin', { unitId: ids['龙岩市第一医院']! });
    const list = await staffList(as.unitAdminHospital, `unitId=${ids['龙岩市第一医院']}`);
    expect(list.map((g) => [g.user.name, g.manageable])).toEqual([
      ['郑明辉', false],
      ['新同事', true],
    ]);
    expect(list[1]!.grantId).toBe(colleague.grant.id);
  });

  it('pages by keyset: limit=1 walks the same grants as one page', async () => {
    const all = await staffList(as.district, `orgId=${ids['新罗区']}`);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 200; i++) {
      const res = await send(as.district, 'GET', `/api/staff?orgId=${ids['新罗区']}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const page = listEnvelope(staffGrantSchema).parse(expectOk(res));
      walked.push(...page.items.map((g) => g.grantId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all.map((g) => g.grantId));
  });
});

describe('POST /api/staff/:grantId/revoke: whoever may grant that role there', () => {
  const cases: (Refusal & { phone: string; role: string })[] = [
    { who: 'anonymous', what: 'not signed in', phone: PHONES.staffLongjin, role: 'community_staff', status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'the staff of its community', phone: PHONES.staffLongjin, role: 'community_staff', status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit admin', phone: PHONES.unitAdminHospital, role: 'unit_admin', status: 403, code: 'FORBIDDEN' },
    { who: 'staffZhongshan', what: 'the staff of another community', phone: PHONES.staffLongjin, role: 'community_staff', status: 404, code: 'NOT_FOUND' },
    { who: 'staffLongjin', what: 'its street admin', phone: PHONES.streetEast, role: 'street_admin', status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminSchool', what: 'the admin of another unit', phone: PHONES.unitAdminHospital, role: 'unit_admin', status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminHospital', what: 'the staff of a paired community', phone: PHONES.staffLongjin, role: 'community_staff', status: 404, code: 'NOT_FOUND' },
    { who: 'streetWest', what: 'the staff of another street', phone: PHONES.staffLongjin, role: 'community_staff', status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'the district admin', phone: PHONES.district, role: 'district_admin', status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'a unit admin (a role streets do not grant)', phone: PHONES.unitAdminHospital, role: 'unit_admin', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'its own last grant', phone: PHONES.district, role: 'district_admin', status: 409, code: 'LAST_OWN_GRANT' },
  ];
  it.each(titled(cases))('%s, and nothing is revoked', async (_title, c) => {
    const { phone, role } = c as (typeof cases)[number];
    const before = await grantCount();
    expectError(await send(caller(c.who), 'POST', `/api/staff/${await grantIdOf(phone, role)}/revoke`), c.status, c.code);
    expect(await grantCount()).toBe(before);
  });

  it.each([
    ['abc', 404],
    ['987654321', 404],
    ['99999999999999999999', 404],
  ])('answers a grant id %s with %i NOT_FOUND', async (grantId, status) => {
    expectError(await send(as.district, 'POST', `/api/staff/${grantId}/revoke`), status, 'NOT_FOUND');
  });

  it.each([
    ['district', 'community_staff', () => ({ orgId: ids['溪南社区']! })],
    ['streetEast', 'community_staff', () => ({ orgId: ids['中山社区']! })],
    ['streetEast', 'street_admin', () => ({ orgId: ids['东城街道']! })],
    ['staffLongjin', 'community_staff', () => ({ orgId: ids['龙津社区']! })],
    ['unitAdminHospital', 'unit_admin', () => ({ unitId: ids['龙岩市第一医院']! })],
    ['district', 'unit_admin', () => ({ unitId: ids['新罗区实验小学']! })],
  ] as const)('%s revokes a %s grant it may grant: 204, the row is gone, the audit row names it', async (who, role, where) => {
    const place = where();
    const made = await granted(as[who as Who], role, place);
    const res = await send(as[who as Who], 'POST', `/api/staff/${made.grant.id}/revoke`);
    expect(res.statusCode).toBe(204);
    expect(await t.app.db.select().from(roleGrants).where(eq(roleGrants.id, Number(made.grant.id)))).toEqual([]);
    const [row] = await auditOf('role.revoke', made.userId);
    const nodeId = 'orgId' in place ? place.orgId : String((await t.app.db.select({ orgId: units.orgId }).from(units).where(eq(units.id, Number(place.unitId))))[0]!.orgId);
    expect(row).toMatchObject({
      actorId: as[who as Who].userId,
      fromState: role,
      orgPath: await pathOf(nodeId),
      details: { role, grantedBy: as[who as Who].userId, orgId: 'orgId' in place ? Number(place.orgId) : null, unitId: 'unitId' in place ? Number(place.unitId) : null },
    });
    expectError(await send(as[who as Who], 'POST', `/api/staff/${made.grant.id}/revoke`), 404, 'NOT_FOUND');
  });

  it('takes effect at the next request of an access token issued before it', async () => {
    const made = await granted(as.district, 'community_staff', { orgId: ids['龙津社区']! });
    const session = await signIn(t.app, made.phone, INITIAL);
    const worker = withToken(session);
    expect(await staffList(worker, `orgId=${ids['龙津社区']}`)).not.toHaveLength(0);
    expect((await send(as.district, 'POST', `/api/staff/${made.grant.id}/revoke`)).statusCode).toBe(204);
    expectError(await send(worker, 'GET', `/api/staff?orgId=${ids['龙津社区']}`), 403, 'FORBIDDEN');
    const me = meSchema.parse(expectOk(await send(worker, 'GET', '/api/me')));
    expect(me.roles).toEqual([{ role: 'resident' }]);
  });

  it('lets nobody revoke their own last grant, but a grant they hold besides another', async () => {
    const street = await granted(as.district, 'street_admin', { orgId: ids['东城街道']! });
    const self = await callerOf(t.app, street.phone);
    expectError(await send(self, 'POST', `/api/staff/${street.grant.id}/revoke`), 409, 'LAST_OWN_GRANT');
    expect(await t.app.db.select().from(roleGrants).where(eq(roleGrants.id, Number(street.grant.id)))).toHaveLength(1);

    const second = await granted(as.district, 'community_staff', { orgId: ids['中山社区']! }, street.phone);
    expect((await send(self, 'POST', `/api/staff/${street.grant.id}/revoke`)).statusCode).toBe(204);
    // Now a community worker only, whose one grant is the last.
    expectError(await send(self, 'POST', `/api/staff/${second.grant.id}/revoke`), 409, 'LAST_OWN_GRANT');
  });

  it('answers one of two simultaneous revocations of one’s own two grants with LAST_OWN_GRANT', async () => {
    const first = await granted(as.district, 'community_staff', { orgId: ids['龙津社区']! });
    const second = await granted(as.district, 'community_staff', { orgId: ids['中山社区']! }, first.phone);
    const self = await callerOf(t.app, first.phone);
    const answers = await Promise.all([first, second].map((g) => send(self, 'POST', `/api/staff/${g.grant.id}/revoke`)));
    expect(answers.map(outcome).sort((a, b) => a.status - b.status)).toEqual([
      { status: 204, code: null },
      { status: 409, code: 'LAST_OWN_GRANT' },
    ]);
    expect(await t.app.db.select().from(roleGrants).where(eq(roleGrants.userId, first.userId))).toHaveLength(1);
  });
});

describe('POST /api/staff: granting follows the same rule', () => {
  it('lets a street admin grant staff in its street and nowhere else, and the grant is audited with its node', async () => {
    const made = await granted(as.streetEast, 'community_staff', { orgId: ids['中山社区']! });
    const [row] = await auditOf('role.grant', made.userId);
    expect(row).toMatchObject({ actorId: as.streetEast.userId, toState: 'community_staff', orgPath: await pathOf(ids['中山社区']!) });
    const res = await api(t.app, as.streetEast, 'POST', '/api/staff', { phone: freshPhone(), name: '越界', role: 'community_staff', orgId: ids['溪南社区'], initialPassword: INITIAL });
    expectError(res, 404, 'NOT_FOUND');
  });
});

describe('POST /api/users/:id/reset-password: a one-time password, for the admins over the account', () => {
  const cases: (Refusal & { phone: string })[] = [
    { who: 'anonymous', what: 'not signed in', phone: PHONES.staffLongjin, status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'the staff of its community', phone: PHONES.staffLongjin, status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit admin', phone: PHONES.unitAdminHospital, status: 403, code: 'FORBIDDEN' },
    { who: 'staffZhongshan', what: 'the staff of another community', phone: PHONES.staffLongjin, status: 404, code: 'NOT_FOUND' },
    { who: 'staffLongjin', what: 'its street admin', phone: PHONES.streetEast, status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminSchool', what: 'the admin of another unit', phone: PHONES.unitAdminHospital, status: 404, code: 'NOT_FOUND' },
    { who: 'streetWest', what: 'the staff of another street', phone: PHONES.staffLongjin, status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'the district admin', phone: PHONES.district, status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a resident, who holds no grant', phone: PHONES.resident, status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a member, who holds no grant', phone: PHONES.member, status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'itself', phone: PHONES.district, status: 409, code: 'CANNOT_RESET_OWN_PASSWORD' },
  ];
  it.each(titled(cases))('%s, and the password stays', async (_title, c) => {
    const target = await callerOf(t.app, (c as (typeof cases)[number]).phone);
    const before = await hashOf(target.userId);
    expectError(await send(caller(c.who), 'POST', `/api/users/${target.userId}/reset-password`), c.status, c.code);
    expect(await hashOf(target.userId)).toBe(before);
  });

  it.each(['abc', '987654321', '99999999999999999999'])('answers the user id %s with 404 NOT_FOUND', async (id) => {
    expectError(await send(as.district, 'POST', `/api/users/${id}/reset-password`), 404, 'NOT_FOUND');
  });

  it('reaches an account only over every grant it holds: a street admin cannot take over a worker who also serves in another street', async () => {
    const east = await granted(as.district, 'community_staff', { orgId: ids['龙津社区']! });
    await granted(as.district, 'community_staff', { orgId: ids['溪南社区']! }, east.phone);
    expectError(await send(as.streetEast, 'POST', `/api/users/${east.userId}/reset-password`), 404, 'NOT_FOUND');
    expectError(await send(as.streetEast, 'POST', `/api/users/${east.userId}/deactivate`, { reason: '调离岗位' }), 404, 'NOT_FOUND');
    expect(passwordResetSchema.parse(expectOk(await send(as.district, 'POST', `/api/users/${east.userId}/reset-password`)))).toBeTruthy();
  });

  it('asks an account made by an admin to agree to the 用户协议 and 隐私政策, before its one-time password is changed, and keeps the first agreement', async () => {
    const worker = await granted(as.streetEast, 'community_staff', { orgId: ids['龙津社区']! });
    const session = sessionSchema.parse(expectOk(await login(worker.phone, INITIAL)));
    expect(session.user).toMatchObject({ consentNeeded: true });
    await t.app.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, worker.userId));
    const pending = withToken(session);
    expect(meSchema.parse(expectOk(await send(pending, 'GET', '/api/me'))).user).toMatchObject({ consentNeeded: true, mustChangePassword: true });

    for (const agreed of [undefined, false, 'yes']) expectError(await send(pending, 'POST', '/api/me/consent', { agreed }), 400, 'VALIDATION_FAILED');
    expectError(await send(anonymous, 'POST', '/api/me/consent', { agreed: true }), 401, 'UNAUTHENTICATED');
    expect((await send(pending, 'POST', '/api/me/consent', { agreed: true })).statusCode).toBe(204);
    const [first] = await t.app.db.select({ at: users.consentedAt }).from(users).where(eq(users.id, worker.userId));
    expect(first!.at).toBeInstanceOf(Date);
    expect(meSchema.parse(expectOk(await send(pending, 'GET', '/api/me'))).user).toMatchObject({ consentNeeded: false, mustChangePassword: true });

    // Agreeing again changes nothing: the first agreement is the one kept.
    expect((await send(pending, 'POST', '/api/me/consent', { agreed: true })).statusCode).toBe(204);
    const [again] = await t.app.db.select({ at: users.consentedAt }).from(users).where(eq(users.id, worker.userId));
    expect(again!.at).toEqual(first!.at);
  });

  it('forces a change at the next sign-in: nothing but the change works until then; then the new password, and only it', async () => {
    const worker = await granted(as.streetEast, 'community_staff', { orgId: ids['龙津社区']! });
    const before = await signIn(t.app, worker.phone, INITIAL);
    const otherDevice = await signIn(t.app, worker.phone, INITIAL);

    const res = await send(as.streetEast, 'POST', `/api/users/${worker.userId}/reset-password`);
    const { oneTimePassword } = passwordResetSchema.parse(expectOk(res));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(oneTimePassword).toMatch(/^[a-hj-km-np-z2-9]{10}$/);

    // Every earlier session is over: no refresh, and its access token may only change the password.
    for (const s of [before, otherDevice]) expectError(await refresh(s.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expectError(await send(withToken(before), 'GET', `/api/staff?orgId=${ids['龙津社区']}`), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(await login(worker.phone, INITIAL), 401, 'BAD_CREDENTIALS');

    const first = sessionSchema.parse(expectOk(await login(worker.phone, oneTimePassword)));
    expect(first.user.mustChangePassword).toBe(true);
    const pending = withToken(first);
    const me = meSchema.parse(expectOk(await send(pending, 'GET', '/api/me')));
    expect(me.user.mustChangePassword).toBe(true);
    expectError(await send(pending, 'GET', `/api/staff?orgId=${ids['龙津社区']}`), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(await send(pending, 'PATCH', '/api/me', { name: '改名' }), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(await send(pending, 'GET', '/api/notifications'), 403, 'PASSWORD_CHANGE_REQUIRED');

    const change = (body: object) => send(pending, 'POST', '/api/auth/password/change', body);
    expectError(await change({ currentPassword: 'not-the-password', newPassword: 'my-new-password' }), 400, 'CURRENT_PASSWORD_WRONG');
    expectError(await change({ currentPassword: oneTimePassword, newPassword: oneTimePassword }), 400, 'PASSWORD_UNCHANGED');
    expectError(await change({ currentPassword: oneTimePassword, newPassword: 'short' }), 400, 'VALIDATION_FAILED');
    const changed = sessionSchema.parse(expectOk(await change({ currentPassword: oneTimePassword, newPassword: 'my-new-password' })));
    expect(changed.user.mustChangePassword).toBe(false);

    expect(await staffList(withToken(changed), `orgId=${ids['龙津社区']}`)).not.toHaveLength(0);
    // The access token of the one-time sign-in works too now; its refresh token does not.
    expect((await send(pending, 'GET', `/api/staff?orgId=${ids['龙津社区']}`)).statusCode).toBe(200);
    expectError(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expect((await refresh(changed.refreshToken)).statusCode).toBe(200);
    expectError(await login(worker.phone, oneTimePassword), 401, 'BAD_CREDENTIALS');
    expect(sessionSchema.parse(expectOk(await login(worker.phone, 'my-new-password'))).user.mustChangePassword).toBe(false);

    const [row] = await auditOf('user.reset_password', worker.userId);
    expect(row).toMatchObject({ actorId: as.streetEast.userId, orgPath: await pathOf(ids['龙津社区']!) });
    expect(JSON.stringify(row)).not.toContain(oneTimePassword);
    expect(await auditOf('user.change_password', worker.userId)).toHaveLength(1);
  });

  it('lets a unit admin reset a fellow admin of its unit', async () => {
    const colleague = await granted(as.unitAdminSchool, 'unit_admin', { unitId: ids['新罗区实验小学']! });
    const { oneTimePassword } = passwordResetSchema.parse(expectOk(await send(as.unitAdminSchool, 'POST', `/api/users/${colleague.userId}/reset-password`)));
    expect((await login(colleague.phone, oneTimePassword)).statusCode).toBe(200);
    const [row] = await auditOf('user.reset_password', colleague.userId);
    expect(row!.orgPath).toBe(await pathOf(ids['新罗区']!));
  });
});

describe('POST /api/auth/password/change: everyone changes their own password (修改密码)', () => {
  it('answers a new session, ends every other one, and the old password no longer signs in', async () => {
    const phone = freshPhone();
    const first = await signUp(t.app, { phone, password: 'first-password', name: '居民' });
    const second = await signIn(t.app, phone, 'first-password');
    const res = await send(withToken(second), 'POST', '/api/auth/password/change', { currentPassword: 'first-password', newPassword: 'second-password' });
    const changed = sessionSchema.parse(expectOk(res));
    expect(changed.user.id).toBe(first.user.id);
    for (const s of [first, second]) expectError(await refresh(s.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expect((await refresh(changed.refreshToken)).statusCode).toBe(200);
    expectError(await login(phone, 'first-password'), 401, 'BAD_CREDENTIALS');
    expect((await login(phone, 'second-password')).statusCode).toBe(200);
  });

  it('wants a signed-in caller', async () => {
    expectError(await send(anonymous, 'POST', '/api/auth/password/change', { currentPassword: 'x', newPassword: 'long-enough-1' }), 401, 'UNAUTHENTICATED');
  });

  it('is throttled per account like sign-in: the eleventh try in 15 minutes answers 429, from any address', async () => {
    const phone = freshPhone();
    const session = await signUp(t.app, { phone, password: 'right-password', name: '居民' });
    const change = (currentPassword: string) =>
      request(t.app, { method: 'POST', url: '/api/auth/password/change', headers: bearer(session.accessToken), payload: { currentPassword, newPassword: 'a-new-password' } });
    for (let i = 0; i < 10; i++) expectError(await change(`guess-${i}`), 400, 'CURRENT_PASSWORD_WRONG');
    expectError(await change('right-password'), 429, 'RATE_LIMITED');
    expect((await login(phone, 'right-password')).statusCode).toBe(200);
  });
});

describe('POST /api/users/:id/deactivate and /reactivate: the same admins; every session ends', () => {
  const cases: (Refusal & { phone: string; body?: object })[] = [
    { who: 'anonymous', what: 'not signed in', phone: PHONES.staffLongjin, status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'the staff of its community', phone: PHONES.staffLongjin, status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit admin', phone: PHONES.unitAdminHospital, status: 403, code: 'FORBIDDEN' },
    { who: 'staffZhongshan', what: 'the staff of another community', phone: PHONES.staffLongjin, status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdminSchool', what: 'the admin of another unit', phone: PHONES.unitAdminHospital, status: 404, code: 'NOT_FOUND' },
    { who: 'streetWest', what: 'the staff of another street', phone: PHONES.staffLongjin, status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'the district admin', phone: PHONES.district, status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a resident, who holds no grant', phone: PHONES.resident, status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'itself', phone: PHONES.district, status: 409, code: 'CANNOT_DEACTIVATE_SELF' },
    { who: 'district', what: 'without a reason', phone: PHONES.staffLongjin, body: {}, status: 400, code: 'VALIDATION_FAILED' },
  ];
  it.each(titled(cases))('%s, and the account stays active', async (_title, c) => {
    const { phone, body } = c as (typeof cases)[number];
    const target = await callerOf(t.app, phone);
    expectError(await send(caller(c.who), 'POST', `/api/users/${target.userId}/deactivate`, body ?? { reason: '已调离' }), c.status, c.code);
    expect((await t.app.db.select({ at: users.deactivatedAt }).from(users).where(eq(users.id, target.userId)))[0]!.at).toBeNull();
    expect((await send(target, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it.each([
    ['resident', PHONES.staffLongjin, 403, 'FORBIDDEN'],
    ['streetWest', PHONES.staffLongjin, 404, 'NOT_FOUND'],
    ['streetEast', PHONES.district, 404, 'NOT_FOUND'],
  ] as const)('refuses %s reactivating an account it does not manage', async (who, phone, status, code) => {
    const target = await callerOf(t.app, phone);
    expectError(await send(as[who], 'POST', `/api/users/${target.userId}/reactivate`), status, code);
  });

  it('ends refresh tokens and old access tokens, refuses password and WeChat sign-in, until reactivated', async () => {
    const worker = await granted(as.staffLongjin, 'community_staff', { orgId: ids['龙津社区']! });
    await t.app.db.update(users).set({ wechatOpenId: 'o-leaver' }).where(eq(users.id, worker.userId));
    const session = await signIn(t.app, worker.phone, INITIAL);
    const wechatSession = sessionSchema.parse(expectOk(await request(t.app, { method: 'POST', url: '/api/auth/wechat', payload: { code: 'leaver.1', agreed: true } })));
    expect(wechatSession.user.id).toBe(String(worker.userId));
    expect((await send(withToken(session), 'GET', '/api/me')).statusCode).toBe(200);

    expect((await send(as.staffLongjin, 'POST', `/api/users/${worker.userId}/deactivate`, { reason: '已调离本社区' })).statusCode).toBe(204);

    expectError(await send(withToken(session), 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
    expectError(await send(withToken(wechatSession), 'GET', `/api/staff?orgId=${ids['龙津社区']}`), 401, 'UNAUTHENTICATED');
    for (const s of [session, wechatSession]) expectError(await refresh(s.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expectError(await login(worker.phone, INITIAL), 403, 'ACCOUNT_DEACTIVATED');
    // Only whoever knows the password learns that the account is deactivated.
    expectError(await login(worker.phone, 'not-the-password'), 401, 'BAD_CREDENTIALS');
    expectError(await request(t.app, { method: 'POST', url: '/api/auth/wechat', payload: { code: 'leaver.2', agreed: true } }), 403, 'ACCOUNT_DEACTIVATED');
    const live = await t.app.db.select().from(refreshTokens).where(and(eq(refreshTokens.userId, worker.userId), sql`${refreshTokens.revokedAt} is null`));
    expect(live).toEqual([]);

    const listed = (await staffList(as.staffLongjin, `orgId=${ids['龙津社区']}`)).find((g) => g.grantId === worker.grant.id);
    expect(listed!.user.deactivatedAt).not.toBeNull();

    // Deactivating again changes nothing and writes no second row.
    expect((await send(as.staffLongjin, 'POST', `/api/users/${worker.userId}/deactivate`, { reason: '重复操作' })).statusCode).toBe(204);
    const rows = await auditOf('user.deactivate', worker.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: as.staffLongjin.userId, details: { reason: '已调离本社区' }, orgPath: await pathOf(ids['龙津社区']!) });

    expect((await send(as.streetEast, 'POST', `/api/users/${worker.userId}/reactivate`)).statusCode).toBe(204);
    expect((await login(worker.phone, INITIAL)).statusCode).toBe(200);
    expect(await auditOf('user.reactivate', worker.userId)).toMatchObject([{ actorId: as.streetEast.userId, orgPath: await pathOf(ids['龙津社区']!) }]);
  });
});
