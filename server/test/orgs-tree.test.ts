// Running the organisation tree from the app: rename, move, archive (停用) and restore a node, by
// the street and district admins above it; an archived node takes no new work and is read as before.
import { listEnvelope, orgNodeSchema, statsOverviewSchema, type OrgNode } from '@huijia/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, orgNodes, statsCommunityMonth } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import { cityAdmin } from './support/orgs';
import { api, callerOf, expectOk, newCommunity, reportedMembers, submitWish, wishBody, type Caller } from './support/wishes';

let t: TestApp;
let ids: Record<string, string>;

/** Demo logins by what they are to 东城街道 (龙津社区, 中山社区) and 西城街道 (莲东社区, 溪南社区). */
const PEOPLE = {
  resident: '13900000201', // 王秀兰, lives in 龙津社区
  member: '13900000101', // 李志远, confirmed member of 龙津社区
  staff: '13900000011', // 张丽华, staff of 龙津社区
  unitAdmin: '13900000021', // 郑明辉, 龙岩市第一医院
  streetAdmin: '13900000002', // 林秀英, 东城街道
  otherStreetAdmin: '13900000003', // 黄志强, 西城街道
  districtAdmin: '13900000001', // 陈建国, 新罗区
} as const;
type Person = keyof typeof PEOPLE;
type Who = Person | 'anonymous';
const as = {} as Record<Person, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  for (const [who, phone] of Object.entries(PEOPLE) as [Person, string][]) as[who] = await callerOf(t.app, phone);
});
afterAll(() => t?.close());

/** `{name}` in a url or body is the id of that demo node (`{龙津社区/阳光花园}` for a name that repeats). */
function resolve<T>(value: T): T {
  const text = JSON.stringify(value).replace(/\{([^}"]+)\}/g, (_m, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`no demo node named ${name}`);
    return id;
  });
  return JSON.parse(text) as T;
}

function send(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object): Promise<LightMyRequestResponse> {
  if (who === 'anonymous') return t.app.inject({ method, url: resolve(url), ...(body ? { payload: resolve(body) } : {}) });
  return api(t.app, as[who], method, resolve(url), body ? resolve(body) : undefined);
}

const nodeOf = (res: LightMyRequestResponse) => orgNodeSchema.parse(expectOk(res));
const getNode = async (id: string) => nodeOf(await send('resident', 'GET', `/api/orgs/${id}`));
const create = async (who: Person, parentId: string, kind: OrgNode['kind'], name: string) =>
  orgNodeSchema.parse(expectOk(await send(who, 'POST', '/api/orgs', { parentId, kind, name }), 201));

/** Every node as stored: what a refused request must leave as it was. */
const tree = () => t.app.db.select().from(orgNodes).orderBy(asc(orgNodes.id));

/** Whether every stored path is its parent's path and its own id: the tree is whole. */
async function expectTreeWhole() {
  const rows = await tree();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wrong = rows.filter((r) => r.path !== `${r.parentId === null ? '/' : byId.get(r.parentId)!.path}${r.id}/`);
  expect(wrong).toEqual([]);
}

let unique = 0;
const fresh = (name: string) => `${name}${++unique}`;

interface Refusal {
  who: Who;
  what: string;
  status: number;
  code: string;
}
const title = (r: Refusal) => `${r.who}: ${r.what} → ${r.status} ${r.code}`;

/** Everyone who may not manage nodes at all, and the admins asking about a node above or beside their reach. */
const NOBODY: Refusal[] = [
  { who: 'anonymous', what: 'not signed in', status: 401, code: 'UNAUTHENTICATED' },
  { who: 'resident', what: 'a resident', status: 403, code: 'FORBIDDEN' },
  { who: 'member', what: 'a member', status: 403, code: 'FORBIDDEN' },
  { who: 'staff', what: 'staff of the community it is in', status: 403, code: 'FORBIDDEN' },
  { who: 'unitAdmin', what: 'a unit admin', status: 403, code: 'FORBIDDEN' },
];

/** Runs a refused request and checks that the tree is as it was. */
async function refused(r: Refusal, method: 'POST' | 'PATCH' | 'PUT', url: string, body?: object) {
  const before = await tree();
  expectError(await send(r.who, method, url, body), r.status, r.code);
  expect(await tree()).toEqual(before);
}

describe('PATCH /api/orgs/:id: the street and district admins above a node rename it', () => {
  const url = '/api/orgs/{龙津社区/丽景小区}';
  const cases: [string, Refusal, string][] = [
    ...NOBODY.map((r): [string, Refusal, string] => [title(r), r, url]),
    ...(
      [
        [{ who: 'otherStreetAdmin', what: 'a compound of another street', status: 404, code: 'NOT_FOUND' }, url],
        [{ who: 'streetAdmin', what: 'its own street', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{东城街道}'],
        [{ who: 'districtAdmin', what: 'its own district', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{新罗区}'],
        [{ who: 'districtAdmin', what: 'the root, which has no parent', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{龙岩市}'],
        [{ who: 'districtAdmin', what: 'the node abc', status: 404, code: 'NOT_FOUND' }, '/api/orgs/abc'],
        [{ who: 'streetAdmin', what: 'a compound of its street to a sibling’s name', status: 409, code: 'ORG_NAME_TAKEN' }, url],
      ] as [Refusal, string][]
    ).map(([r, u]): [string, Refusal, string] => [title(r), r, u]),
  ];
  it.each(cases)('%s', (_title, r, u) => refused(r, 'PATCH', u, { name: '阳光花园' }));

  it('refuses an empty name with 400 VALIDATION_FAILED', () =>
    refused({ who: 'districtAdmin', what: '', status: 400, code: 'VALIDATION_FAILED' }, 'PATCH', url, { name: '  ' }));

  it('renames a compound for its street admin, writes the audit row, and the cache serves the new name', async () => {
    const compound = await create('districtAdmin', ids['龙津社区']!, 'compound', fresh('旧名小区'));
    expect((await getNode(compound.id)).name).toBe(compound.name);
    const renamed = nodeOf(await send('streetAdmin', 'PATCH', `/api/orgs/${compound.id}`, { name: `${compound.name}新` }));
    expect(renamed).toEqual({ ...compound, name: `${compound.name}新` });
    expect(await getNode(compound.id)).toEqual(renamed);
    const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.rename'), eq(auditLog.entityId, compound.id)));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: as.streetAdmin.userId, fromState: compound.name, toState: renamed.name, orgPath: compound.path }),
    ]);
  });

  it('renames through PUT as well (WeChat cannot send PATCH), with the same refusals', async () => {
    const compound = await create('districtAdmin', ids['中山社区']!, 'compound', fresh('微信小区'));
    expect(nodeOf(await send('streetAdmin', 'PUT', `/api/orgs/${compound.id}`, { name: `${compound.name}甲` })).name).toBe(`${compound.name}甲`);
    await refused({ who: 'otherStreetAdmin', what: '', status: 404, code: 'NOT_FOUND' }, 'PUT', `/api/orgs/${compound.id}`, { name: '越界' });
    await refused({ who: 'staff', what: '', status: 403, code: 'FORBIDDEN' }, 'PUT', `/api/orgs/${compound.id}`, { name: '越权' });
  });

  it('answers the same name again unchanged, with no audit row', async () => {
    const compound = await create('districtAdmin', ids['中山社区']!, 'compound', fresh('同名小区'));
    expect(nodeOf(await send('districtAdmin', 'PATCH', `/api/orgs/${compound.id}`, { name: compound.name }))).toEqual(compound);
    expect(await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.rename'), eq(auditLog.entityId, compound.id)))).toEqual([]);
  });
});

describe('POST /api/orgs/:id/move: under a parent the caller also manages, that may hold its kind', () => {
  const url = '/api/orgs/{中山社区/丽景小区}/move';
  const into = { parentId: '{龙津社区}' };
  const cases: [string, Refusal, string, object][] = [
    ...NOBODY.map((r): [string, Refusal, string, object] => [title(r), r, url, into]),
    ...(
      [
        [{ who: 'otherStreetAdmin', what: 'a compound of another street into its own', status: 404, code: 'NOT_FOUND' }, url, { parentId: '{莲东社区}' }],
        [{ who: 'otherStreetAdmin', what: 'a compound of its street into another street', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{莲东社区/丽景小区}/move', into],
        [{ who: 'streetAdmin', what: 'a community of its street into another street', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{中山社区}/move', { parentId: '{西城街道}' }],
        [{ who: 'streetAdmin', what: 'its own street', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{东城街道}/move', { parentId: '{新罗区}' }],
        [{ who: 'districtAdmin', what: 'its own district', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{新罗区}/move', { parentId: '{龙岩市}' }],
        [{ who: 'districtAdmin', what: 'a street into the city above it', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{东城街道}/move', { parentId: '{龙岩市}' }],
        [{ who: 'districtAdmin', what: 'a community under its own compound', status: 400, code: 'ORG_MOVE_INTO_SUBTREE' }, '/api/orgs/{龙津社区}/move', { parentId: '{龙津社区/阳光花园}' }],
        [{ who: 'districtAdmin', what: 'a community under itself', status: 400, code: 'ORG_MOVE_INTO_SUBTREE' }, '/api/orgs/{龙津社区}/move', { parentId: '{龙津社区}' }],
        [{ who: 'districtAdmin', what: 'a street under its own building', status: 400, code: 'ORG_MOVE_INTO_SUBTREE' }, '/api/orgs/{东城街道}/move', { parentId: '{龙津社区/阳光花园/1栋}' }],
        [{ who: 'districtAdmin', what: 'a compound directly into a street', status: 400, code: 'ORG_KIND_MISMATCH' }, url, { parentId: '{西城街道}' }],
        [{ who: 'districtAdmin', what: 'a community under a building', status: 400, code: 'ORG_KIND_MISMATCH' }, '/api/orgs/{中山社区}/move', { parentId: '{莲东社区/阳光花园/1栋}' }],
        [{ who: 'districtAdmin', what: 'a compound where one of its name is', status: 409, code: 'ORG_NAME_TAKEN' }, url, into],
        [{ who: 'districtAdmin', what: 'a compound under the node abc', status: 404, code: 'NOT_FOUND' }, url, { parentId: 'abc' }],
        [{ who: 'districtAdmin', what: 'a compound under a node that does not exist', status: 404, code: 'NOT_FOUND' }, url, { parentId: '987654321' }],
        [{ who: 'districtAdmin', what: 'without a parent', status: 400, code: 'VALIDATION_FAILED' }, url, {}],
      ] as [Refusal, string, object][]
    ).map(([r, u, b]): [string, Refusal, string, object] => [title(r), r, u, b]),
  ];
  it.each(cases)('%s', (_title, r, u, b) => refused(r, 'POST', u, b));

  it('moves a compound with its buildings to another community of the street; the cache and the paths follow', async () => {
    const compound = await create('districtAdmin', ids['龙津社区']!, 'compound', fresh('搬迁小区'));
    const building = await create('districtAdmin', compound.id, 'building', '1栋');
    await getNode(compound.id); // held in the cache before the move
    const moved = nodeOf(await send('streetAdmin', 'POST', `/api/orgs/${compound.id}/move`, { parentId: ids['中山社区'] }));
    const zhongshan = await getNode(ids['中山社区']!);
    expect(moved).toEqual({ ...compound, parentId: zhongshan.id, path: `${zhongshan.path}${compound.id}/` });
    expect(await getNode(compound.id)).toEqual(moved);
    expect((await getNode(building.id)).path).toBe(`${moved.path}${building.id}/`);
    const children = listEnvelope(orgNodeSchema).parse(expectOk(await send('resident', 'GET', `/api/orgs/${zhongshan.id}/children?limit=100`)));
    expect(children.items.map((n) => n.id)).toContain(compound.id);
    const [audit] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.move'), eq(auditLog.entityId, compound.id)));
    expect(audit).toMatchObject({ actorId: as.streetAdmin.userId, fromState: ids['龙津社区'], toState: zhongshan.id, orgPath: moved.path });
    await expectTreeWhole();
  });

  it('answers a move to where it already is unchanged', async () => {
    const compound = await create('districtAdmin', ids['中山社区']!, 'compound', fresh('原地小区'));
    expect(nodeOf(await send('streetAdmin', 'POST', `/api/orgs/${compound.id}/move`, { parentId: ids['中山社区'] }))).toEqual(compound);
  });

  it('moves a street from its district up into the city, for an admin of the city (a city may hold streets)', async () => {
    const admin = await cityAdmin(t.app);
    const street = await create('districtAdmin', ids['新罗区']!, 'street', fresh('升格街道'));
    const community = await create('districtAdmin', street.id, 'community', fresh('升格社区'));
    expectError(await send('districtAdmin', 'POST', `/api/orgs/${street.id}/move`, { parentId: ids['龙岩市'] }), 404, 'NOT_FOUND');
    const moved = orgNodeSchema.parse(expectOk(await api(t.app, admin, 'POST', `/api/orgs/${street.id}/move`, { parentId: ids['龙岩市'] })));
    expect(moved.path).toBe(`${(await getNode(ids['龙岩市']!)).path}${street.id}/`);
    expect((await getNode(community.id)).path).toBe(`${moved.path}${community.id}/`);
    await expectTreeWhole();
  });

  describe('a community moved to another street takes its figures and its audit trail along', () => {
    const overview = async (orgId: string) =>
      statsOverviewSchema.parse(expectOk(await send('districtAdmin', 'GET', `/api/stats/overview?orgId=${orgId}`))).figures;

    it('the old street no longer counts its wishes, the new street does; the rollups and audit rows carry the new path', async () => {
      const { id } = await newCommunity(t.app, as.districtAdmin, ids['东城街道']!);
      const before = await getNode(id);
      const wish = await submitWish(t.app, as.resident, { communityId: id });
      const [east, west] = [await overview(ids['东城街道']!), await overview(ids['西城街道']!)];

      const moved = nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${id}/move`, { parentId: ids['西城街道'] }));
      expect(moved.path).toBe(`${(await getNode(ids['西城街道']!)).path}${id}/`);
      expect((await overview(ids['东城街道']!)).wishesCollected).toBe(east.wishesCollected - 1);
      expect((await overview(ids['西城街道']!)).wishesCollected).toBe(west.wishesCollected + 1);
      expect((await overview(id)).wishesCollected).toBe(1);

      const rollups = await t.app.db.select({ path: statsCommunityMonth.communityPath }).from(statsCommunityMonth).where(eq(statsCommunityMonth.communityId, Number(id)));
      expect(rollups).toEqual([{ path: moved.path }]);
      const left = await t.app.db.select().from(auditLog).where(sql`${auditLog.orgPath} like ${`${before.path}%`}`);
      expect(left).toEqual([]);
      const trail = await t.app.db.select().from(auditLog).where(sql`${auditLog.orgPath} like ${`${moved.path}%`}`);
      expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining(['org.create', 'org.move', 'wish.submit']));
      expect(trail.find((r) => r.entity === 'wish')).toMatchObject({ entityId: wish.id, orgPath: moved.path });
    });

    it('the admins’ reach follows at once: the new street’s admin manages it, the old one’s no longer does', async () => {
      const { id } = await newCommunity(t.app, as.districtAdmin, ids['东城街道']!);
      const compound = await create('districtAdmin', id, 'compound', fresh('随迁小区'));
      expectError(await send('otherStreetAdmin', 'PATCH', `/api/orgs/${compound.id}`, { name: fresh('改名') }), 404, 'NOT_FOUND');
      nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${id}/move`, { parentId: ids['西城街道'] }));
      expect(nodeOf(await send('otherStreetAdmin', 'PATCH', `/api/orgs/${compound.id}`, { name: fresh('西城改名') })).parentId).toBe(id);
      expectError(await send('streetAdmin', 'PATCH', `/api/orgs/${compound.id}`, { name: fresh('东城改名') }), 404, 'NOT_FOUND');
    });
  });

  it('keeps the tree whole when moves of a node and of its ancestor are sent together', async () => {
    const street = await create('districtAdmin', ids['新罗区']!, 'street', fresh('并发街道'));
    const community = await create('districtAdmin', street.id, 'community', fresh('并发社区'));
    const compound = await create('districtAdmin', community.id, 'compound', fresh('并发小区'));
    await create('districtAdmin', compound.id, 'building', '1栋');
    const answers = await Promise.all([
      send('districtAdmin', 'POST', `/api/orgs/${community.id}/move`, { parentId: ids['西城街道'] }),
      send('districtAdmin', 'POST', `/api/orgs/${compound.id}/move`, { parentId: ids['溪南社区'] }),
      send('districtAdmin', 'POST', `/api/orgs/${community.id}/move`, { parentId: ids['东城街道'] }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    await expectTreeWhole();
    expect((await getNode(compound.id)).parentId).toBe(ids['溪南社区']);
  });
});

describe('POST /api/orgs/:id/archive: the admins above a node archive it with its subtree, unless work is under way there', () => {
  const url = '/api/orgs/{中山社区}/archive';
  const reason = { reason: '社区合并' };
  const cases: [string, Refusal, string, object][] = [
    ...NOBODY.map((r): [string, Refusal, string, object] => [title(r), r, url, reason]),
    ...(
      [
        [{ who: 'otherStreetAdmin', what: 'a community of another street', status: 404, code: 'NOT_FOUND' }, url, reason],
        [{ who: 'streetAdmin', what: 'its own street', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{东城街道}/archive', reason],
        [{ who: 'districtAdmin', what: 'its own district', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{新罗区}/archive', reason],
        [{ who: 'districtAdmin', what: 'the root', status: 404, code: 'NOT_FOUND' }, '/api/orgs/{龙岩市}/archive', reason],
        [{ who: 'districtAdmin', what: 'without a reason', status: 400, code: 'VALIDATION_FAILED' }, url, {}],
        [{ who: 'otherStreetAdmin', what: '莲东社区, where a report waits for staff', status: 409, code: 'ORG_HAS_LIVE_WORK' }, '/api/orgs/{莲东社区}/archive', reason],
      ] as [Refusal, string, object][]
    ).map(([r, u, b]): [string, Refusal, string, object] => [title(r), r, u, b]),
  ];
  it.each(cases)('%s', (_title, r, u, b) => refused(r, 'POST', u, b));

  it('refuses a community with a claimed wish with 409 ORG_HAS_LIVE_WORK and its counts, and the street above it too', async () => {
    const { id, staff } = await newCommunity(t.app, as.districtAdmin, ids['西城街道']!);
    const [claimant] = await reportedMembers(t.app, { communityId: id, unitId: ids['龙岩市第一医院']!, count: 1 });
    const wish = await submitWish(t.app, as.resident, { communityId: id });
    expectOk(await api(t.app, staff, 'POST', `/api/wishes/${wish.id}/approve`));
    expectOk(await api(t.app, claimant!, 'POST', `/api/wishes/${wish.id}/claim`));

    const before = await tree();
    const error = expectError(await send('otherStreetAdmin', 'POST', `/api/orgs/${id}/archive`, reason), 409, 'ORG_HAS_LIVE_WORK');
    expect(error.details).toEqual({ claimedWishes: 1, fulfilledWishes: 0, disputedWishes: 0, pendingReports: 0 });
    expect(error.message).toBe('该节点下还有 1 个已认领未完成的心愿，请先处理完毕再停用');
    expectError(await send('districtAdmin', 'POST', `/api/orgs/${ids['西城街道']}/archive`, reason), 409, 'ORG_HAS_LIVE_WORK');
    expect(await tree()).toEqual(before);
  });

  describe('an archived community takes no new work, and its work is read as before', () => {
    let community: { id: string; staff: Caller };
    let compound: OrgNode;
    let building: OrgNode;
    let pending: string;
    let archived: OrgNode;

    beforeAll(async () => {
      community = await newCommunity(t.app, as.districtAdmin, ids['西城街道']!);
      compound = await create('districtAdmin', community.id, 'compound', '停用花园');
      building = await create('districtAdmin', compound.id, 'building', '1栋');
      pending = (await submitWish(t.app, as.resident, { communityId: community.id })).id;
      archived = nodeOf(await send('otherStreetAdmin', 'POST', `/api/orgs/${community.id}/archive`, { reason: '并入溪南社区' }));
    });

    it('marks the node and its subtree archived, with an audit row and its reason', async () => {
      expect(archived.archivedAt).not.toBeNull();
      expect((await getNode(compound.id)).archivedAt).toBe(archived.archivedAt);
      expect((await getNode(building.id)).archivedAt).toBe(archived.archivedAt);
      const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.archive'), eq(auditLog.entityId, community.id)));
      expect(audit).toEqual([expect.objectContaining({ actorId: as.otherStreetAdmin.userId, orgPath: archived.path, details: expect.objectContaining({ reason: '并入溪南社区', nodes: 3 }) })]);
    });

    it('answers archiving it again unchanged, with no second audit row', async () => {
      expect(nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${community.id}/archive`, { reason: '再次停用' }))).toEqual(archived);
      expect(await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.archive'), eq(auditLog.entityId, community.id)))).toHaveLength(1);
    });

    it('refuses a new wish, post, report, household and node there with 409 ORG_ARCHIVED', async () => {
      const before = await tree();
      expectError(await api(t.app, as.resident, 'POST', '/api/wishes', wishBody({ communityId: community.id })), 409, 'ORG_ARCHIVED');
      const post = { communityId: community.id, title: '楼道保洁', description: '每周清扫楼道一次', pioneerRole: 'volunteer', capacity: 2, schedule: '每周六上午', location: '停用花园', startsOn: '2026-01-01', endsOn: '2026-12-31' };
      expectError(await api(t.app, community.staff, 'POST', '/api/posts', post), 409, 'ORG_ARCHIVED');
      expectError(await api(t.app, as.member, 'POST', '/api/reports', { communityId: community.id, basis: 'residence' }), 409, 'ORG_ARCHIVED');
      expectError(await api(t.app, community.staff, 'POST', '/api/households', { communityId: community.id, name: '张大爷', needs: '独居老人，需要定期探望' }), 409, 'ORG_ARCHIVED');
      expectError(await send('districtAdmin', 'POST', '/api/orgs', { parentId: community.id, kind: 'compound', name: '新小区' }), 409, 'ORG_ARCHIVED');
      expectError(await send('districtAdmin', 'POST', '/api/orgs', { parentId: compound.id, kind: 'building', name: '2栋' }), 409, 'ORG_ARCHIVED');
      expectError(await send('otherStreetAdmin', 'POST', '/api/orgs/{莲东社区/阳光花园}/move', { parentId: community.id }), 409, 'ORG_ARCHIVED');
      expect(await tree()).toEqual(before);
    });

    it('still reads the node, its children, its wishes and its figures', async () => {
      expect(await getNode(community.id)).toEqual(archived);
      const children = listEnvelope(orgNodeSchema).parse(expectOk(await send('resident', 'GET', `/api/orgs/${ids['西城街道']}/children?limit=100`)));
      expect(children.items.find((n) => n.id === community.id)).toEqual(archived);
      expect(expectOk(await api(t.app, as.resident, 'GET', `/api/wishes/${pending}`))).toMatchObject({ id: pending, status: 'pending_review' });
      expectOk(await api(t.app, community.staff, 'GET', `/api/wishes?communityId=${community.id}`));
      const figures = statsOverviewSchema.parse(expectOk(await send('districtAdmin', 'GET', `/api/stats/overview?orgId=${community.id}`))).figures;
      expect(figures.wishesCollected).toBe(1);
    });

    it('refuses to restore a node while one above it is archived, with 409 ORG_ARCHIVED', async () => {
      await refused({ who: 'otherStreetAdmin', what: '', status: 409, code: 'ORG_ARCHIVED' }, 'POST', `/api/orgs/${compound.id}/restore`);
    });

    it('restores the node with what was archived with it; work is taken again', async () => {
      const restored = nodeOf(await send('otherStreetAdmin', 'POST', `/api/orgs/${community.id}/restore`));
      expect(restored).toEqual({ ...archived, archivedAt: null });
      expect((await getNode(building.id)).archivedAt).toBeNull();
      expectOk(await api(t.app, as.resident, 'POST', '/api/wishes', wishBody({ communityId: community.id })), 201);
      const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.restore'), eq(auditLog.entityId, community.id)));
      expect(audit).toEqual([expect.objectContaining({ actorId: as.otherStreetAdmin.userId, orgPath: restored.path })]);
      expect(nodeOf(await send('otherStreetAdmin', 'POST', `/api/orgs/${community.id}/restore`))).toEqual(restored);
    });
  });

  it('refuses a claim of a wish published before the archive with 409 ORG_ARCHIVED: nothing new starts there', async () => {
    const community = await newCommunity(t.app, as.districtAdmin, ids['西城街道']!);
    const [member] = await reportedMembers(t.app, { communityId: community.id, unitId: ids['龙岩市第一医院']!, count: 1 });
    const wish = await submitWish(t.app, as.resident, { communityId: community.id });
    expectOk(await api(t.app, community.staff, 'POST', `/api/wishes/${wish.id}/approve`));
    expectOk(await send('districtAdmin', 'POST', `/api/orgs/${community.id}/archive`, { reason: '撤并' }));
    expectError(await api(t.app, member!, 'POST', `/api/wishes/${wish.id}/claim`), 409, 'ORG_ARCHIVED');
    expect(expectOk(await api(t.app, community.staff, 'GET', `/api/wishes/${wish.id}`))).toMatchObject({ status: 'published' });
  });

  it('leaves a node archived on its own before archived when its ancestor is restored', async () => {
    const community = await create('districtAdmin', ids['西城街道']!, 'community', fresh('先停后停社区'));
    const first = await create('districtAdmin', community.id, 'compound', '先停用小区');
    const second = await create('districtAdmin', community.id, 'compound', '后停用小区');
    nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${first.id}/archive`, { reason: '拆迁' }));
    nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${community.id}/archive`, { reason: '合并' }));
    expect((await getNode(second.id)).archivedAt).not.toBeNull();
    nodeOf(await send('districtAdmin', 'POST', `/api/orgs/${community.id}/restore`));
    expect((await getNode(second.id)).archivedAt).toBeNull();
    expect((await getNode(first.id)).archivedAt).not.toBeNull();
  });
});

describe('POST /api/orgs/:id/restore: the admins above a node', () => {
  const url = '/api/orgs/{中山社区}/restore';
  const cases: Refusal[] = [
    ...NOBODY,
    { who: 'otherStreetAdmin', what: 'a community of another street', status: 404, code: 'NOT_FOUND' },
  ];
  it.each(cases.map((r) => [title(r), r] as const))('%s', (_title, r) => refused(r, 'POST', url));

  it.each([
    ['streetAdmin', 'its own street', '/api/orgs/{东城街道}/restore'],
    ['districtAdmin', 'its own district', '/api/orgs/{新罗区}/restore'],
    ['districtAdmin', 'the root', '/api/orgs/{龙岩市}/restore'],
  ] as const)('%s: %s → 404 NOT_FOUND', (who, _what, u) => refused({ who, what: '', status: 404, code: 'NOT_FOUND' }, 'POST', u));

  it('answers an open node unchanged', async () => {
    const node = await getNode(ids['中山社区']!);
    expect(nodeOf(await send('streetAdmin', 'POST', url))).toEqual(node);
  });
});

describe('POST /api/orgs: a city may hold its streets directly (东莞, 中山)', () => {
  it('adds a street under the city for an admin of the city, not a community', async () => {
    const admin = await cityAdmin(t.app);
    const street = orgNodeSchema.parse(expectOk(await api(t.app, admin, 'POST', '/api/orgs', { parentId: ids['龙岩市'], kind: 'street', name: fresh('直管街道') }), 201));
    expect(street).toMatchObject({ parentId: ids['龙岩市'], kind: 'street', archivedAt: null });
    expectError(await api(t.app, admin, 'POST', '/api/orgs', { parentId: ids['龙岩市'], kind: 'community', name: fresh('直管社区') }), 400, 'ORG_KIND_MISMATCH');
    expectError(await send('districtAdmin', 'POST', '/api/orgs', { parentId: ids['龙岩市'], kind: 'street', name: fresh('越级街道') }), 404, 'NOT_FOUND');
  });
});
