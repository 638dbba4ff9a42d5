import { ledgerEntrySchema, leaderboardEntrySchema, listEnvelope, pointsForMinutes, POINTS_PER_COMPLETED_WISH, type LeaderboardEntry } from '@huijia/shared';
import { eq, sum } from 'drizzle-orm';
import { z } from 'zod';
import { notifications, pointsLedger } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone } from './support/identity';
import {
  PEOPLE,
  api,
  asRecord,
  asWish,
  callerOf,
  callersOf,
  expectCode,
  expectOk,
  fulfilledWish,
  holdSeat,
  newPost,
  newResident,
  pendingRecord,
  pointsOf,
  reportedMember,
  staffWhoIsMember,
  verify,
  type Caller,
} from './support/service';

// Points (积分): the balance is the ledger's sum; staff adjust within a bound and with a reason; the
// leaderboard ranks verified hours, then completed wishes, never claims.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
}, 240_000);
afterAll(() => t.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const member = () => reportedMember(t.app, { communityId: longjin(), unitId: hospital() });
const ledgerSumOf = async (memberId: number) =>
  Number((await t.app.db.select({ n: sum(pointsLedger.points) }).from(pointsLedger).where(eq(pointsLedger.memberId, memberId)))[0]!.n ?? 0);
const ledgerOf = async (as: Caller, query = '') => listEnvelope(ledgerEntrySchema).parse(expectOk(await api(t.app, as, 'GET', `/api/points/ledger?limit=100${query}`)));
const adjust = (as: Caller, body: Record<string, unknown>) => api(t.app, as, 'POST', '/api/points/adjustments', { communityId: longjin(), reason: '组织邻里节活动', ...body });

describe('the balance is the sum of the ledger, with the verified minutes beside it', () => {
  it('the demo member 赵雪梅 has 3 verified hours at a post, 1.5 at a 主题党日 and a +10 adjustment (her pending 1.5 h counts nothing)', async () => {
    const summary = await pointsOf(t.app, who.otherMember);
    expect(summary).toMatchObject({ verifiedMinutes: 270, verifiedRecords: 2 });
    expect(summary.balance).toBe(await ledgerSumOf(who.otherMember.userId));
    expect(summary.balance).toBe(pointsForMinutes(180) + pointsForMinutes(90) + 10);
  });

  it('the demo member 李志远: two verified 2 h records at posts, 2 h at a 主题党日 and a completed wish', async () => {
    const summary = await pointsOf(t.app, who.member);
    expect(summary).toMatchObject({ verifiedMinutes: 360, verifiedRecords: 3, completedWishes: 1 });
    expect(summary.balance).toBe(await ledgerSumOf(who.member.userId));
  });

  it('a new member has nothing; a verified record and an adjustment add up to the balance', async () => {
    const m = await member();
    expect(await pointsOf(t.app, m)).toEqual({ balance: 0, verifiedMinutes: 0, verifiedRecords: 0, completedWishes: 0 });
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock, minutes: 150 });
    asRecord(await verify(t.app, who.staff, record.id));
    expectOk(await adjust(who.staff, { memberId: String(m.userId), points: -7 }), 201);
    const summary = await pointsOf(t.app, m);
    expect(summary).toEqual({ balance: pointsForMinutes(150) - 7, verifiedMinutes: 150, verifiedRecords: 1, completedWishes: 0 });
    expect(summary.balance).toBe(await ledgerSumOf(m.userId));
  });
});

describe('a member reads their own ledger; staff read their community’s', () => {
  it('a member sees only their own rows, and is refused another member’s (403)', async () => {
    const own = await ledgerOf(who.otherMember);
    expect(own.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(own.items.map((r) => r.memberId))).toEqual(new Set([String(who.otherMember.userId)]));
    expect(own.items.map((r) => r.source).sort()).toEqual(expect.arrayContaining(['adjustment', 'record']));
    expectCode(await api(t.app, who.otherMember, 'GET', `/api/points/ledger?memberId=${who.member.userId}`), 403, 'FORBIDDEN');
  });

  it('staff see the rows of their community, by member too; staff of another community get 404, members 403', async () => {
    const all = await ledgerOf(who.staff, `&communityId=${longjin()}`);
    const members = new Set(all.items.map((r) => r.memberId));
    expect([...members]).toEqual(expect.arrayContaining([String(who.member.userId), String(who.otherMember.userId)]));
    const onlyOne = await ledgerOf(who.staff, `&communityId=${longjin()}&memberId=${who.member.userId}`);
    expect(new Set(onlyOne.items.map((r) => r.memberId))).toEqual(new Set([String(who.member.userId)]));
    // 孙浩然's rows belong to 中山社区, not here
    expect([...members]).not.toContain(String(who.memberElsewhere.userId));

    expectCode(await api(t.app, who.otherStaff, 'GET', `/api/points/ledger?communityId=${longjin()}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'GET', `/api/points/ledger?communityId=${longjin()}`), 403, 'FORBIDDEN');
  });
});

describe('staff adjust a member’s points within ±100, never 0, with a reason', () => {
  it('±100 is taken and ±101 refused with 400 on body.points', async () => {
    const m = await member();
    const over = await adjust(who.staff, { memberId: String(m.userId), points: 101 });
    expectCode(over, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(over.json())).toContain('body.points');
    expectCode(await adjust(who.staff, { memberId: String(m.userId), points: -101 }), 400, 'VALIDATION_FAILED');
    const up = ledgerEntrySchema.parse(expectOk(await adjust(who.staff, { memberId: String(m.userId), points: 100 }), 201));
    expect(up).toMatchObject({ memberId: String(m.userId), source: 'adjustment', sourceId: null, points: 100, reason: '组织邻里节活动' });
    expectOk(await adjust(who.staff, { memberId: String(m.userId), points: -100 }), 201);
    expect((await pointsOf(t.app, m)).balance).toBe(0);
    expect(await t.app.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, m.userId))).toHaveLength(2);
  });

  it('0 points is refused with 400', async () => {
    const m = await member();
    const res = await adjust(who.staff, { memberId: String(m.userId), points: 0 });
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.json())).toContain('body.points');
  });

  it('a missing or blank reason is refused with 400 on body.reason', async () => {
    const m = await member();
    const missing = await api(t.app, who.staff, 'POST', '/api/points/adjustments', { communityId: longjin(), memberId: String(m.userId), points: 5 });
    expectCode(missing, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(missing.json())).toContain('body.reason');
    expectCode(await adjust(who.staff, { memberId: String(m.userId), points: 5, reason: '   ' }), 400, 'VALIDATION_FAILED');
    expect((await pointsOf(t.app, m)).balance).toBe(0);
  });

  it('the member is told of the adjustment and its reason', async () => {
    const m = await member();
    expectOk(await adjust(who.staff, { memberId: String(m.userId), points: 15, reason: '表彰优秀志愿者' }), 201);
    const told = await t.app.db.select().from(notifications).where(eq(notifications.userId, m.userId));
    expect(told.find((n) => n.kind === 'points.adjusted')?.body).toContain('表彰优秀志愿者');
  });
});

describe('adjustments reach only members reported in the staff’s community, never the staff themselves', () => {
  it('a member not reported in the community answers 404', async () => {
    expectCode(await adjust(who.staff, { memberId: String(who.memberElsewhere.userId), points: 5 }), 404, 'NOT_FOUND');
    expectCode(await adjust(who.staff, { memberId: String(who.resident.userId), points: 5 }), 404, 'NOT_FOUND');
  });

  it('staff adjusting themselves answer 403', async () => {
    expectCode(await adjust(who.staff, { memberId: String(who.staff.userId), points: 5 }), 403, 'FORBIDDEN');
    expect(await t.app.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, who.staff.userId))).toHaveLength(0);
  });

  it('staff who are also members reported in the community cannot adjust their own points (403)', async () => {
    const both = await staffWhoIsMember(t.app, { communityId: longjin(), unitId: hospital() });
    expectCode(await adjust(both, { memberId: String(both.userId), points: 50 }), 403, 'FORBIDDEN');
    expect((await pointsOf(t.app, both)).balance).toBe(0);
    expectOk(await adjust(who.staff, { memberId: String(both.userId), points: 5 }), 201);
  });

  it('residents and members answer 403; staff of another community 404', async () => {
    const m = await member();
    expectCode(await adjust(who.resident, { memberId: String(m.userId), points: 5 }), 403, 'FORBIDDEN');
    expectCode(await adjust(who.member, { memberId: String(m.userId), points: 5 }), 403, 'FORBIDDEN');
    expectCode(await adjust(who.otherStaff, { memberId: String(m.userId), points: 5 }), 404, 'NOT_FOUND');
    expect((await pointsOf(t.app, m)).balance).toBe(0);
  });
});

describe('the leaderboard ranks verified minutes, then completed wishes, never claims', () => {
  const board = async (communityId: string): Promise<LeaderboardEntry[]> =>
    z.object({ items: z.array(leaderboardEntrySchema) }).parse(expectOk(await api(t.app, who.resident, 'GET', `/api/communities/${communityId}/leaderboard`))).items;

  /** A community of its own under 东城街道, with its staff, so that the board holds only this test's members. */
  async function freshCommunity(): Promise<{ id: string; staff: Caller }> {
    const admin = await callerOf(t.app, '13900000001');
    const node = expectOk(await api(t.app, admin, 'POST', '/api/orgs', { parentId: ids['东城街道']!, kind: 'community', name: `排行社区${freshPhone()}` }), 201) as { id: string };
    const phone = freshPhone();
    expectOk(await api(t.app, admin, 'POST', '/api/staff', { phone, name: '排行社工', role: 'community_staff', orgId: node.id, initialPassword: 'staff-password-1' }), 201);
    return { id: node.id, staff: await callerOf(t.app, phone) };
  }

  it('a member with many claims and nothing verified ranks below one with verified hours', async () => {
    const c = await freshCommunity();
    const [claimer, worker] = [await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '只认领' }), await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '有核实' })];
    // the claimer holds three posts and claims two wishes, and has nothing verified
    for (let i = 0; i < 3; i++) await holdSeat(t.app, claimer, (await newPost(t.app, c.staff, c.id)).id);
    const resident = await newResident(t.app, c.id);
    for (let i = 0; i < 2; i++) {
      const wish = asWish(await api(t.app, resident, 'POST', '/api/wishes', { communityId: c.id, title: '帮忙换灯泡', description: '厨房灯泡坏了，够不着。', category: 'repair', contactPhone: '15800002222', address: '1 栋 101 室' }), 201);
      asWish(await api(t.app, c.staff, 'POST', `/api/wishes/${wish.id}/approve`));
      asWish(await api(t.app, claimer, 'POST', `/api/wishes/${wish.id}/claim`));
    }
    const { record: pendingOfClaimer } = await pendingRecord(t.app, { staff: c.staff, member: claimer, communityId: c.id, now: clock, minutes: 480 });
    expect(pendingOfClaimer.status).toBe('pending');
    const { record } = await pendingRecord(t.app, { staff: c.staff, member: worker, communityId: c.id, now: clock, minutes: 60 });
    asRecord(await verify(t.app, c.staff, record.id));

    const items = await board(c.id);
    const rankOf = (m: Caller) => items.find((e) => e.memberId === String(m.userId))?.rank ?? Infinity;
    expect(items.find((e) => e.memberId === String(worker.userId))).toMatchObject({ rank: 1, memberName: '有核实1', verifiedMinutes: 60, completedWishes: 0 });
    expect(rankOf(claimer)).toBeGreaterThan(rankOf(worker));
    expect(items.find((e) => e.memberId === String(claimer.userId))?.verifiedMinutes ?? 0).toBe(0);
  });

  it('more verified minutes rank first; equal minutes are ordered by completed wishes', async () => {
    const c = await freshCommunity();
    const most = await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '三小时' });
    const withWish = await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '两小时加心愿' });
    const plain = await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '两小时' });
    const wishOnly = await reportedMember(t.app, { communityId: c.id, unitId: hospital(), name: '只有心愿' });
    for (const [m, minutes] of [[most, 180], [withWish, 120], [plain, 120]] as const) {
      const { record } = await pendingRecord(t.app, { staff: c.staff, member: m, communityId: c.id, now: clock, minutes });
      asRecord(await verify(t.app, c.staff, record.id));
    }
    for (const claimant of [withWish, wishOnly, wishOnly]) {
      const resident = await newResident(t.app, c.id);
      const wish = await fulfilledWish(t.app, { resident, staff: c.staff, claimant }, c.id);
      asWish(await api(t.app, resident, 'POST', `/api/wishes/${wish.id}/confirm`, { rating: 5 }));
    }

    const items = await board(c.id);
    expect(items.map((e) => [e.rank, e.memberId, e.verifiedMinutes, e.completedWishes])).toEqual([
      [1, String(most.userId), 180, 0],
      [2, String(withWish.userId), 120, 1],
      [3, String(plain.userId), 120, 0],
      [4, String(wishOnly.userId), 0, 2],
    ]);
    expect((await pointsOf(t.app, wishOnly)).balance).toBe(2 * POINTS_PER_COMPLETED_WISH);
  });

  it('the demo board of 龙津社区 is ordered by minutes, then wishes', async () => {
    const items = await board(longjin());
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      expect(a.verifiedMinutes > b.verifiedMinutes || (a.verifiedMinutes === b.verifiedMinutes && a.completedWishes >= b.completedWishes)).toBe(true);
      expect(b.rank).toBe(a.rank + 1);
    }
  });
});
