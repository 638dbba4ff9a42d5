import { DEFAULT_OPINION_DEADLINE_DAYS, OPINION_LEVELS, nextLevel, opinionDeadlinesSchema, orgNodeSchema, type Opinion, type OpinionLevel } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds, freshPhone } from './support/identity';
import { cityAdmin } from './support/orgs';
import { HOLDER_OF, appointGridLeader, asOpinion, castOf, list, raise, type Role } from './support/opinions';
import { APP_START_TIMEOUT, api, callerOf, expectCode, expectOk, type Caller } from './support/wishes';

// Each level has days for its first answer (domain.md, "Opinions": 3 at 建议, 7 at 商议, 15 at 审议,
// 30 at 呼吁 unless the district sets others). An open opinion past its level's deadline is overdue:
// flagged on it and found by `overdue=1`. The tests move the app's clock, never backwards.

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
let clock = new Date();
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let t: TestApp;
let ids: Record<string, string>;
let cast: Record<Role, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  cast = await castOf(t.app, ids['新罗区']!);
  await appointGridLeader(t.app, cast.staff, cast.gridLeader);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const read = async (who: Caller, o: Pick<Opinion, 'id'>) => asOpinion(await api(t.app, who, 'GET', `/api/opinions/${o.id}`));
const escalate = async (o: Opinion) => asOpinion(await api(t.app, cast[HOLDER_OF[o.level]], 'POST', `/api/opinions/${o.id}/escalate`, { reason: '本级无法解决' }));
/** Whether the opinion is among the overdue ones of each list that should hold it. */
async function overdueIn(o: Opinion) {
  const holder = cast[HOLDER_OF[o.level]];
  const has = (items: Opinion[]) => items.some((i) => i.id === o.id);
  return {
    queue: has((await list(t.app, holder, { queue: 1, overdue: 1, level: o.level, limit: 100 })).items),
    mine: has((await list(t.app, cast.reporter, { mine: 1, overdue: 1, limit: 100 })).items),
    oversee: has((await list(t.app, cast.overseer, { orgId: ids['新罗区']!, overdue: 1, limit: 100 })).items),
    board: has((await list(t.app, cast.neighbour, { communityId: longjin, overdue: 1, limit: 100 })).items),
  };
}
const everywhere = (value: boolean) => ({ queue: value, mine: value, oversee: value, board: value });

describe(`each level’s deadline, by the clock (${TEST_DB})`, () => {
  it('is due by the default days of each level as it rises, overdue a minute past them and not before', async () => {
    let opinion = await raise(t.app, cast.reporter, longjin);
    for (let level: OpinionLevel | null = 'branch'; level; level = nextLevel(level)) {
      expect(opinion.level).toBe(level);
      const days = DEFAULT_OPINION_DEADLINE_DAYS[level];
      expect(opinion.dueAt).toBe(new Date(clock.getTime() + days * DAY_MS).toISOString());
      later(days * DAY_MS - MINUTE);
      expect(await read(cast.reporter, opinion)).toMatchObject({ overdue: false });
      expect(await overdueIn(opinion)).toEqual(everywhere(false));
      later(2 * MINUTE);
      expect(await read(cast.reporter, opinion)).toMatchObject({ overdue: true });
      expect(await read(cast[HOLDER_OF[level]], opinion)).toMatchObject({ overdue: true });
      expect(await overdueIn(opinion)).toEqual(everywhere(true));
      if (level !== 'representative') opinion = await escalate(opinion);
      else break;
      // The next level has its own days from the moment it arrived.
      expect(opinion).toMatchObject({ overdue: false });
      expect(await overdueIn(opinion)).toEqual(everywhere(false));
    }
  });

  it('is no longer overdue once resolved or closed, however late', async () => {
    const resolved = await raise(t.app, cast.reporter, longjin);
    const closed = await raise(t.app, cast.reporter, longjin);
    later(10 * DAY_MS);
    expect((await read(cast.staff, resolved)).overdue).toBe(true);
    const answered = asOpinion(await api(t.app, cast.staff, 'POST', `/api/opinions/${resolved.id}/resolve`, { reply: '已处理' }));
    expect(answered).toMatchObject({ overdue: false, dueAt: null });
    expect(asOpinion(await api(t.app, cast.gridLeader, 'POST', `/api/opinions/${closed.id}/close`, { reason: '重复反映' }))).toMatchObject({ overdue: false, dueAt: null });
    expect(await overdueIn(answered)).toEqual({ queue: false, mine: false, oversee: false, board: false });
  });

  it('is due anew from the moment 不满意 reopens it, by the days of the level that resolved it', async () => {
    let opinion = await raise(t.app, cast.reporter, longjin);
    opinion = await escalate(opinion);
    opinion = asOpinion(await api(t.app, cast.staff, 'POST', `/api/opinions/${opinion.id}/resolve`, { reply: '已处理' }));
    later(20 * DAY_MS);
    const reopened = asOpinion(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction: 'unsatisfied' }));
    expect(reopened).toMatchObject({ status: 'open', level: 'community', overdue: false, dueAt: new Date(clock.getTime() + 7 * DAY_MS).toISOString() });
    later(7 * DAY_MS + MINUTE);
    expect(await overdueIn(reopened)).toEqual(everywhere(true));
  });

  it('narrows any list by overdue=1 and status together', async () => {
    const opinion = await raise(t.app, cast.reporter, longjin);
    later(3 * DAY_MS + MINUTE);
    const idsOf = (items: Opinion[]) => items.map((i) => i.id);
    expect(idsOf((await list(t.app, cast.staff, { queue: 1, overdue: 1, status: 'open', limit: 100 })).items)).toContain(opinion.id);
    expect((await list(t.app, cast.staff, { queue: 1, overdue: 1, status: 'resolved' })).items).toEqual([]);
    expect(idsOf((await list(t.app, cast.staff, { communityId: longjin, overdue: 1, limit: 100 })).items)).toContain(opinion.id);
    for (const page of [(await list(t.app, cast.overseer, { orgId: ids['新罗区']!, overdue: 1, limit: 100 })).items]) {
      expect(page.every((o) => o.overdue && o.status === 'open')).toBe(true);
    }
  });
});

describe(`a district’s own deadlines (${TEST_DB})`, () => {
  const path = () => `/api/orgs/${ids['新罗区']}/opinion-deadlines`;

  it('reads the defaults until the district sets its own, for everyone who works its opinions', async () => {
    for (const who of ['districtAdmin', 'overseer', 'staff', 'streetAdmin', 'partyRep', 'gridLeader'] as const) {
      expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, cast[who], 'GET', path())))).toEqual(DEFAULT_OPINION_DEADLINE_DAYS);
    }
    expectCode(await api(t.app, cast.reporter, 'GET', path()), 403, 'FORBIDDEN');
    expectCode(await api(t.app, cast.staff, 'GET', `/api/orgs/${ids['东城街道']}/opinion-deadlines`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, cast.staff, 'GET', '/api/orgs/99999999/opinion-deadlines'), 404, 'NOT_FOUND');
  });

  it('refuses days out of 1-180, not whole, or missing, and anyone but the district’s admins', async () => {
    const good = { branch: 2, community: 4, street: 6, representative: 8 };
    for (const body of [{ ...good, branch: 0 }, { ...good, street: 181 }, { ...good, community: 1.5 }, { ...good, representative: '8' }, { branch: 2, community: 4, street: 6 }, {}]) {
      expectCode(await api(t.app, cast.districtAdmin, 'PUT', path(), body), 400, 'VALIDATION_FAILED');
    }
    for (const who of ['staff', 'streetAdmin', 'partyRep', 'reporter'] as const) {
      expectCode(await api(t.app, cast[who], 'PUT', path(), good), 403, 'FORBIDDEN');
    }
    expectCode(await api(t.app, cast.districtAdmin, 'PUT', `/api/orgs/${longjin}/opinion-deadlines`, good), 404, 'NOT_FOUND');
    expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, cast.staff, 'GET', path())))).toEqual(DEFAULT_OPINION_DEADLINE_DAYS);
  });

  it('sets each level’s days for opinions that reach a level from then on; those already there keep theirs', async () => {
    const before = await raise(t.app, cast.reporter, longjin);
    const days = { branch: 2, community: 4, street: 6, representative: 8 };
    expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, cast.districtAdmin, 'PUT', path(), days)))).toEqual(days);
    expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, cast.partyRep, 'GET', path())))).toEqual(days);
    const [audit] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'opinion.deadlines'), eq(auditLog.entityId, ids['新罗区']!)));
    expect(audit).toMatchObject({ actorId: cast.districtAdmin.userId, details: { before: DEFAULT_OPINION_DEADLINE_DAYS, after: days } });

    expect((await read(cast.staff, before)).dueAt).toBe(before.dueAt);
    let opinion = await raise(t.app, cast.reporter, longjin);
    for (const level of OPINION_LEVELS) {
      expect(opinion).toMatchObject({ level, dueAt: new Date(clock.getTime() + days[level] * DAY_MS).toISOString() });
      later(days[level] * DAY_MS + MINUTE);
      expect(await overdueIn(opinion)).toEqual(everywhere(true));
      if (level !== 'representative') opinion = await escalate(opinion);
    }
  });

  it('is set by an admin above the district too, and applies to no other district', async () => {
    const admin = await cityAdmin(t.app);
    const other = orgNodeSchema.parse(expectOk(await api(t.app, admin, 'POST', '/api/orgs', { parentId: ids['龙岩市'], kind: 'district', name: `民情测试区${process.pid}` }), 201));
    const days = { branch: 5, community: 10, street: 20, representative: 40 };
    expectOk(await api(t.app, admin, 'PUT', `/api/orgs/${other.id}/opinion-deadlines`, days));
    expectCode(await api(t.app, cast.districtAdmin, 'PUT', `/api/orgs/${other.id}/opinion-deadlines`, days), 404, 'NOT_FOUND');
    expectCode(await api(t.app, cast.staff, 'GET', `/api/orgs/${other.id}/opinion-deadlines`), 404, 'NOT_FOUND');
    expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, admin, 'GET', `/api/orgs/${other.id}/opinion-deadlines`)))).toEqual(days);
    expect(opinionDeadlinesSchema.parse(expectOk(await api(t.app, cast.staff, 'GET', path())))).toEqual({ branch: 2, community: 4, street: 6, representative: 8 });
  });

  it('leaves the defaults to a street the city holds directly (a city without districts)', async () => {
    const admin = await cityAdmin(t.app);
    const node = async (parentId: string, kind: string, name: string) => orgNodeSchema.parse(expectOk(await api(t.app, admin, 'POST', '/api/orgs', { parentId, kind, name }), 201));
    const street = await node(ids['龙岩市']!, 'street', `直管街道${process.pid}`);
    const community = await node(street.id, 'community', `直管社区${process.pid}`);
    const phone = freshPhone();
    await t.app.db.insert(users).values({ phone, name: '直管居民', homeCommunityId: Number(community.id) });
    const opinion = await raise(t.app, await callerOf(t.app, phone), community.id);
    expect(opinion.dueAt).toBe(new Date(clock.getTime() + DEFAULT_OPINION_DEADLINE_DAYS.branch * DAY_MS).toISOString());
  });
});
