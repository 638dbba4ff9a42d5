import { communitySettingsSchema, wishDeadlinesSchema, type CommunitySettings } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { auditLog, households, orgNodes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  PEOPLE,
  api,
  asHousehold,
  callersOf,
  expectCode,
  expectInvalid,
  expectOk,
  newHousehold,
  reportedMembers,
  type Caller,
} from './support/service';
import { APP_START_TIMEOUT, newCommunity, wishIn } from './support/wishes';

// A community's settings (社区设置), set by its staff from the app: the claim deadlines (days to
// contact the resident, days to fulfil) and how many members may pair with one household
// (结对帮扶: one unless staff allow more). New households stay within the cap, and staff change one
// household's cap, never below the members paired with it now.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'streetAdmin' | 'districtAdmin', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, { ...PEOPLE, streetAdmin: '13900000002', districtAdmin: '13900000001' });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const hospital = () => ids['龙岩市第一医院']!;
const settingsUrl = (communityId: string) => `/api/communities/${communityId}/settings`;
const readSettings = async (caller: Caller, communityId: string) => communitySettingsSchema.parse(expectOk(await api(t.app, caller, 'GET', settingsUrl(communityId))));
const putSettings = (caller: Caller, communityId: string, body: object) => api(t.app, caller, 'PUT', settingsUrl(communityId), body);

/** A community of its own for each rule, so that settings never leak from one test to another. */
const fresh = () => newCommunity(t.app, who.districtAdmin, ids['东城街道']!);

describe('GET and PUT /api/communities/:id/settings: staff of that community', () => {
  it('answers the defaults while nothing is set: 7 days to contact, 30 to fulfil, one member a household', async () => {
    const community = await fresh();
    expect(await readSettings(community.staff, community.id)).toEqual({ contactDays: 7, fulfilDays: 30, householdMaxMembers: 1 });
  });

  it('keeps what staff set, answers it, and records it in the audit trail of the community', async () => {
    const community = await fresh();
    const settings: CommunitySettings = { contactDays: 3, fulfilDays: 14, householdMaxMembers: 3 };
    expect(communitySettingsSchema.parse(expectOk(await putSettings(community.staff, community.id, settings)))).toEqual(settings);
    expect(await readSettings(community.staff, community.id)).toEqual(settings);
    const [node] = await t.app.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, Number(community.id)));
    const [row] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'community.settings'), eq(auditLog.entityId, community.id)));
    expect(row).toMatchObject({ actorId: community.staff.userId, entity: 'org_node', orgPath: node!.path, details: settings });
  });

  it('shares the deadlines with the older /wish-deadlines routes, both ways', async () => {
    const community = await fresh();
    expectOk(await putSettings(community.staff, community.id, { contactDays: 2, fulfilDays: 9, householdMaxMembers: 4 }));
    const deadlinesUrl = `/api/communities/${community.id}/wish-deadlines`;
    expect(wishDeadlinesSchema.parse(expectOk(await api(t.app, who.resident, 'GET', deadlinesUrl)))).toEqual({ contactDays: 2, fulfilDays: 9 });
    expectOk(await api(t.app, community.staff, 'PUT', deadlinesUrl, { contactDays: 5, fulfilDays: 10 }));
    expect(await readSettings(community.staff, community.id)).toEqual({ contactDays: 5, fulfilDays: 10, householdMaxMembers: 4 });
  });

  it.each([
    ['a resident', 'resident', 403, 'FORBIDDEN'],
    ['a member', 'member', 403, 'FORBIDDEN'],
    ['the street admin above', 'streetAdmin', 403, 'FORBIDDEN'],
    ['the district admin', 'districtAdmin', 403, 'FORBIDDEN'],
    ['staff of another community', 'otherStaff', 404, 'NOT_FOUND'],
    ['staff of 龙津社区, of another community', 'staff', 404, 'NOT_FOUND'],
  ] as const)('%s may neither read nor change them', async (_what, caller, status, code) => {
    const community = await fresh();
    expectCode(await api(t.app, who[caller], 'GET', settingsUrl(community.id)), status, code);
    expectCode(await putSettings(who[caller], community.id, { contactDays: 1, fulfilDays: 1, householdMaxMembers: 1 }), status, code);
    expect(await readSettings(community.staff, community.id)).toEqual({ contactDays: 7, fulfilDays: 30, householdMaxMembers: 1 });
  });

  it('answers 404 for a node that is no community, or none', async () => {
    for (const id of [ids['东城街道']!, ids['龙津社区/阳光花园']!, '987654321', 'abc']) {
      expectCode(await api(t.app, who.staff, 'GET', settingsUrl(id)), 404, 'NOT_FOUND');
    }
  });

  it.each([
    ['a pairing cap of 0', { householdMaxMembers: 0 }, 'body.householdMaxMembers'],
    ['a pairing cap of 11', { householdMaxMembers: 11 }, 'body.householdMaxMembers'],
    ['a pairing cap of 1.5', { householdMaxMembers: 1.5 }, 'body.householdMaxMembers'],
    ['no pairing cap', { householdMaxMembers: undefined }, 'body.householdMaxMembers'],
    ['0 days to contact', { contactDays: 0 }, 'body.contactDays'],
    ['181 days to fulfil', { fulfilDays: 181 }, 'body.fulfilDays'],
    ['days as text', { contactDays: '7' }, 'body.contactDays'],
  ])('refuses %s (400, naming the field) and changes nothing', async (_what, bad, path) => {
    const community = await fresh();
    expectInvalid(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 2, ...bad }), path);
    expect(await readSettings(community.staff, community.id)).toEqual({ contactDays: 7, fulfilDays: 30, householdMaxMembers: 1 });
  });
});

describe('the deadlines apply to claims made from then on', () => {
  it('a claim’s contact and fulfil deadlines count the community’s days', async () => {
    const community = await fresh();
    expectOk(await putSettings(community.staff, community.id, { contactDays: 2, fulfilDays: 5, householdMaxMembers: 1 }));
    const [claimant] = await reportedMembers(t.app, { communityId: community.id, unitId: hospital(), count: 1 });
    const wish = await wishIn(t.app, { resident: who.resident, staff: community.staff, claimant: claimant! }, community.id, 'claimed');
    const claimedAt = Date.parse(wish.claimedAt!);
    expect((Date.parse(wish.contactDueAt!) - claimedAt) / 86_400_000).toBe(2);
    expect((Date.parse(wish.fulfilDueAt!) - claimedAt) / 86_400_000).toBe(5);
  });
});

describe('the household pairing cap', () => {
  const householdBody = (communityId: string, maxMembers: number) => ({ communityId, name: '张德顺', needs: '独居老人，需要每周探访。', maxMembers });
  const patch = (caller: Caller, householdId: string, body: object, method: 'PATCH' | 'PUT' = 'PATCH') => api(t.app, caller, method, `/api/households/${householdId}`, body);

  it('new households may allow one member while the community sets nothing; more once it allows more', async () => {
    const community = await fresh();
    expect((await newHousehold(t.app, community.staff, community.id, { maxMembers: 1 })).maxMembers).toBe(1);
    const refused = expectInvalid(await api(t.app, community.staff, 'POST', '/api/households', householdBody(community.id, 2)), 'body.maxMembers');
    expect(JSON.stringify(refused.details)).toMatch(/最多 1 名/);
    expectOk(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 3 }));
    expect((await newHousehold(t.app, community.staff, community.id, { maxMembers: 3 })).maxMembers).toBe(3);
    expectInvalid(await api(t.app, community.staff, 'POST', '/api/households', householdBody(community.id, 4)), 'body.maxMembers');
  });

  it('staff change one household’s cap within the community’s, by PATCH or PUT, recorded in the trail', async () => {
    const community = await fresh();
    expectOk(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 3 }));
    const household = await newHousehold(t.app, community.staff, community.id, { maxMembers: 1 });
    expect(asHousehold(await patch(community.staff, household.id, { maxMembers: 2 })).maxMembers).toBe(2);
    expect(asHousehold(await patch(community.staff, household.id, { maxMembers: 3 }, 'PUT')).maxMembers).toBe(3);
    expectInvalid(await patch(community.staff, household.id, { maxMembers: 4 }), 'body.maxMembers');
    const trail = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'household.update'), eq(auditLog.entityId, household.id)));
    expect(trail.map((r) => [r.actorId, r.details])).toEqual([
      [community.staff.userId, { maxMembers: 2 }],
      [community.staff.userId, { maxMembers: 3 }],
    ]);
  });

  it('never below the members paired now: 409 HOUSEHOLD_MAX_BELOW_ACTIVE, and the cap stays', async () => {
    const community = await fresh();
    expectOk(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 3 }));
    const household = await newHousehold(t.app, community.staff, community.id, { maxMembers: 3 });
    const members = await reportedMembers(t.app, { communityId: community.id, unitId: hospital(), count: 2 });
    for (const m of members) expectOk(await api(t.app, m, 'POST', `/api/households/${household.id}/pair`));
    expectCode(await patch(community.staff, household.id, { maxMembers: 1 }), 409, 'HOUSEHOLD_MAX_BELOW_ACTIVE');
    const [row] = await t.app.db.select().from(households).where(eq(households.id, Number(household.id)));
    expect(row).toMatchObject({ maxMembers: 3, activePairings: 2 });
    expect(asHousehold(await patch(community.staff, household.id, { maxMembers: 2 })).maxMembers).toBe(2);
    // Full now: a third member is refused, as the cap says.
    const [third] = await reportedMembers(t.app, { communityId: community.id, unitId: hospital(), count: 1 });
    expectCode(await api(t.app, third!, 'POST', `/api/households/${household.id}/pair`), 409, 'HOUSEHOLD_FULL');
  });

  it('a lower community cap leaves the households above it as they are', async () => {
    const community = await fresh();
    expectOk(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 3 }));
    const household = await newHousehold(t.app, community.staff, community.id, { maxMembers: 3 });
    expectOk(await putSettings(community.staff, community.id, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 1 }));
    const [row] = await t.app.db.select().from(households).where(eq(households.id, Number(household.id)));
    expect(row!.maxMembers).toBe(3);
  });

  it('is changed by staff of that community only', async () => {
    const community = await fresh();
    const household = await newHousehold(t.app, community.staff, community.id, { maxMembers: 1 });
    for (const [caller, status, code] of [
      [who.resident, 403, 'FORBIDDEN'],
      [who.member, 403, 'FORBIDDEN'],
      [who.streetAdmin, 403, 'FORBIDDEN'],
      [who.staff, 404, 'NOT_FOUND'],
    ] as const) {
      expectCode(await patch(caller, household.id, { maxMembers: 1 }), status, code);
    }
    expectCode(await patch(community.staff, '987654321', { maxMembers: 1 }), 404, 'NOT_FOUND');
    expectCode(await patch(community.staff, 'abc', { maxMembers: 1 }), 404, 'NOT_FOUND');
    for (const bad of [{}, { maxMembers: 0 }, { maxMembers: 11 }, { maxMembers: '2' }]) {
      expectInvalid(await patch(community.staff, household.id, bad), 'body');
    }
  });
});
