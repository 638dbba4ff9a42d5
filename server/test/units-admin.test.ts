import { listEnvelope, orgNodeSchema, reportingFiguresSchema, unitSchema, unitSummarySchema, type Unit, type UnitSummary } from '@huijia/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { auditLog, orgNodes, unitCommunities, units } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, demoIds, expectError } from './support/identity';
import { api, callerOf, expectOk, type Caller } from './support/wishes';

/**
 * Units and 结对共建 from the app (issue 16): a district's units with their reporting rates
 * (GET /api/units), renaming a unit and replacing its paired communities (district admins, within
 * their district). Besides the demo city, the city's own admin (ADMIN_PHONE, district admin of the
 * root) registers a second district, 永定区, with a community and a unit of its own, all outside
 * 新罗区.
 */

const ROOT_ADMIN = '13600000001';
const PHONES = {
  resident: DEMO.resident,
  member: DEMO.memberHospital,
  staff: DEMO.staffLongjin,
  unitAdmin: DEMO.unitAdminHospital,
  streetEast: DEMO.streetAdminEast,
  streetWest: '13900000003',
  district: DEMO.districtAdmin,
  root: ROOT_ADMIN,
} as const;
type Who = keyof typeof PHONES;

let t: TestApp;
let ids: Record<string, string>;
const as = {} as Record<Who, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1', ADMIN_PHONE: ROOT_ADMIN, ADMIN_PASSWORD: 'root-admin-password' } });
  ids = await demoIds(t.app);
  for (const [who, phone] of Object.entries(PHONES) as [Who, string][]) as[who] = await callerOf(t.app, phone);
  const make = async (parentId: string, kind: string, name: string) =>
    orgNodeSchema.parse(expectOk(await api(t.app, as.root, 'POST', '/api/orgs', { parentId, kind, name }), 201)).id;
  ids['永定区'] = await make(ids['龙岩市']!, 'district', '永定区');
  ids['凤城街道'] = await make(ids['永定区']!, 'street', '凤城街道');
  ids['凤城社区'] = await make(ids['凤城街道']!, 'community', '凤城社区');
  ids['永定单位'] = unitSchema.parse(expectOk(await api(t.app, as.root, 'POST', '/api/units', { name: '永定区医院', orgId: ids['永定区'], pairedCommunityIds: [ids['凤城社区']] }), 201)).id;
  ids['东城单位'] = (await newUnit('东城卫生服务中心', [ids['龙津社区']!], ids['东城街道'])).id;
});
afterAll(() => t.close());

const send = (who: Who | 'anonymous', method: 'GET' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  who === 'anonymous' ? t.app.inject({ method, url, ...(payload ? { payload } : {}) }) : api(t.app, as[who], method, url, payload);
const resolve = (text: string) => text.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name] ?? `no-such-${name}`);

let unitCounter = 0;
/** A unit of the district admin's own, for a test to change. */
async function newUnit(name = `测试单位${++unitCounter}`, pairedCommunityIds: string[] = [], orgId?: string): Promise<Unit> {
  return unitSchema.parse(expectOk(await api(t.app, as.district, 'POST', '/api/units', { name, pairedCommunityIds, ...(orgId ? { orgId } : {}) }), 201));
}

async function unitsOf(who: Who, query = ''): Promise<UnitSummary[]> {
  const items: UnitSummary[] = [];
  let cursor: string | null = null;
  do {
    const res = await send(who, 'GET', `/api/units?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`);
    const page = listEnvelope(unitSummarySchema).parse(expectOk(res));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const pathOf = async (id: string) => (await t.app.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, Number(id))))[0]!.path;
const pairedIds = async (unitId: string) =>
  (await t.app.db.select({ id: unitCommunities.communityId }).from(unitCommunities).where(eq(unitCommunities.unitId, Number(unitId))).orderBy(asc(unitCommunities.communityId))).map((r) =>
    String(r.id),
  );
const auditOf = (action: string, unitId: string) =>
  t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, 'unit'), eq(auditLog.entityId, unitId)))
    .orderBy(asc(auditLog.id));
const sorted = (xs: string[]) => [...xs].sort((a, b) => Number(a) - Number(b));

interface Refusal {
  who: Who | 'anonymous';
  what: string;
  status: number;
  code: string;
}
const titled = <C extends Refusal>(cases: C[]) => cases.map((c) => [`${c.who}: ${c.what} → ${c.status} ${c.code}`, c] as const);

describe('GET /api/units: the units registered in a subtree, for its street and district admins', () => {
  const cases: (Refusal & { query: string })[] = [
    { who: 'anonymous', what: 'not signed in', query: '', status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'its district', query: '?orgId={新罗区}', status: 403, code: 'FORBIDDEN' },
    { who: 'resident', what: 'without a node', query: '', status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its district', query: '?orgId={新罗区}', status: 403, code: 'FORBIDDEN' },
    { who: 'staff', what: 'its community', query: '?orgId={龙津社区}', status: 403, code: 'FORBIDDEN' },
    { who: 'unitAdmin', what: 'the district its unit is registered in', query: '?orgId={新罗区}', status: 404, code: 'NOT_FOUND' },
    { who: 'unitAdmin', what: 'without a node of its own', query: '', status: 403, code: 'FORBIDDEN' },
    { who: 'streetEast', what: 'another street', query: '?orgId={西城街道}', status: 404, code: 'NOT_FOUND' },
    { who: 'streetEast', what: 'the district above it', query: '?orgId={新罗区}', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'another district', query: '?orgId={永定区}', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'the city above it', query: '?orgId={龙岩市}', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a node that does not exist', query: '?orgId=987654321', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'limit=0', query: '?limit=0', status: 400, code: 'VALIDATION_FAILED' },
    { who: 'district', what: 'the cursor abc', query: '?cursor=abc', status: 400, code: 'VALIDATION_FAILED' },
  ];
  it.each(titled(cases))('%s', async (_title, c) => {
    expectError(await send(c.who, 'GET', `/api/units${resolve(c.query)}`), c.status, c.code);
  });

  it('lists the district admin’s district by default: its units and those of its streets, not another district’s', async () => {
    const names = (await unitsOf('district')).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['龙岩市第一医院', '新罗区实验小学', '东城卫生服务中心']));
    expect(names).not.toContain('永定区医院');
    expect((await unitsOf('district', `&orgId=${ids['新罗区']}`)).map((u) => u.name)).toEqual(names);
  });

  it('lists a street admin’s street by default: only the units registered there', async () => {
    expect((await unitsOf('streetEast')).map((u) => u.name)).toEqual(['东城卫生服务中心']);
    expect(await unitsOf('streetWest')).toEqual([]);
  });

  it('gives each unit the reporting of its own figures (GET /api/units/:id/members), null for an empty roster', async () => {
    const list = await unitsOf('district');
    for (const unit of list) {
      const own = reportingFiguresSchema.parse((expectOk(await send('district', 'GET', `/api/units/${unit.id}/members?limit=1`)) as { figures: unknown }).figures);
      expect({ name: unit.name, rosterSize: unit.rosterSize, reported: unit.reported, rate: unit.reportingRate }).toEqual({
        name: unit.name,
        rosterSize: own.roster,
        reported: own.confirmed,
        rate: own.roster > 0 ? own.reportingRate : null,
      });
    }
    expect(list.find((u) => u.name === '龙岩市第一医院')).toMatchObject({ rosterSize: 5, reported: 5, reportingRate: 1 });
    expect(list.find((u) => u.name === '新罗区实验小学')).toMatchObject({ rosterSize: 5, reported: 1, reportingRate: 0.2 });
    expect(list.find((u) => u.name === '东城卫生服务中心')).toMatchObject({ rosterSize: 0, reported: 0, reportingRate: null });
    expect(list.find((u) => u.name === '龙岩市第一医院')!.pairedCommunities.map((c) => c.name)).toEqual(['龙津社区', '中山社区']);
  });

  it('filters by a part of the name, taking % and _ as the characters they are', async () => {
    await newUnit('百分%单位');
    expect((await unitsOf('district', `&q=${encodeURIComponent('医院')}`)).map((u) => u.name)).toEqual(['龙岩市第一医院']);
    expect((await unitsOf('district', `&q=${encodeURIComponent('%')}`)).map((u) => u.name)).toEqual(['百分%单位']);
    expect(await unitsOf('district', '&q=_')).toEqual([]);
  });

  it('pages by keyset: limit=1 walks the same units as one page', async () => {
    const all = (await unitsOf('district')).map((u) => u.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = listEnvelope(unitSummarySchema).parse(expectOk(await send('district', 'GET', `/api/units?limit=1${cursor ? `&cursor=${cursor}` : ''}`)));
      walked.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all);
  });
});

describe('PATCH /api/units/:id: district admins rename the units of their district', () => {
  const cases: (Refusal & { unit: string; name: string })[] = [
    { who: 'anonymous', what: 'not signed in', unit: '{龙岩市第一医院}', name: '新名', status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'a unit', unit: '{龙岩市第一医院}', name: '新名', status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit', unit: '{龙岩市第一医院}', name: '新名', status: 403, code: 'FORBIDDEN' },
    { who: 'staff', what: 'a paired unit', unit: '{龙岩市第一医院}', name: '新名', status: 403, code: 'FORBIDDEN' },
    { who: 'unitAdmin', what: 'its own unit', unit: '{龙岩市第一医院}', name: '新名', status: 403, code: 'FORBIDDEN' },
    { who: 'streetEast', what: 'a unit registered in its street', unit: '{东城单位}', name: '新名', status: 403, code: 'FORBIDDEN' },
    { who: 'district', what: 'another district’s unit', unit: '{永定单位}', name: '新名', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'the unit abc', unit: 'abc', name: '新名', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a unit that does not exist', unit: '987654321', name: '新名', status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'to the name of another unit', unit: '{龙岩市第一医院}', name: '新罗区实验小学', status: 409, code: 'UNIT_NAME_TAKEN' },
    { who: 'district', what: 'to a blank name', unit: '{龙岩市第一医院}', name: '   ', status: 400, code: 'VALIDATION_FAILED' },
  ];
  it.each(titled(cases))('%s, and the name stays', async (_title, c) => {
    const before = await t.app.db.select().from(units).orderBy(asc(units.id));
    expectError(await send(c.who, 'PATCH', `/api/units/${resolve(c.unit)}`, { name: c.name }), c.status, c.code);
    expect(await t.app.db.select().from(units).orderBy(asc(units.id))).toEqual(before);
  });

  it('renames a unit of its district, and the audit row keeps both names under the unit’s node', async () => {
    const unit = await newUnit('改名前的单位', [], ids['东城街道']);
    const renamed = unitSchema.parse(expectOk(await send('district', 'PATCH', `/api/units/${unit.id}`, { name: '改名后的单位' })));
    expect(renamed).toMatchObject({ id: unit.id, name: '改名后的单位', orgId: ids['东城街道'] });
    expect(unitSchema.parse(expectOk(await send('district', 'GET', `/api/units/${unit.id}`))).name).toBe('改名后的单位');
    const rows = await auditOf('unit.update', unit.id);
    expect(rows).toMatchObject([
      { actorId: as.district.userId, orgPath: await pathOf(ids['东城街道']!), details: { before: { name: '改名前的单位' }, after: { name: '改名后的单位' } } },
    ]);
    // The same name again changes nothing and writes no row.
    expectOk(await send('district', 'PATCH', `/api/units/${unit.id}`, { name: '改名后的单位' }));
    expect(await auditOf('unit.update', unit.id)).toHaveLength(1);
  });

  it('renames by PUT too, as WeChat’s request sends it', async () => {
    const unit = await newUnit('微信改名前的单位', [], ids['东城街道']);
    expect(unitSchema.parse(expectOk(await send('district', 'PUT', `/api/units/${unit.id}`, { name: '微信改名后的单位' }))).name).toBe('微信改名后的单位');
  });
});

describe('PUT /api/units/:id/communities: district admins replace a unit’s pairings (结对共建)', () => {
  const cases: (Refusal & { unit: string; communityIds: string[] })[] = [
    { who: 'anonymous', what: 'not signed in', unit: '{龙岩市第一医院}', communityIds: ['{溪南社区}'], status: 401, code: 'UNAUTHENTICATED' },
    { who: 'resident', what: 'a unit', unit: '{龙岩市第一医院}', communityIds: ['{溪南社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'member', what: 'its unit', unit: '{龙岩市第一医院}', communityIds: ['{溪南社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'staff', what: 'a unit with its community', unit: '{龙岩市第一医院}', communityIds: ['{龙津社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'unitAdmin', what: 'its own unit', unit: '{龙岩市第一医院}', communityIds: ['{溪南社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'streetEast', what: 'a unit registered in its street', unit: '{东城单位}', communityIds: ['{中山社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'streetWest', what: 'a unit with a community of its street', unit: '{新罗区实验小学}', communityIds: ['{溪南社区}'], status: 403, code: 'FORBIDDEN' },
    { who: 'district', what: 'another district’s unit', unit: '{永定单位}', communityIds: ['{溪南社区}'], status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a community of another district', unit: '{龙岩市第一医院}', communityIds: ['{龙津社区}', '{凤城社区}'], status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a street', unit: '{龙岩市第一医院}', communityIds: ['{东城街道}'], status: 400, code: 'NOT_A_COMMUNITY' },
    { who: 'district', what: 'a compound', unit: '{龙岩市第一医院}', communityIds: ['{龙津社区/阳光花园}'], status: 400, code: 'NOT_A_COMMUNITY' },
    { who: 'district', what: 'a community that does not exist', unit: '{龙岩市第一医院}', communityIds: ['987654321'], status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'the community abc', unit: '{龙岩市第一医院}', communityIds: ['abc'], status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a unit that does not exist', unit: '987654321', communityIds: [], status: 404, code: 'NOT_FOUND' },
    { who: 'district', what: 'a community id that is not text', unit: '{龙岩市第一医院}', communityIds: [12 as unknown as string], status: 400, code: 'VALIDATION_FAILED' },
  ];
  it.each(titled(cases))('%s, and the pairings stay', async (_title, c) => {
    const before = await t.app.db.select().from(unitCommunities).orderBy(asc(unitCommunities.unitId), asc(unitCommunities.communityId));
    const communityIds = c.communityIds.map((id) => (typeof id === 'string' ? resolve(id) : id));
    expectError(await send(c.who, 'PUT', `/api/units/${resolve(c.unit)}/communities`, { communityIds }), c.status, c.code);
    expect(await t.app.db.select().from(unitCommunities).orderBy(asc(unitCommunities.unitId), asc(unitCommunities.communityId))).toEqual(before);
  });

  it('replaces the pairings with exactly those named, and audits before and after under the unit’s node', async () => {
    const unit = await newUnit(undefined, [ids['龙津社区']!, ids['中山社区']!]);
    const after = [ids['中山社区']!, ids['溪南社区']!, ids['中山社区']!];
    const paired = unitSchema.parse(expectOk(await send('district', 'PUT', `/api/units/${unit.id}/communities`, { communityIds: after })));
    expect(paired.pairedCommunities.map((c) => c.name)).toEqual(['中山社区', '溪南社区']);
    expect(await pairedIds(unit.id)).toEqual(sorted([ids['中山社区']!, ids['溪南社区']!]));
    const [row] = await auditOf('unit.pair', unit.id);
    expect(row).toMatchObject({
      actorId: as.district.userId,
      orgPath: await pathOf(ids['新罗区']!),
      details: { before: sorted([ids['龙津社区']!, ids['中山社区']!]).map(Number), after: sorted([ids['中山社区']!, ids['溪南社区']!]).map(Number) },
    });

    // The same set again writes nothing; an empty list unpairs every community.
    expectOk(await send('district', 'PUT', `/api/units/${unit.id}/communities`, { communityIds: [ids['溪南社区'], ids['中山社区']] }));
    expect(await auditOf('unit.pair', unit.id)).toHaveLength(1);
    expect(unitSchema.parse(expectOk(await send('district', 'PUT', `/api/units/${unit.id}/communities`, { communityIds: [] }))).pairedCommunities).toEqual([]);
    expect(await pairedIds(unit.id)).toEqual([]);
    expect(await auditOf('unit.pair', unit.id)).toHaveLength(2);
  });

  it('pairs no new archived community (409 ORG_ARCHIVED, nothing changed), but keeps a pairing made before the archiving', async () => {
    const community = orgNodeSchema.parse(
      expectOk(await api(t.app, as.district, 'POST', '/api/orgs', { parentId: ids['西城街道'], kind: 'community', name: '将停用社区' }), 201),
    );
    const kept = await newUnit(undefined, [community.id]);
    const other = await newUnit(undefined, [ids['莲东社区']!]);
    // Archived straight in the table: how archiving is done is the tree's own tests' subject.
    await t.app.db.update(orgNodes).set({ archivedAt: sql`now()` }).where(eq(orgNodes.id, Number(community.id)));

    expectError(await send('district', 'PUT', `/api/units/${other.id}/communities`, { communityIds: [ids['莲东社区'], community.id] }), 409, 'ORG_ARCHIVED');
    expect(await pairedIds(other.id)).toEqual([ids['莲东社区']]);
    expectError(await send('district', 'PUT', `/api/units/${other.id}/communities`, { communityIds: [community.id] }), 409, 'ORG_ARCHIVED');

    const res = await send('district', 'PUT', `/api/units/${kept.id}/communities`, { communityIds: [community.id, ids['莲东社区']] });
    // In id order: 莲东社区 is the demo's, older than the community made here.
    expect(unitSchema.parse(expectOk(res)).pairedCommunities.map((c) => c.name)).toEqual(['莲东社区', '将停用社区']);
    expect(await pairedIds(kept.id)).toEqual(sorted([community.id, ids['莲东社区']!]));
  });

  it('registers no new unit paired with an archived community', async () => {
    const community = orgNodeSchema.parse(
      expectOk(await api(t.app, as.district, 'POST', '/api/orgs', { parentId: ids['西城街道'], kind: 'community', name: '已停用社区' }), 201),
    );
    await t.app.db.update(orgNodes).set({ archivedAt: sql`now()` }).where(eq(orgNodes.id, Number(community.id)));
    const count = async () => (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(units))[0]!.n;
    const before = await count();
    expectError(await api(t.app, as.district, 'POST', '/api/units', { name: '停用社区的单位', pairedCommunityIds: [community.id] }), 409, 'ORG_ARCHIVED');
    expect(await count()).toBe(before);
  });
});
