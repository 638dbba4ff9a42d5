import { errorBodySchema, pointsForMinutes, POINTS_PER_COMPLETED_WISH, recordSchema } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { pointsLedger } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import {
  PEOPLE,
  api,
  asRecord,
  asWish,
  callerOf,
  expectCode,
  fulfilledWish,
  listen,
  newResident,
  pendingRecord,
  pointsOf,
  raceOver,
  reportedMember,
  session,
  staffWhoIsMember,
  verify,
  type Caller,
} from './support/service';

// Points (积分) are paid once per source: a verified record or a completed wish is one ledger row,
// whatever the retries, double clicks and concurrent requests (domain.md).

// Races over real connections take longer than most tests on a busy machine.
jest.setTimeout(180_000);

let t: TestApp;
let base: string;
let staff: Caller;
let secondStaff: Caller;
let longjin: string;
let hospital: string;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  hospital = ids['龙岩市第一医院']!;
  staff = await callerOf(t.app, PEOPLE.staff);
  secondStaff = await staffWhoIsMember(t.app, { communityId: longjin, unitId: hospital });
  base = await listen(t.app);
}, 240_000);
afterAll(() => t.close(), 60_000);

const member = () => reportedMember(t.app, { communityId: longjin, unitId: hospital });
const ledgerRowsOf = (source: 'record' | 'wish', sourceId: string) =>
  t.app.db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.source, source), eq(pointsLedger.sourceId, Number(sourceId))));
const codeOf = (json: unknown) => errorBodySchema.parse(json).error.code;

describe(`verifying a record pays its points once, however often it is verified (${TEST_DB})`, () => {
  it('a second verify, one after the other, answers 409 RECORD_STATE_CONFLICT and pays nothing more', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff, member: m, communityId: longjin, now: clock, minutes: 150 });
    const before = await pointsOf(t.app, m);

    asRecord(await verify(t.app, staff, record.id));
    expectCode(await verify(t.app, staff, record.id), 409, 'RECORD_STATE_CONFLICT');
    expectCode(await verify(t.app, secondStaff, record.id), 409, 'RECORD_STATE_CONFLICT');

    const rows = await ledgerRowsOf('record', record.id);
    expect(rows.map((r) => [r.memberId, r.points])).toEqual([[m.userId, pointsForMinutes(150)]]);
    expect((await pointsOf(t.app, m)).balance - before.balance).toBe(pointsForMinutes(150));
  });

  it('concurrent verifies (Promise.all) answer one 200 and the rest 409; one ledger row', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff, member: m, communityId: longjin, now: clock, minutes: 240 });

    const answers = await Promise.all([staff, secondStaff, staff, secondStaff, staff, secondStaff].map((s) => verify(t.app, s, record.id)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode !== 200)) expectCode(a, 409, 'RECORD_STATE_CONFLICT');

    expect(await ledgerRowsOf('record', record.id)).toHaveLength(1);
    expect(await pointsOf(t.app, m)).toMatchObject({ balance: pointsForMinutes(240), verifiedMinutes: 240, verifiedRecords: 1 });
  });

  it.each([1, 2, 3])('round %i: 20 verifies over real connections to a listening server pay once', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff, member: m, communityId: longjin, now: clock, minutes: 90 });

    const verifiers = Array.from({ length: 20 }, (_, i) => (i % 2 ? staff : secondStaff));
    const answers = await raceOver(base, verifiers, (s) => ({ method: 'POST', path: `/api/records/${record.id}/verify`, token: s.token }));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect(recordSchema.parse(ok[0]!.json).status).toBe('verified');
    expect(new Set(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${codeOf(a.json)}`))).toEqual(new Set(['409 RECORD_STATE_CONFLICT']));

    const rows = await ledgerRowsOf('record', record.id);
    expect(rows.map((r) => r.points)).toEqual([pointsForMinutes(90)]);
    expect((await pointsOf(t.app, m)).balance).toBe(pointsForMinutes(90));
  });

  it('a verify racing a reject settles on one of them; the points follow the outcome', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff, member: m, communityId: longjin, now: clock, minutes: 120 });
    const [v, r] = await Promise.all([verify(t.app, staff, record.id), api(t.app, secondStaff, 'POST', `/api/records/${record.id}/reject`, { reason: '无法核实' })]);
    expect([v.statusCode, r.statusCode].sort()).toEqual([200, 409]);
    const final = asRecord(await api(t.app, staff, 'GET', `/api/records/${record.id}`));
    expect(await ledgerRowsOf('record', record.id)).toHaveLength(final.status === 'verified' ? 1 : 0);
    expect((await pointsOf(t.app, m)).balance).toBe(final.status === 'verified' ? pointsForMinutes(120) : 0);
  });
});

describe(`the points paid for a record match the minutes it was verified with (${TEST_DB})`, () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('round %i: an edit racing the verification never leaves a verified record paid for other minutes', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff, member: m, communityId: longjin, now: clock, minutes: 60 });
    const edit = api(t.app, m, 'PUT', `/api/records/${record.id}`, { ...session(clock, 480), content: '修改后的服务内容描述。' });
    await Promise.all([verify(t.app, staff, record.id), edit]);

    const final = asRecord(await api(t.app, staff, 'GET', `/api/records/${record.id}`));
    const paid = (await ledgerRowsOf('record', record.id)).map((r) => r.points);
    expect({ status: final.status, paid }).toEqual(
      final.status === 'verified' ? { status: 'verified', paid: [pointsForMinutes(final.minutes)] } : { status: 'pending', paid: [] },
    );
    const summary = await pointsOf(t.app, m);
    expect(summary.balance).toBe(final.status === 'verified' ? pointsForMinutes(summary.verifiedMinutes) : 0);
  });
});

describe(`a completed wish pays its claimant ${POINTS_PER_COMPLETED_WISH} points once (${TEST_DB})`, () => {
  it('the resident’s confirmation with rating 5 pays once; a retried confirm answers 409 and pays nothing', async () => {
    const claimant = await member();
    const resident = await newResident(t.app, longjin);
    const wish = await fulfilledWish(t.app, { resident, staff, claimant }, longjin);
    const before = await pointsOf(t.app, claimant);

    expect(asWish(await api(t.app, resident, 'POST', `/api/wishes/${wish.id}/confirm`, { rating: 5, comment: '谢谢' })).status).toBe('completed');
    expectCode(await api(t.app, resident, 'POST', `/api/wishes/${wish.id}/confirm`, { rating: 5, comment: '谢谢' }), 409, 'WISH_STATE_CONFLICT');

    const rows = await ledgerRowsOf('wish', wish.id);
    expect(rows.map((r) => [r.memberId, r.points])).toEqual([[claimant.userId, POINTS_PER_COMPLETED_WISH]]);
    const after = await pointsOf(t.app, claimant);
    expect(after.balance - before.balance).toBe(POINTS_PER_COMPLETED_WISH);
    expect(after.completedWishes - before.completedWishes).toBe(1);
  });

  it('concurrent confirmations over real connections complete the wish once and pay once', async () => {
    const claimant = await member();
    const resident = await newResident(t.app, longjin);
    const wish = await fulfilledWish(t.app, { resident, staff, claimant }, longjin);

    const answers = await raceOver(base, Array.from({ length: 10 }, () => resident), (r) => ({ method: 'POST', path: `/api/wishes/${wish.id}/confirm`, token: r.token, body: { rating: 5 } }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);

    expect(await ledgerRowsOf('wish', wish.id)).toHaveLength(1);
    expect((await pointsOf(t.app, claimant)).balance).toBe(POINTS_PER_COMPLETED_WISH);
  });

  it('a wish rated 2 goes to disputed and pays nothing', async () => {
    const claimant = await member();
    const resident = await newResident(t.app, longjin);
    const wish = await fulfilledWish(t.app, { resident, staff, claimant }, longjin);
    expect(asWish(await api(t.app, resident, 'POST', `/api/wishes/${wish.id}/confirm`, { rating: 2, comment: '还在漏水' })).status).toBe('disputed');
    expect(await ledgerRowsOf('wish', wish.id)).toHaveLength(0);
    expect((await pointsOf(t.app, claimant)).balance).toBe(0);
  });
});
