import {
  auditEntrySchema,
  communitySettingsSchema,
  staffQueueCountsSchema,
  grantSchema,
  listEnvelope,
  meSchema,
  orgNodeSchema,
  passwordResetSchema,
  staffGrantSchema,
  unitSchema,
  unitSummarySchema,
  type Role,
  type Session,
} from '@huijia/shared';
import { eq, sql } from 'drizzle-orm';
import { orgNodes, roleGrants, units, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, freshPhone, signIn } from './support/identity';

/**
 * Who may call each route of the Identity feature, and where (shared/src/domain/permissions.ts).
 * Signed in as one demo account per role:
 *   resident         王秀兰, 龙津社区
 *   member           李志远, on 龙岩市第一医院's roster
 *   community_staff  张丽华 of 龙津社区 (东城街道)
 *   unit_admin       郑明辉 of 龙岩市第一医院 (registered under 新罗区)
 *   street_admin     林秀英 of 东城街道
 *   district_admin   陈建国 of 新罗区
 * `{name}` in a url or body stands for the id of that node or unit (`{龙津社区/阳光花园}` for a
 * name that repeats); 东城共建单位 is a unit registered under 东城街道 (made in beforeAll).
 */
type Who = Role | 'anonymous';
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
interface Case {
  who: Who;
  /** What the case tries, in words. */
  what: string;
  method: Method;
  url: string;
  body?: Record<string, unknown>;
  status: number;
  code?: string;
}

const ACCOUNTS: Record<Role, string> = {
  resident: DEMO.resident,
  member: DEMO.memberHospital,
  community_staff: DEMO.staffLongjin,
  unit_admin: DEMO.unitAdminHospital,
  street_admin: DEMO.streetAdminEast,
  district_admin: DEMO.districtAdmin,
  party_rep: DEMO.partyRep,
};
const ROLES = Object.keys(ACCOUNTS) as Role[];
const PASSWORD = 'initial-password';

let t: TestApp;
let ids: Record<string, string>;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  for (const role of ROLES) sessions[role] = await signIn(t.app, ACCOUNTS[role]);
  ids = await demoIds(t.app);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/units',
    headers: bearer(sessions.district_admin.accessToken),
    payload: { name: '东城共建单位', orgId: ids['东城街道'], pairedCommunityIds: [ids['龙津社区']] },
  });
  expect(res.statusCode).toBe(201);
  ids['东城共建单位'] = unitSchema.parse(res.json()).id;
});
afterAll(() => t.close());

/** Replaces every `{name}` with its id; an unknown name fails the test rather than sending junk. */
function resolve<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const id = ids[name];
      if (id === undefined) throw new Error(`no demo node or unit named ${name}`);
      return id;
    }) as T;
  }
  if (Array.isArray(value)) return value.map(resolve) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)])) as T;
  return value;
}

const send = (c: Case) =>
  t.app.inject({
    method: c.method,
    url: resolve(c.url),
    headers: c.who === 'anonymous' ? {} : bearer(sessions[c.who].accessToken),
    ...(c.body ? { payload: resolve(c.body) } : {}),
  });

const count = async (table: typeof orgNodes | typeof roleGrants | typeof units | typeof users) =>
  (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

/** Runs one row: the answer's status and code; on success `check`; on a refused write, nothing written. */
async function run(c: Case, check: (body: unknown, c: Case) => void, written: (typeof orgNodes | typeof roleGrants | typeof units | typeof users)[] = []) {
  const before = await Promise.all(written.map(count));
  const res = await send(c);
  if (c.code) expectError(res, c.status, c.code);
  else expect({ status: res.statusCode, body: res.statusCode >= 400 ? res.json() : undefined }).toEqual({ status: c.status, body: undefined });
  if (res.statusCode < 300) check(res.json(), c);
  else expect(await Promise.all(written.map(count))).toEqual(before);
}

const title = (c: Case) => `${c.who}: ${c.what} → ${c.status}${c.code ? ` ${c.code}` : ''}`;
const each = (cases: Case[]) => cases.map((c) => [title(c), c] as const);

const anonymous = (method: Method, url: string, body?: Record<string, unknown>): Case => ({
  who: 'anonymous',
  what: 'not signed in',
  method,
  url,
  ...(body ? { body } : {}),
  status: 401,
  code: 'UNAUTHENTICATED',
});

describe('GET /api/orgs/root: anyone signed in', () => {
  const cases: Case[] = [
    anonymous('GET', '/api/orgs/root'),
    ...ROLES.map((who): Case => ({ who, what: 'reads the root', method: 'GET', url: '/api/orgs/root', status: 200 })),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => expect(orgNodeSchema.parse(body)).toMatchObject({ id: ids['龙岩市'], kind: 'city', parentId: null })),
  );
});

describe('GET /api/orgs/:id: anyone signed in reads any node; an id that names no node is 404', () => {
  const cases: Case[] = [
    anonymous('GET', '/api/orgs/{龙津社区}'),
    ...ROLES.map((who): Case => ({ who, what: 'reads 龙津社区', method: 'GET', url: '/api/orgs/{龙津社区}', status: 200 })),
    { who: 'community_staff', what: 'reads 溪南社区, outside its subtree', method: 'GET', url: '/api/orgs/{溪南社区}', status: 200 },
    { who: 'street_admin', what: 'reads 西城街道, another street', method: 'GET', url: '/api/orgs/{西城街道}', status: 200 },
    { who: 'unit_admin', what: 'reads a building', method: 'GET', url: '/api/orgs/{龙津社区/阳光花园/1栋}', status: 200 },
    { who: 'district_admin', what: 'reads the city above its district', method: 'GET', url: '/api/orgs/{龙岩市}', status: 200 },
    { who: 'resident', what: 'reads the id abc', method: 'GET', url: '/api/orgs/abc', status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'reads the id ../1', method: 'GET', url: `/api/orgs/${encodeURIComponent('../1')}`, status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'reads the id -1', method: 'GET', url: '/api/orgs/-1', status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'reads the id 1e3', method: 'GET', url: '/api/orgs/1e3', status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'reads an id no node has', method: 'GET', url: '/api/orgs/987654321', status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'reads an id past bigint', method: 'GET', url: '/api/orgs/99999999999999999999', status: 404, code: 'NOT_FOUND' },
    { who: 'district_admin', what: 'reads the id abc', method: 'GET', url: '/api/orgs/abc', status: 404, code: 'NOT_FOUND' },
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, (body) => expect(orgNodeSchema.parse(body).id).toBe(resolve(c.url).split('/').pop())));
});

describe('GET /api/orgs/:id/children: anyone signed in; bad ids 404, bad paging 400', () => {
  const url = '/api/orgs/{东城街道}/children';
  const cases: Case[] = [
    anonymous('GET', url),
    ...ROLES.map((who): Case => ({ who, what: 'lists the communities of 东城街道', method: 'GET', url, status: 200 })),
    { who: 'community_staff', what: 'lists the communities of 西城街道, another street', method: 'GET', url: '/api/orgs/{西城街道}/children', status: 200 },
    { who: 'resident', what: 'lists the children of abc', method: 'GET', url: '/api/orgs/abc/children', status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'lists the children of ../1', method: 'GET', url: `/api/orgs/${encodeURIComponent('../1')}/children`, status: 404, code: 'NOT_FOUND' },
    { who: 'resident', what: 'pages with the cursor abc', method: 'GET', url: `${url}?cursor=abc`, status: 400, code: 'VALIDATION_FAILED' },
    { who: 'resident', what: 'asks for limit=0', method: 'GET', url: `${url}?limit=0`, status: 400, code: 'VALIDATION_FAILED' },
    { who: 'resident', what: 'asks for limit=101', method: 'GET', url: `${url}?limit=101`, status: 400, code: 'VALIDATION_FAILED' },
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => {
      const list = listEnvelope(orgNodeSchema).parse(body);
      expect(list.items.length).toBeGreaterThanOrEqual(2);
      expect(new Set(list.items.map((n) => n.parentId))).toEqual(new Set([resolve(c.url).split('/')[3]]));
    }),
  );
});

describe('GET /api/orgs/:id/children pages by keyset', () => {
  it('walks every child with limit=1, one per page, following nextCursor to null', async () => {
    const headers = bearer(sessions.resident.accessToken);
    const all = listEnvelope(orgNodeSchema).parse(
      (await t.app.inject({ method: 'GET', url: `/api/orgs/${ids['新罗区']}/children?limit=100`, headers })).json(),
    );
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((n) => n.name)).toEqual(expect.arrayContaining(['东城街道', '西城街道']));

    const walked: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const query: string = cursor === null ? 'limit=1' : `limit=1&cursor=${encodeURIComponent(cursor)}`;
      const res = await t.app.inject({ method: 'GET', url: `/api/orgs/${ids['新罗区']}/children?${query}`, headers });
      expect(res.statusCode).toBe(200);
      const list = listEnvelope(orgNodeSchema).parse(res.json());
      expect(list.items.length).toBeLessThanOrEqual(1);
      walked.push(...list.items.map((n) => n.id));
      cursor = list.nextCursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expect(walked).toEqual(all.items.map((n) => n.id));
  });

  it('answers 20 children by default, and its cursor leads on to the rest', async () => {
    const headers = bearer(sessions.district_admin.accessToken);
    const parent = ids['龙津社区/丽景小区']!;
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/orgs', headers, payload: { parentId: parent, kind: 'building', name: `${i + 3}栋` } });
      expect(res.statusCode).toBe(201);
    }
    const list = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/orgs/${parent}/children${query}`, headers }).then((r) => listEnvelope(orgNodeSchema).parse(r.json()));
    const first = await list('');
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const rest = await list(`?cursor=${encodeURIComponent(first.nextCursor!)}`);
    const all = await list('?limit=100');
    expect(all.items).toHaveLength(22);
    expect([...first.items, ...rest.items].map((n) => n.id)).toEqual(all.items.map((n) => n.id));
    expect(rest.nextCursor).toBeNull();
  });
});

describe('POST /api/orgs: staff and admins of the parent create the level below it', () => {
  const create = (who: Who, what: string, parent: string, kind: string, name: string, status: number, code?: string): Case => ({
    who,
    what,
    method: 'POST',
    url: '/api/orgs',
    body: { parentId: parent, kind, name },
    status,
    ...(code ? { code } : {}),
  });
  const cases: Case[] = [
    anonymous('POST', '/api/orgs', { parentId: '{龙津社区}', kind: 'compound', name: '匿名小区' }),
    create('resident', 'a compound in its own community', '{龙津社区}', 'compound', '居民小区', 403, 'FORBIDDEN'),
    create('member', 'a compound in its home community', '{龙津社区}', 'compound', '党员小区', 403, 'FORBIDDEN'),
    create('unit_admin', 'a compound in a paired community', '{龙津社区}', 'compound', '单位小区', 403, 'FORBIDDEN'),

    create('community_staff', 'a compound in its own community', '{龙津社区}', 'compound', '龙津新苑', 201),
    create('community_staff', 'a building in a compound of its community', '{龙津社区/阳光花园}', 'building', '9栋', 201),
    create('community_staff', 'a compound in a sibling community', '{中山社区}', 'compound', '越界小区甲', 404, 'NOT_FOUND'),
    create('community_staff', 'a compound in another street’s community', '{溪南社区}', 'compound', '越界小区乙', 404, 'NOT_FOUND'),
    create('community_staff', 'a community in its own street', '{东城街道}', 'community', '越级社区', 404, 'NOT_FOUND'),

    create('street_admin', 'a community in its own street', '{东城街道}', 'community', '东城新社区', 201),
    create('street_admin', 'a compound in a community of its street', '{中山社区}', 'compound', '中山新苑', 201),
    create('street_admin', 'a community in another street', '{西城街道}', 'community', '越界社区', 404, 'NOT_FOUND'),
    create('street_admin', 'a street in its district', '{新罗区}', 'street', '越级街道', 404, 'NOT_FOUND'),

    create('district_admin', 'a street in its district', '{新罗区}', 'street', '南城街道', 201),
    create('district_admin', 'a compound deep in its district', '{溪南社区}', 'compound', '溪南新苑', 201),
    create('district_admin', 'a district in the city above it', '{龙岩市}', 'district', '永定区', 404, 'NOT_FOUND'),

    create('district_admin', 'a community directly in the district', '{新罗区}', 'community', '跳级社区', 400, 'ORG_KIND_MISMATCH'),
    create('community_staff', 'a building directly in its community', '{龙津社区}', 'building', '跳级楼栋', 400, 'ORG_KIND_MISMATCH'),
    create('community_staff', 'anything under a building', '{龙津社区/阳光花园/1栋}', 'compound', '楼下小区', 400, 'ORG_KIND_MISMATCH'),
    create('street_admin', 'a second 中山社区 in its street', '{东城街道}', 'community', '中山社区', 409, 'ORG_NAME_TAKEN'),
    create('community_staff', 'a second 丽景小区 in its community', '{龙津社区}', 'compound', '丽景小区', 409, 'ORG_NAME_TAKEN'),
    create('district_admin', 'a node under the parent abc', 'abc', 'street', '无父街道', 404, 'NOT_FOUND'),
    create('district_admin', 'a node under a parent that does not exist', '987654321', 'street', '无父街道', 404, 'NOT_FOUND'),
    create('district_admin', 'a node of a kind that does not exist', '{新罗区}', 'village', '某村', 400, 'VALIDATION_FAILED'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(
      c,
      (body) => {
        const node = orgNodeSchema.parse(body);
        const sent = resolve(c.body!) as { parentId: string; kind: string; name: string };
        expect(node).toMatchObject({ parentId: sent.parentId, kind: sent.kind, name: sent.name });
      },
      [orgNodes],
    ),
  );
});

describe('POST /api/staff: admins grant the roles they may grant, within their node or unit', () => {
  const grant = (who: Who, what: string, body: Record<string, unknown>, status: number, code?: string): Case => ({
    who,
    what,
    method: 'POST',
    url: '/api/staff',
    body: { phone: freshPhone(), name: '新同事', initialPassword: PASSWORD, ...body },
    status,
    ...(code ? { code } : {}),
  });
  const staffAt = (orgId: string) => ({ role: 'community_staff', orgId });
  const cases: Case[] = [
    anonymous('POST', '/api/staff', { phone: freshPhone(), name: '新同事', role: 'community_staff', orgId: '{龙津社区}', initialPassword: PASSWORD }),
    grant('resident', 'community_staff of its community', staffAt('{龙津社区}'), 403, 'FORBIDDEN'),
    grant('member', 'community_staff of its community', staffAt('{龙津社区}'), 403, 'FORBIDDEN'),

    grant('community_staff', 'community_staff of its own community', staffAt('{龙津社区}'), 201),
    grant('community_staff', 'community_staff of a sibling community', staffAt('{中山社区}'), 404, 'NOT_FOUND'),
    grant('community_staff', 'community_staff of another street’s community', staffAt('{溪南社区}'), 404, 'NOT_FOUND'),
    grant('community_staff', 'street_admin of its street', { role: 'street_admin', orgId: '{东城街道}' }, 403, 'ROLE_NOT_GRANTABLE'),
    grant('community_staff', 'community_staff on its street', staffAt('{东城街道}'), 400, 'GRANT_SCOPE_MISMATCH'),

    grant('unit_admin', 'unit_admin of its own unit', { role: 'unit_admin', unitId: '{龙岩市第一医院}' }, 201),
    grant('unit_admin', 'unit_admin of another unit', { role: 'unit_admin', unitId: '{新罗区实验小学}' }, 404, 'NOT_FOUND'),
    grant('unit_admin', 'community_staff of a paired community', staffAt('{龙津社区}'), 403, 'ROLE_NOT_GRANTABLE'),

    grant('street_admin', 'community_staff of a community in its street', staffAt('{中山社区}'), 201),
    grant('street_admin', 'street_admin of its own street', { role: 'street_admin', orgId: '{东城街道}' }, 201),
    grant('street_admin', 'community_staff of another street’s community', staffAt('{莲东社区}'), 404, 'NOT_FOUND'),
    grant('street_admin', 'street_admin of another street', { role: 'street_admin', orgId: '{西城街道}' }, 404, 'NOT_FOUND'),
    grant('street_admin', 'district_admin of its district', { role: 'district_admin', orgId: '{新罗区}' }, 403, 'ROLE_NOT_GRANTABLE'),
    grant('street_admin', 'unit_admin of a unit registered in its street', { role: 'unit_admin', unitId: '{东城共建单位}' }, 403, 'ROLE_NOT_GRANTABLE'),
    grant('street_admin', 'community_staff on its street', staffAt('{东城街道}'), 400, 'GRANT_SCOPE_MISMATCH'),

    grant('district_admin', 'district_admin of its own district', { role: 'district_admin', orgId: '{新罗区}' }, 201),
    grant('district_admin', 'street_admin of a street', { role: 'street_admin', orgId: '{西城街道}' }, 201),
    grant('district_admin', 'community_staff of a community', staffAt('{溪南社区}'), 201),
    grant('district_admin', 'unit_admin of a unit registered in its district', { role: 'unit_admin', unitId: '{新罗区实验小学}' }, 201),
    grant('district_admin', 'district_admin of the city above it', { role: 'district_admin', orgId: '{龙岩市}' }, 404, 'NOT_FOUND'),
    grant('district_admin', 'street_admin on the city', { role: 'street_admin', orgId: '{龙岩市}' }, 400, 'GRANT_SCOPE_MISMATCH'),
    grant('district_admin', 'community_staff on a compound', staffAt('{龙津社区/阳光花园}'), 400, 'GRANT_SCOPE_MISMATCH'),
    {
      who: 'district_admin',
      what: 'a role to a phone with no account, without initialPassword',
      method: 'POST',
      url: '/api/staff',
      body: { phone: freshPhone(), name: '新同事', role: 'community_staff', orgId: '{溪南社区}' },
      status: 400,
      code: 'INITIAL_PASSWORD_REQUIRED',
    },
    grant('district_admin', 'community_staff on the node abc', staffAt('abc'), 404, 'NOT_FOUND'),
    grant('district_admin', 'unit_admin of the unit abc', { role: 'unit_admin', unitId: 'abc' }, 404, 'NOT_FOUND'),
    grant('district_admin', 'unit_admin given an orgId', { role: 'unit_admin', orgId: '{新罗区}' }, 400, 'VALIDATION_FAILED'),
    grant('district_admin', 'the resident role', { role: 'resident', orgId: '{新罗区}' }, 400, 'VALIDATION_FAILED'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(
      c,
      (body) => {
        const granted = grantSchema.parse(body);
        const sent = resolve(c.body!) as { role: string; orgId?: string; unitId?: string };
        expect(granted).toMatchObject({ role: sent.role, orgId: sent.orgId ?? null, unitId: sent.unitId ?? null });
      },
      [roleGrants, users],
    ),
  );

  it('lets the one granted sign in with initialPassword and hold the role there', async () => {
    const phone = freshPhone();
    const res = await send(grant('street_admin', '', { phone, ...staffAt('{龙津社区}') }, 201));
    expect(res.statusCode).toBe(201);
    const session = await signIn(t.app, phone, PASSWORD);
    const me = meSchema.parse((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(session.accessToken) })).json());
    expect(me.roles).toContainEqual({ role: 'community_staff', orgId: ids['龙津社区'], scopeName: '龙津社区' });
  });
});

describe('POST /api/units: district admins register units within their district', () => {
  const register = (who: Who, what: string, body: Record<string, unknown>, status: number, code?: string): Case => ({
    who,
    what,
    method: 'POST',
    url: '/api/units',
    body,
    status,
    ...(code ? { code } : {}),
  });
  const unit = (name: string, pairedCommunityIds: string[] = ['{龙津社区}']) => ({ name, pairedCommunityIds });
  const cases: Case[] = [
    anonymous('POST', '/api/units', unit('匿名单位')),
    register('resident', 'a unit', unit('居民单位'), 403, 'FORBIDDEN'),
    register('member', 'a unit', unit('党员单位'), 403, 'FORBIDDEN'),
    register('community_staff', 'a unit paired with its community', unit('社区单位'), 403, 'FORBIDDEN'),
    register('unit_admin', 'a unit', unit('单位单位'), 403, 'FORBIDDEN'),
    register('street_admin', 'a unit', unit('街道单位'), 403, 'FORBIDDEN'),
    register('street_admin', 'a unit in its own street', { ...unit('街道单位乙'), orgId: '{东城街道}' }, 403, 'FORBIDDEN'),

    register('district_admin', 'a unit paired with two communities', unit('龙岩市中医院', ['{龙津社区}', '{溪南社区}']), 201),
    register('district_admin', 'a unit paired with none', unit('新罗区图书馆', []), 201),
    register('district_admin', 'a unit under a street of its district', { ...unit('东城卫生院'), orgId: '{东城街道}' }, 201),
    register('district_admin', 'a unit under the city above it', { ...unit('市级单位'), orgId: '{龙岩市}' }, 404, 'NOT_FOUND'),
    register('district_admin', 'a second 龙岩市第一医院', unit('龙岩市第一医院'), 409, 'UNIT_NAME_TAKEN'),
    register('district_admin', 'a unit paired with a street', unit('结对街道单位', ['{东城街道}']), 400, 'NOT_A_COMMUNITY'),
    register('district_admin', 'a unit paired with the community abc', unit('结对乱码单位', ['abc']), 404, 'NOT_FOUND'),
    register('district_admin', 'a unit paired with a community that does not exist', unit('结对无名单位', ['987654321']), 404, 'NOT_FOUND'),
    register('district_admin', 'a unit without a name', unit('  '), 400, 'VALIDATION_FAILED'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(
      c,
      (body) => {
        const made = unitSchema.parse(body);
        const sent = resolve(c.body!) as { name: string; pairedCommunityIds: string[]; orgId?: string };
        expect(made).toMatchObject({ name: sent.name, orgId: sent.orgId ?? ids['新罗区'], rosterSize: 0 });
        expect(made.pairedCommunities.map((p) => p.id).sort()).toEqual([...sent.pairedCommunityIds].sort());
      },
      [units],
    ),
  );
});

describe('GET /api/units/:id: the unit’s admin, and admins of the node it is registered under', () => {
  const read = (who: Who, what: string, unit: string, status: number, code?: string): Case => ({
    who,
    what,
    method: 'GET',
    url: `/api/units/${unit}`,
    status,
    ...(code ? { code } : {}),
  });
  const cases: Case[] = [
    anonymous('GET', '/api/units/{龙岩市第一医院}'),
    read('resident', 'a unit', '{龙岩市第一医院}', 403, 'FORBIDDEN'),
    read('member', 'its own unit', '{龙岩市第一医院}', 403, 'FORBIDDEN'),
    read('community_staff', 'a unit paired with its community', '{龙岩市第一医院}', 403, 'FORBIDDEN'),

    read('unit_admin', 'its own unit', '{龙岩市第一医院}', 200),
    read('unit_admin', 'another unit', '{新罗区实验小学}', 404, 'NOT_FOUND'),
    read('unit_admin', 'a unit registered in a street', '{东城共建单位}', 404, 'NOT_FOUND'),

    read('street_admin', 'a unit registered in its street', '{东城共建单位}', 200),
    read('street_admin', 'a unit registered in the district above it', '{龙岩市第一医院}', 404, 'NOT_FOUND'),

    read('district_admin', 'a unit of its district', '{龙岩市第一医院}', 200),
    read('district_admin', 'the other unit of its district', '{新罗区实验小学}', 200),
    read('district_admin', 'a unit registered in a street of its district', '{东城共建单位}', 200),
    read('district_admin', 'the unit abc', 'abc', 404, 'NOT_FOUND'),
    read('district_admin', 'the unit ../1', encodeURIComponent('../1'), 404, 'NOT_FOUND'),
    read('district_admin', 'a unit that does not exist', '987654321', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => {
      const unit = unitSchema.parse(body);
      expect(unit.id).toBe(resolve(c.url).split('/').pop());
      if (unit.name === '龙岩市第一医院') {
        expect(unit).toMatchObject({ orgId: ids['新罗区'], rosterSize: 5 });
        expect(unit.pairedCommunities.map((p) => p.name)).toEqual(['龙津社区', '中山社区']);
      }
    }),
  );
});

describe('GET /api/me: anyone signed in, showing the role they hold', () => {
  const cases: Case[] = [
    anonymous('GET', '/api/me'),
    ...ROLES.map((who): Case => ({ who, what: 'reads itself', method: 'GET', url: '/api/me', status: 200 })),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => {
      const me = meSchema.parse(body);
      expect(me.user.phone).toBe(ACCOUNTS[c.who as Role]);
      expect(me.roles.map((r) => r.role)).toEqual(expect.arrayContaining(['resident', c.who]));
    }),
  );
});

/** The demo's grants and their holders by name (`{grant:张丽华}`, `{user:张丽华}`), for the routes that name them. */
async function nameGrantsAndHolders() {
  const rows = await t.app.db.select({ id: roleGrants.id, userId: users.id, name: users.name }).from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId));
  for (const r of rows) {
    ids[`grant:${r.name}`] ??= String(r.id);
    ids[`user:${r.name}`] = String(r.userId);
  }
  for (const r of await t.app.db.select({ id: users.id, name: users.name }).from(users)) ids[`user:${r.name}`] ??= String(r.id);
}

const routeCase = (method: Method, url: string, body?: Record<string, unknown>) => (who: Who, what: string, status: number, code?: string): Case => ({
  who,
  what,
  method,
  url,
  ...(body ? { body } : {}),
  status,
  ...(code ? { code } : {}),
});

describe('GET /api/staff: who holds which role, for the staff and admins of that node or unit', () => {
  const read = (query: string) => routeCase('GET', `/api/staff?${query}`);
  const cases: Case[] = [
    anonymous('GET', '/api/staff?orgId={龙津社区}'),
    read('orgId={龙津社区}')('resident', 'its community', 403, 'FORBIDDEN'),
    read('unitId={龙岩市第一医院}')('member', 'its unit', 403, 'FORBIDDEN'),
    read('orgId={龙津社区}')('community_staff', 'its community', 200),
    read('orgId={中山社区}')('community_staff', 'a sibling community', 404, 'NOT_FOUND'),
    read('unitId={龙岩市第一医院}')('unit_admin', 'its unit', 200),
    read('unitId={新罗区实验小学}')('unit_admin', 'another unit', 404, 'NOT_FOUND'),
    read('orgId={东城街道}')('street_admin', 'its street', 200),
    read('unitId={东城共建单位}')('street_admin', 'a unit registered in its street (no admins yet)', 200),
    read('orgId={西城街道}')('street_admin', 'another street', 404, 'NOT_FOUND'),
    read('orgId={新罗区}')('district_admin', 'its district', 200),
    read('orgId={龙岩市}')('district_admin', 'the city above it', 404, 'NOT_FOUND'),
    read('orgId={新罗区}&unitId={龙岩市第一医院}')('district_admin', 'a node and a unit at once', 400, 'VALIDATION_FAILED'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => {
      const list = listEnvelope(staffGrantSchema).parse(body);
      if (!c.url.includes('东城共建单位')) expect(list.items.length).toBeGreaterThan(0);
    }),
  );
});

describe('POST /api/staff/:grantId/revoke: whoever may grant that role there; refusals revoke nothing', () => {
  beforeAll(nameGrantsAndHolders);
  const revoke = (grant: string) => routeCase('POST', `/api/staff/{grant:${grant}}/revoke`);
  const cases: Case[] = [
    anonymous('POST', '/api/staff/{grant:张丽华}/revoke'),
    revoke('张丽华')('resident', 'the grant of its community’s staff', 403, 'FORBIDDEN'),
    revoke('郑明辉')('member', 'the grant of its unit’s admin', 403, 'FORBIDDEN'),
    revoke('王海燕')('community_staff', 'the grant of a sibling community’s staff', 404, 'NOT_FOUND'),
    revoke('张丽华')('unit_admin', 'the grant of a paired community’s staff', 404, 'NOT_FOUND'),
    revoke('罗晓燕')('unit_admin', 'the grant of another unit’s admin', 404, 'NOT_FOUND'),
    revoke('吴振华')('street_admin', 'the grant of another street’s staff', 404, 'NOT_FOUND'),
    revoke('陈建国')('street_admin', 'the district admin’s grant', 404, 'NOT_FOUND'),
    revoke('陈建国')('district_admin', 'its own last grant', 409, 'LAST_OWN_GRANT'),
    routeCase('POST', '/api/staff/abc/revoke')('district_admin', 'the grant abc', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, () => undefined, [roleGrants]));
});

describe('POST /api/users/:id/reset-password and /deactivate: admins over every grant the account holds', () => {
  beforeAll(nameGrantsAndHolders);
  const reset = (user: string) => routeCase('POST', `/api/users/{user:${user}}/reset-password`);
  const deactivate = (user: string) => routeCase('POST', `/api/users/{user:${user}}/deactivate`, { reason: '岗位调整' });
  const cases: Case[] = [
    anonymous('POST', '/api/users/{user:张丽华}/reset-password'),
    reset('张丽华')('resident', 'its community’s staff', 403, 'FORBIDDEN'),
    reset('郑明辉')('member', 'its unit’s admin', 403, 'FORBIDDEN'),
    reset('王海燕')('community_staff', 'a sibling community’s staff', 404, 'NOT_FOUND'),
    reset('罗晓燕')('unit_admin', 'another unit’s admin', 404, 'NOT_FOUND'),
    reset('吴振华')('street_admin', 'another street’s staff', 404, 'NOT_FOUND'),
    reset('陈建国')('street_admin', 'the district admin', 404, 'NOT_FOUND'),
    reset('王秀兰')('district_admin', 'a resident, who holds no grant', 404, 'NOT_FOUND'),
    reset('陈建国')('district_admin', 'itself', 409, 'CANNOT_RESET_OWN_PASSWORD'),
    anonymous('POST', '/api/users/{user:张丽华}/deactivate', { reason: '岗位调整' }),
    deactivate('张丽华')('resident', 'its community’s staff', 403, 'FORBIDDEN'),
    deactivate('郑明辉')('member', 'its unit’s admin', 403, 'FORBIDDEN'),
    deactivate('王海燕')('community_staff', 'a sibling community’s staff', 404, 'NOT_FOUND'),
    deactivate('罗晓燕')('unit_admin', 'another unit’s admin', 404, 'NOT_FOUND'),
    deactivate('吴振华')('street_admin', 'another street’s staff', 404, 'NOT_FOUND'),
    deactivate('陈建国')('street_admin', 'the district admin', 404, 'NOT_FOUND'),
    deactivate('陈建国')('district_admin', 'itself', 409, 'CANNOT_DEACTIVATE_SELF'),
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, () => undefined, [users]));

  it('lets a street admin reset the password of staff in its street: a one-time password', async () => {
    const phone = freshPhone();
    const granted = grantSchema.parse(
      (await send({ who: 'street_admin', what: '', method: 'POST', url: '/api/staff', body: { phone, name: '新同事', role: 'community_staff', orgId: '{中山社区}', initialPassword: PASSWORD }, status: 201 })).json(),
    );
    const res = await send({ who: 'street_admin', what: '', method: 'POST', url: `/api/users/${granted.userId}/reset-password`, status: 200 });
    expect(res.statusCode).toBe(200);
    expect(passwordResetSchema.parse(res.json()).oneTimePassword).toHaveLength(10);
  });
});

describe('GET /api/units: street and district admins list the units registered in their subtree', () => {
  const list = (query: string) => routeCase('GET', `/api/units${query}`);
  const cases: Case[] = [
    anonymous('GET', '/api/units'),
    list('')('resident', 'without a node', 403, 'FORBIDDEN'),
    list('?orgId={新罗区}')('member', 'its district', 403, 'FORBIDDEN'),
    list('?orgId={龙津社区}')('community_staff', 'its community', 403, 'FORBIDDEN'),
    list('?orgId={新罗区}')('unit_admin', 'the district of its unit', 404, 'NOT_FOUND'),
    list('')('street_admin', 'its own street', 200),
    list('?orgId={西城街道}')('street_admin', 'another street', 404, 'NOT_FOUND'),
    list('')('district_admin', 'its own district', 200),
    list('?orgId={龙岩市}')('district_admin', 'the city above it', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => expect(listEnvelope(unitSummarySchema).parse(body).items.map((u) => u.name)).toContain('东城共建单位')),
  );
});

describe('PATCH /api/units/:id and PUT /api/units/:id/communities: district admins, within their district', () => {
  const rename = routeCase('PATCH', '/api/units/{东城共建单位}', { name: '东城共建单位' });
  const pair = (communities: string[]) => routeCase('PUT', '/api/units/{东城共建单位}/communities', { communityIds: communities });
  const cases: Case[] = [
    anonymous('PATCH', '/api/units/{东城共建单位}', { name: '匿名改名' }),
    ...(['resident', 'member', 'community_staff', 'unit_admin', 'street_admin'] as const).map((who) => rename(who, 'renames a unit', 403, 'FORBIDDEN')),
    rename('district_admin', 'keeps the name of a unit of its district', 200),
    routeCase('PATCH', '/api/units/{东城共建单位}', { name: '龙岩市第一医院' })('district_admin', 'takes another unit’s name', 409, 'UNIT_NAME_TAKEN'),
    anonymous('PUT', '/api/units/{东城共建单位}/communities', { communityIds: [] }),
    ...(['resident', 'member', 'community_staff', 'unit_admin', 'street_admin'] as const).map((who) => pair(['{龙津社区}'])(who, 'pairs a unit', 403, 'FORBIDDEN')),
    pair(['{龙津社区}'])('district_admin', 'keeps the pairings of a unit of its district', 200),
    pair(['{东城街道}'])('district_admin', 'pairs a street', 400, 'NOT_A_COMMUNITY'),
    pair(['987654321'])('district_admin', 'pairs a community that does not exist', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) =>
    run(c, (body) => expect(unitSchema.parse(body)).toMatchObject({ name: '东城共建单位', pairedCommunities: [{ id: ids['龙津社区'], name: '龙津社区' }] }), [units]),
  );
});

describe('GET /api/audit: staff and admins read the trail of their subtree; everyone else is refused', () => {
  const read = (who: Who, what: string, node: string, status: number, code?: string): Case => ({
    who,
    what,
    method: 'GET',
    url: `/api/audit?orgId=${node}`,
    status,
    ...(code ? { code } : {}),
  });
  const cases: Case[] = [
    anonymous('GET', '/api/audit?orgId={龙津社区}'),
    read('resident', 'the trail of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('member', 'the trail of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('unit_admin', 'the trail of a paired community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('community_staff', 'the trail of its community', '{龙津社区}', 200),
    read('community_staff', 'the trail of a compound in it', '{龙津社区/阳光花园}', 200),
    read('community_staff', 'the trail of its sibling', '{中山社区}', 404, 'NOT_FOUND'),
    read('community_staff', 'the trail of its street', '{东城街道}', 404, 'NOT_FOUND'),
    read('street_admin', 'the trail of its street', '{东城街道}', 200),
    read('street_admin', 'the trail of a community in it', '{龙津社区}', 200),
    read('street_admin', 'the trail of another street', '{西城街道}', 404, 'NOT_FOUND'),
    read('district_admin', 'the trail of its district', '{新罗区}', 200),
    read('district_admin', 'the trail of the city above it', '{龙岩市}', 404, 'NOT_FOUND'),
    read('district_admin', 'the trail of the node abc', 'abc', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, (body) => expect(listEnvelope(auditEntrySchema).parse(body).items.length).toBeGreaterThanOrEqual(0)));
});

describe('GET and PUT /api/communities/:id/settings: staff of that community only', () => {
  const settings = { contactDays: 7, fulfilDays: 30, householdMaxMembers: 1 };
  const both = (who: Who, what: string, community: string, status: number, code?: string): Case[] =>
    (['GET', 'PUT'] as const).map((method) => ({
      who,
      what: `${method === 'GET' ? 'reads' : 'sets'} ${what}`,
      method,
      url: `/api/communities/${community}/settings`,
      ...(method === 'PUT' ? { body: settings } : {}),
      status,
      ...(code ? { code } : {}),
    }));
  const cases: Case[] = [
    anonymous('GET', '/api/communities/{龙津社区}/settings'),
    ...both('resident', 'the settings of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    ...both('member', 'the settings of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    ...both('unit_admin', 'the settings of a paired community', '{龙津社区}', 403, 'FORBIDDEN'),
    ...both('street_admin', 'the settings of a community in its street', '{龙津社区}', 403, 'FORBIDDEN'),
    ...both('district_admin', 'the settings of a community in its district', '{龙津社区}', 403, 'FORBIDDEN'),
    ...both('community_staff', 'the settings of its community', '{龙津社区}', 200),
    ...both('community_staff', 'the settings of its sibling', '{中山社区}', 404, 'NOT_FOUND'),
    ...both('community_staff', 'the settings of a compound', '{龙津社区/阳光花园}', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, (body) => expect(communitySettingsSchema.parse(body)).toEqual(settings)));
});

describe('GET /api/communities/:id/queues (工作台 counts): staff of that community only', () => {
  const read = (who: Who, what: string, community: string, status: number, code?: string): Case => ({
    who,
    what: `reads ${what}`,
    method: 'GET',
    url: `/api/communities/${community}/queues`,
    status,
    ...(code ? { code } : {}),
  });
  const cases: Case[] = [
    anonymous('GET', '/api/communities/{龙津社区}/queues'),
    read('resident', 'the counts of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('member', 'the counts of its community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('unit_admin', 'the counts of a paired community', '{龙津社区}', 403, 'FORBIDDEN'),
    read('street_admin', 'the counts of a community in its street', '{龙津社区}', 403, 'FORBIDDEN'),
    read('district_admin', 'the counts of a community in its district', '{龙津社区}', 403, 'FORBIDDEN'),
    read('community_staff', 'the counts of its community', '{龙津社区}', 200),
    read('community_staff', 'the counts of its sibling', '{中山社区}', 404, 'NOT_FOUND'),
    read('community_staff', 'the counts of a compound', '{龙津社区/阳光花园}', 404, 'NOT_FOUND'),
  ];
  it.each(each(cases))('%s', (_title, c) => run(c, (body) => expect(staffQueueCountsSchema.parse(body).review).toBeGreaterThanOrEqual(0)));
});
