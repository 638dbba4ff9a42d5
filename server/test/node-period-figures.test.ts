import { PERIOD_EXPORT_LISTS } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { PEOPLE, api, callersOf, expectCode, type Caller } from './support/service';
import { APP_START_TIMEOUT } from './support/wishes';

/**
 * The figures and the ledger of a topic over months (民情, 活动: `GET /api/stats/<topic>` and
 * `GET /api/exports/<topic>.xlsx`) are asked the same way and refused the same way: by the one
 * node-and-period check (server/src/modules/stats/period.ts). Each topic's own counts are tested
 * in its figures test.
 */
let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'districtAdmin' | 'streetAdminEast' | 'unitAdmin' | 'partyRep', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, {
    ...PEOPLE,
    districtAdmin: '13900000001',
    streetAdminEast: '13900000002',
    unitAdmin: '13900000021',
    partyRep: '13900000004',
  });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const q = (orgId: string) => `orgId=${orgId}&from=2026-01&to=2026-03`;

describe.each(PERIOD_EXPORT_LISTS)('the %s figures and ledger', (topic) => {
  const statsAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/stats/${topic}?${query}`);
  const exportAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/exports/${topic}.xlsx?${query}`);

  describe('who may read them, and where', () => {
    it.each([
      ['a resident', 'resident'],
      ['a member', 'member'],
      ['a party representative', 'partyRep'],
    ] as const)('%s: 403 FORBIDDEN, figures and ledger', async (_who, caller) => {
      expectCode(await statsAs(who[caller], q(ids['龙津社区']!)), 403, 'FORBIDDEN');
      expectCode(await exportAs(who[caller], q(ids['龙津社区']!)), 403, 'FORBIDDEN');
    });

    it.each([
      ['staff, the sibling community', 'staff', '中山社区'],
      ['staff, the street above', 'staff', '东城街道'],
      ['a street admin, the other street', 'streetAdminEast', '西城街道'],
      ['a unit admin, a community its unit is paired with', 'unitAdmin', '龙津社区'],
    ] as const)('out of reach (%s): 404 NOT_FOUND, figures and ledger', async (_case, caller, node) => {
      expectCode(await statsAs(who[caller], q(ids[node]!)), 404, 'NOT_FOUND');
      const res = await exportAs(who[caller], q(ids[node]!));
      expectCode(res, 404, 'NOT_FOUND');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('a node that does not exist: 404 NOT_FOUND', async () => {
      expectCode(await statsAs(who.districtAdmin, q('999999999')), 404, 'NOT_FOUND');
      expectCode(await exportAs(who.districtAdmin, q('999999999')), 404, 'NOT_FOUND');
    });

    it('staff read their own community; a compound has no figures of its own (400 BAD_REQUEST, as the overview)', async () => {
      expect((await statsAs(who.staff, q(ids['龙津社区']!))).statusCode).toBe(200);
      expectCode(await statsAs(who.districtAdmin, q(ids['龙津社区/阳光花园']!)), 400, 'BAD_REQUEST');
    });

    it('without a token: 401', async () => {
      expectCode(await t.app.inject({ method: 'GET', url: `/api/stats/${topic}?${q(ids['新罗区']!)}` }), 401, 'UNAUTHENTICATED');
      expectCode(await t.app.inject({ method: 'GET', url: `/api/exports/${topic}.xlsx?${q(ids['新罗区']!)}` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('what is asked must make sense: 400 VALIDATION_FAILED with a Chinese message', () => {
    it.each([
      ['from after to', () => `orgId=${ids['新罗区']}&from=2026-05&to=2026-01`, 'querystring.from'],
      ['a month that is not one', () => `orgId=${ids['新罗区']}&from=2026-13`, 'querystring.from'],
      ['a date for a month', () => `orgId=${ids['新罗区']}&to=2026-01-15`, 'querystring.to'],
      ['no orgId', () => 'from=2026-01&to=2026-03', 'querystring.orgId'],
      ['a unit instead of a node', () => `unitId=${ids['龙岩市第一医院']}`, 'querystring.orgId'],
      ['an orgId that is no id', () => 'orgId=a.b', 'querystring.orgId'],
      ['more than 24 months', () => `orgId=${ids['新罗区']}&from=2024-01&to=2026-03`, 'querystring.to'],
      ['the year 0000, which the pattern lets through', () => `orgId=${ids['新罗区']}&from=0000-01&to=0000-12`, 'querystring.from'],
      ['a month before 2000', () => `orgId=${ids['新罗区']}&from=1999-12&to=2000-03`, 'querystring.from'],
    ])('%s', async (_case, query, path) => {
      for (const res of [await statsAs(who.districtAdmin, query()), await exportAs(who.districtAdmin, query())]) {
        const error = expectCode(res, 400, 'VALIDATION_FAILED');
        expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(/\p{Script=Han}/u) })]));
      }
    });
  });
});
