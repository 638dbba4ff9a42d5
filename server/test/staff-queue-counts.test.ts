import { countedPageSchema, staffQueueCountsSchema, type StaffQueueCounts } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { PEOPLE, api, callersOf, expectCode, expectOk, pendingRecord, verify, type Caller } from './support/service';
import { APP_START_TIMEOUT, submitWish, wishIn } from './support/wishes';

// 工作台's counts (GET /api/communities/:id/queues): each is exactly what its queue lists — the
// wishes to review and the disputes, the reports to confirm, the records to verify — in one
// request, for the community's staff alone.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'streetAdmin' | 'districtAdmin', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, { ...PEOPLE, streetAdmin: '13900000002', districtAdmin: '13900000001' });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const countsOf = async (caller: Caller, communityId: string): Promise<StaffQueueCounts> =>
  staffQueueCountsSchema.parse(expectOk(await api(t.app, caller, 'GET', `/api/communities/${communityId}/queues`)));

/** How many items a queue lists to `staff`, read page by page. */
async function listed(staff: Caller, path: string, query: Record<string, string>): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
    const page = countedPageSchema.parse(expectOk(await api(t.app, staff, 'GET', `${path}?${params}`)));
    total += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

/** What the four queues of a community (龙津社区 unless said) list for its staff. */
const queuesListed = async (staff = who.staff, communityId = longjin()): Promise<StaffQueueCounts> => ({
  review: await listed(staff, '/api/wishes', { communityId, status: 'pending_review' }),
  disputes: await listed(staff, '/api/wishes', { communityId, status: 'disputed' }),
  reports: await listed(staff, `/api/communities/${communityId}/reports`, { status: 'pending_offline' }),
  records: await listed(staff, '/api/records', { communityId, status: 'pending' }),
});

describe('GET /api/communities/:id/queues', () => {
  it('counts what each queue lists, and follows the queues as items come and go', async () => {
    const start = await countsOf(who.staff, longjin());
    expect(start).toEqual(await queuesListed());
    expect(start.review + start.reports + start.records).toBeGreaterThan(0);

    const cast = { resident: who.resident, staff: who.staff, claimant: who.member };
    const pending = await submitWish(t.app, who.resident, { communityId: longjin() });
    await wishIn(t.app, cast, longjin(), 'disputed');
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: who.member, communityId: longjin(), now: new Date() });
    const grown = await countsOf(who.staff, longjin());
    expect(grown).toEqual({ ...start, review: start.review + 1, disputes: start.disputes + 1, records: start.records + 1 });
    expect(grown).toEqual(await queuesListed());

    expectOk(await api(t.app, who.staff, 'POST', `/api/wishes/${pending.id}/approve`));
    expectOk(await verify(t.app, who.staff, record.id));
    expect(await countsOf(who.staff, longjin())).toEqual({ ...grown, review: grown.review - 1, records: grown.records - 1 });
  });

  it('counts another community apart: 中山社区’s staff see what their own queues list', async () => {
    expect(await countsOf(who.otherStaff, ids['中山社区']!)).toEqual(await queuesListed(who.otherStaff, ids['中山社区']!));
  });

  it.each([
    ['a resident', 'resident', 403, 'FORBIDDEN'],
    ['a member', 'member', 403, 'FORBIDDEN'],
    ['the street admin above', 'streetAdmin', 403, 'FORBIDDEN'],
    ['the district admin', 'districtAdmin', 403, 'FORBIDDEN'],
    ['staff of another community', 'otherStaff', 404, 'NOT_FOUND'],
  ] as const)('refuses %s', async (_what, caller, status, code) => {
    expectCode(await api(t.app, who[caller], 'GET', `/api/communities/${longjin()}/queues`), status, code);
  });

  it('answers 404 for a node that is no community, or none at all, and 401 without a token', async () => {
    expectCode(await api(t.app, who.staff, 'GET', `/api/communities/${ids['东城街道']}/queues`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.staff, 'GET', '/api/communities/99999999/queues'), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.staff, 'GET', '/api/communities/abc/queues'), 404, 'NOT_FOUND');
    expectCode(await t.app.inject({ method: 'GET', url: `/api/communities/${longjin()}/queues` }), 401, 'UNAUTHENTICATED');
  });
});
