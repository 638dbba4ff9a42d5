import { BATCH_MAX, batchOutcomeSchema, type BatchOutcome } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { PEOPLE, api, asRecord, callersOf, pendingRecord, pointsOf, staffWhoIsMember, verify, type Caller } from './support/service';
import { WHO, asWish, wishIn } from './support/wishes';

// Batch actions on staff queues: the same step on several items at once (批量核实, 批量通过), each
// taken on its own, as if tapped alone, so that one refused never stops the rest.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;
let wishCast: Record<keyof typeof WHO, Caller>;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
  wishCast = await callersOf(t.app, WHO);
});
afterAll(() => t.close());

const longjin = () => ids['龙津社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const outcomeOf = (res: { statusCode: number; json: () => unknown }): BatchOutcome => {
  expect(res.statusCode).toBe(200);
  return batchOutcomeSchema.parse(res.json());
};
const sorted = (list: string[]) => [...list].sort();

describe('批量核实: staff verify several pending records at once', () => {
  it('verifies and pays each it may, and reports the ones it may not: the caller’s own, one already verified, another community’s', async () => {
    const a = await pendingRecord(t.app, { staff: who.staff, member: who.member, communityId: longjin(), now: clock, minutes: 60 });
    const b = await pendingRecord(t.app, { staff: who.staff, member: who.otherMember, communityId: longjin(), now: clock, minutes: 120 });
    const done = await pendingRecord(t.app, { staff: who.staff, member: who.member, communityId: longjin(), now: clock });
    asRecord(await verify(t.app, who.staff, done.record.id));
    const elsewhere = await pendingRecord(t.app, { staff: who.otherStaff, member: who.memberElsewhere, communityId: ids['中山社区']!, now: clock });
    const before = { member: (await pointsOf(t.app, who.member)).balance, other: (await pointsOf(t.app, who.otherMember)).balance };

    const outcome = outcomeOf(await api(t.app, who.staff, 'POST', '/api/records/verify', { ids: [a.record.id, done.record.id, b.record.id, elsewhere.record.id] }));

    expect(sorted(outcome.done)).toEqual(sorted([a.record.id, b.record.id]));
    expect(outcome.refused.map((r) => [r.id, r.code])).toEqual([
      [done.record.id, 'RECORD_STATE_CONFLICT'],
      [elsewhere.record.id, 'NOT_FOUND'],
    ]);
    expect(outcome.refused.every((r) => /\p{Script=Han}/u.test(r.message))).toBe(true);
    expect((await pointsOf(t.app, who.member)).balance).toBeGreaterThan(before.member);
    expect((await pointsOf(t.app, who.otherMember)).balance).toBeGreaterThan(before.other);
    expect(asRecord(await api(t.app, who.otherStaff, 'GET', `/api/records/${elsewhere.record.id}`)).status).toBe('pending');

    // Sent again, nothing is paid twice.
    const again = outcomeOf(await api(t.app, who.staff, 'POST', '/api/records/verify', { ids: [a.record.id] }));
    expect(again).toEqual({ done: [], refused: [expect.objectContaining({ id: a.record.id, code: 'RECORD_STATE_CONFLICT' })] });
  });

  it('never lets staff verify their own record in a batch either', async () => {
    const both = await staffWhoIsMember(t.app, { communityId: longjin(), unitId: hospital() });
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: both, communityId: longjin(), now: clock });
    const outcome = outcomeOf(await api(t.app, both, 'POST', '/api/records/verify', { ids: [record.id] }));
    expect(outcome.refused).toEqual([expect.objectContaining({ id: record.id, code: 'SELF_VERIFICATION' })]);
    expect((await pointsOf(t.app, both)).balance).toBe(0);
  });

  it.each([
    ['no ids', { ids: [] }],
    ['too many', { ids: Array.from({ length: BATCH_MAX + 1 }, (_, i) => String(i + 1)) }],
    ['the same id twice', { ids: ['1', '1'] }],
    ['no body', undefined],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_what, body) => {
    const res = await api(t.app, who.staff, 'POST', '/api/records/verify', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^(VALIDATION_FAILED|MALFORMED_JSON)$/);
  });
});

describe('批量通过: staff approve several wishes under review at once', () => {
  it('publishes each it may, and reports one already reviewed and one it cannot see', async () => {
    const cast = { resident: wishCast.resident, staff: wishCast.staff, claimant: wishCast.claimant };
    const [first, second] = [await wishIn(t.app, cast, longjin(), 'pending_review'), await wishIn(t.app, cast, longjin(), 'pending_review')];
    const published = await wishIn(t.app, cast, longjin(), 'published');

    const outcome = outcomeOf(await api(t.app, who.staff, 'POST', '/api/wishes/approve', { ids: [first.id, published.id, second.id] }));

    expect(sorted(outcome.done)).toEqual(sorted([first.id, second.id]));
    expect(outcome.refused.map((r) => [r.id, r.code])).toEqual([[published.id, 'WISH_STATE_CONFLICT']]);
    for (const wish of [first, second]) expect(asWish(await api(t.app, wishCast.resident, 'GET', `/api/wishes/${wish.id}`)).status).toBe('published');

    // Staff of another community see none of them to approve.
    const third = await wishIn(t.app, cast, longjin(), 'pending_review');
    const foreign = outcomeOf(await api(t.app, who.otherStaff, 'POST', '/api/wishes/approve', { ids: [third.id] }));
    expect(foreign.refused).toEqual([expect.objectContaining({ id: third.id, code: 'NOT_FOUND' })]);
    expect(asWish(await api(t.app, wishCast.staff, 'GET', `/api/wishes/${third.id}`)).status).toBe('pending_review');
  });
});
