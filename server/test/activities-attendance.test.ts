import { confirmAttendanceResultSchema, pointsForMinutes, type Activity } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { pointsLedger, serviceRecords } from '../src/db/schema';
import {
  Clock,
  HOUR,
  MINUTE,
  PEOPLE,
  asAttendance,
  checkinCode,
  earned,
  messagesAbout,
  publish,
  signUpAll,
  stamp,
  stored,
} from './support/activities';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { callersOf, expectCode, expectOk, pointsOf, reportedMembers, staffWhoIsMember, type Caller } from './support/service';
import { APP_START_TIMEOUT, api } from './support/wishes';

// Attendance becomes service (domain.md, "Activities"): the time between check-in and check-out
// inside the activity's window, in half-hours (a member who never checks out is counted to the end,
// and flagged), confirmed by the organiser in one step as verified records of the activity, each
// paid once through the ledger — whether confirmed twice or twice at once.

const clock = new Clock();
let t: TestApp;
let ids: Record<string, string>;
let longjin: string;
let who: Record<keyof typeof PEOPLE, Caller>;
/** Staff of 龙津社区 who is also a member confirmed there: organises, and attends. */
let organiser: Caller;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: clock.now } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  who = await callersOf(t.app, PEOPLE);
  organiser = await staffWhoIsMember(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']! });
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const startOf = (a: Activity) => new Date(a.startsAt).getTime();
const endOf = (a: Activity) => new Date(a.endsAt).getTime();

/** At `at`, `m` checks in or out with the code the organiser's screen shows then. */
async function stampAt(a: Activity, m: Caller, direction: 'checkin' | 'checkout', at: number) {
  clock.set(at);
  const { code } = await checkinCode(t.app, organiser, a.id);
  expectOk(await stamp(t.app, m, a.id, direction, code));
}

const confirm = (a: Activity, by: Caller = organiser) => api(t.app, by, 'POST', `/api/activities/${a.id}/attendance/confirm`);
const strike = (a: Activity, m: Caller, reason: string, by: Caller = organiser) =>
  api(t.app, by, 'POST', `/api/activities/${a.id}/attendance/strike`, { memberId: String(m.userId), reason });
const attendance = async (a: Activity) => asAttendance(await api(t.app, organiser, 'GET', `/api/activities/${a.id}/attendance`));

describe(`attendance in half-hours, strikes, and confirming it as service (${TEST_DB})`, () => {
  let a: Activity;
  /** early: in 20 min before the start, out 10 min before the end; late: in 10 min after, never out;
   *  short: 35 minutes; brief: 15 minutes; absent: never came; struck: all of it, struck. */
  let m: Record<'early' | 'late' | 'short' | 'brief' | 'absent' | 'struck', Caller>;
  let before: Map<number, Awaited<ReturnType<typeof earned>>>;

  beforeAll(async () => {
    const [early, late, short, brief, absent, struck] = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 6, name: '考勤党员' });
    m = { early: early!, late: late!, short: short!, brief: brief!, absent: absent!, struck: struck! };
    clock.set(Date.now());
    a = await publish(t.app, organiser, longjin, new Date(clock.now().getTime() + 3 * HOUR), { capacity: 10 });
    await signUpAll(t.app, [...Object.values(m), organiser], a.id);
    before = new Map();
    for (const c of [...Object.values(m), organiser]) before.set(c.userId, await earned(t.app, c.userId));
    const S = startOf(a);
    const E = endOf(a);
    await stampAt(a, m.early, 'checkin', S - 20 * MINUTE);
    await stampAt(a, m.struck, 'checkin', S - 10 * MINUTE);
    await stampAt(a, organiser, 'checkin', S);
    await stampAt(a, m.short, 'checkin', S + 5 * MINUTE);
    await stampAt(a, m.brief, 'checkin', S + 5 * MINUTE);
    await stampAt(a, m.late, 'checkin', S + 10 * MINUTE);
    await stampAt(a, m.brief, 'checkout', S + 20 * MINUTE);
    await stampAt(a, m.short, 'checkout', S + 40 * MINUTE);
    await stampAt(a, m.early, 'checkout', E - 10 * MINUTE);
    await stampAt(a, organiser, 'checkout', E);
    await stampAt(a, m.struck, 'checkout', E);
  });

  it('while it runs: minutes inside the window in half-hours, nobody flagged yet; no strike, no confirmation', async () => {
    const list = await attendance(a);
    const byMember = new Map(list.items.map((i) => [i.memberId, i]));
    expect(byMember.get(String(m.late.userId))).toMatchObject({ minutes: 90, noCheckout: false });
    expectCode(await strike(a, m.struck, '代签到，本人未到场'), 409, 'ACTIVITY_NOT_ENDED');
    expectCode(await confirm(a), 409, 'ACTIVITY_NOT_ENDED');
  });

  it('after the end: an early check-in counts from the start, no check-out to the end (flagged), under half an hour nothing', async () => {
    clock.set(endOf(a) + MINUTE);
    const list = await attendance(a);
    const of = (c: Caller) => list.items.find((i) => i.memberId === String(c.userId))!;
    expect(of(m.early)).toMatchObject({ minutes: 90, noCheckout: false, struckReason: null, recordId: null });
    expect(of(m.late)).toMatchObject({ minutes: 90, noCheckout: true, checkedOutAt: null });
    expect(of(m.short)).toMatchObject({ minutes: 30, noCheckout: false });
    expect(of(m.brief)).toMatchObject({ minutes: 0 });
    expect(of(m.absent)).toMatchObject({ minutes: 0, checkedInAt: null, noCheckout: false });
    expect(of(organiser)).toMatchObject({ minutes: 120 });
    expect(list.items.map((i) => i.memberName)).toContain('考勤党员1');
    expect({ attended: list.attended, noShows: list.noShows }).toEqual({ attended: 6, noShows: 1 });
  });

  it('the organiser strikes an attendance with a reason (the member is told); nobody else may; nobody without a place', async () => {
    expectCode(await strike(a, m.struck, '代签到', who.member), 403, 'FORBIDDEN');
    expectCode(await strike(a, m.struck, '代签到', who.streetAdmin), 403, 'FORBIDDEN');
    expectCode(await strike(a, who.resident, '不在名单'), 404, 'NOT_FOUND');
    const list = asAttendance(await strike(a, m.struck, '代签到，本人未到场'));
    expect(list.items.find((i) => i.memberId === String(m.struck.userId))).toMatchObject({ struckReason: '代签到，本人未到场', minutes: 0 });
    expect({ attended: list.attended, noShows: list.noShows }).toEqual({ attended: 5, noShows: 1 });
    expect(await messagesAbout(t.app, m.struck, a.id)).toEqual(['activity.struck']);
  });

  it('confirming writes one verified record of the activity per attendance counted, linked, paid once; each member is told', async () => {
    const result = confirmAttendanceResultSchema.parse(expectOk(await confirm(a)));
    // early 90 + late 90 + short 30, and the organiser's own 120 (written pending: see below).
    expect({ records: result.records, minutes: result.minutes, status: result.activity.status }).toEqual({ records: 4, minutes: 330, status: 'confirmed' });
    const records = await t.app.db.select().from(serviceRecords).where(and(eq(serviceRecords.sourceType, 'activity'), eq(serviceRecords.sourceId, Number(a.id))));
    const S = startOf(a);
    const E = endOf(a);
    const of = (c: Caller) => records.find((r) => r.memberId === c.userId);
    const common = { communityId: Number(longjin), content: `参加活动：${a.title}`, status: 'verified', verifiedBy: organiser.userId };
    expect(of(m.early)).toMatchObject({ ...common, minutes: 90, startedAt: new Date(S), endedAt: new Date(E - 10 * MINUTE) });
    expect(of(m.late)).toMatchObject({ ...common, minutes: 90, startedAt: new Date(S + 10 * MINUTE), endedAt: new Date(E) });
    expect(of(m.short)).toMatchObject({ ...common, minutes: 30, startedAt: new Date(S + 5 * MINUTE), endedAt: new Date(S + 40 * MINUTE) });
    for (const c of [m.brief, m.absent, m.struck]) expect(of(c)).toBeUndefined();
    const list = await attendance(a);
    for (const r of records) expect(list.items.find((i) => i.memberId === String(r.memberId))!.recordId).toBe(String(r.id));
    // The member's own list names the activity the record is of.
    const mine = expectOk(await api(t.app, m.early, 'GET', '/api/records?mine=1')) as { items: { source: { type: string; id: string | null; title: string | null } }[] };
    expect(mine.items.map((r) => r.source)).toContainEqual({ type: 'activity', id: a.id, title: a.title });

    for (const [c, minutes] of [[m.early, 90], [m.late, 90], [m.short, 30], [m.brief, 0], [m.absent, 0], [m.struck, 0]] as const) {
      const was = before.get(c.userId)!;
      expect(await earned(t.app, c.userId)).toEqual({
        points: was.points + pointsForMinutes(minutes),
        verifiedMinutes: was.verifiedMinutes + minutes,
        rolledUpMinutes: was.rolledUpMinutes + minutes,
      });
    }
    expect(await pointsOf(t.app, m.early)).toMatchObject({ balance: before.get(m.early.userId)!.points + 15, verifiedMinutes: before.get(m.early.userId)!.verifiedMinutes + 90 });
    expect(await messagesAbout(t.app, m.early, a.id)).toEqual(['activity.confirmed']);
    expect(await messagesAbout(t.app, m.absent, a.id)).toEqual([]);
    expect((await stored(t.app, a.id)).audit.filter((r) => r.action === 'activity.confirm')).toHaveLength(1);
  });

  it('the confirming organiser’s own attendance waits, pending, for another of the community’s staff to verify (and pay)', async () => {
    const [own] = await t.app.db
      .select()
      .from(serviceRecords)
      .where(and(eq(serviceRecords.sourceId, Number(a.id)), eq(serviceRecords.sourceType, 'activity'), eq(serviceRecords.memberId, organiser.userId)));
    expect(own).toMatchObject({ status: 'pending', minutes: 120, verifiedBy: null });
    expect(await earned(t.app, organiser.userId)).toEqual(before.get(organiser.userId));
    expect(expectOk(await api(t.app, who.staff, 'POST', `/api/records/${own!.id}/verify`))).toMatchObject({ status: 'verified', minutes: 120 });
    expect((await earned(t.app, organiser.userId)).points).toBe(before.get(organiser.userId)!.points + pointsForMinutes(120));
  });

  it('confirming again pays nothing: 409 ACTIVITY_STATE_CONFLICT; no strike after it (409 ATTENDANCE_CONFIRMED)', async () => {
    const ledger = (await t.app.db.select().from(pointsLedger)).length;
    const records = (await t.app.db.select().from(serviceRecords)).length;
    expectCode(await confirm(a), 409, 'ACTIVITY_STATE_CONFLICT');
    expectCode(await confirm(a, who.staff), 409, 'ACTIVITY_STATE_CONFLICT');
    expectCode(await strike(a, m.early, '补充剔除'), 409, 'ATTENDANCE_CONFIRMED');
    expect((await t.app.db.select().from(pointsLedger)).length).toBe(ledger);
    expect((await t.app.db.select().from(serviceRecords)).length).toBe(records);
  });
});

describe(`confirmed twice at once (${TEST_DB})`, () => {
  it('two organisers confirming at the same moment: one 200, one 409; the records and points once', async () => {
    const members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 3, name: '并发党员' });
    clock.set(Date.now() + 30 * 24 * HOUR);
    const a = await publish(t.app, organiser, longjin, new Date(clock.now().getTime() + HOUR), { capacity: 5 });
    await signUpAll(t.app, members, a.id);
    for (const m of members) await stampAt(a, m, 'checkin', startOf(a));
    clock.set(endOf(a) + MINUTE);
    const was = await Promise.all(members.map((m) => earned(t.app, m.userId)));
    const answers = await Promise.all([confirm(a), confirm(a, who.staff)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectCode(answers.find((r) => r.statusCode === 409)!, 409, 'ACTIVITY_STATE_CONFLICT');
    const records = await t.app.db.select().from(serviceRecords).where(and(eq(serviceRecords.sourceType, 'activity'), eq(serviceRecords.sourceId, Number(a.id))));
    expect(records.map((r) => r.memberId).sort()).toEqual(members.map((m) => m.userId).sort());
    for (const [i, m] of members.entries()) {
      expect(await earned(t.app, m.userId)).toEqual({
        points: was[i]!.points + pointsForMinutes(120),
        verifiedMinutes: was[i]!.verifiedMinutes + 120,
        rolledUpMinutes: was[i]!.rolledUpMinutes + 120,
      });
    }
  });

  it('a strike and a confirmation at once: either the strike goes first and no record is written for it, or it is refused', async () => {
    const [m] = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 1, name: '剔除党员' });
    const a = await publish(t.app, organiser, longjin, new Date(clock.now().getTime() + HOUR), { capacity: 5 });
    await signUpAll(t.app, [m!], a.id);
    await stampAt(a, m!, 'checkin', startOf(a));
    clock.set(endOf(a) + MINUTE);
    const [struck, confirmed] = await Promise.all([strike(a, m!, '未实际参加'), confirm(a, who.staff)]);
    expect(confirmed.statusCode).toBe(200);
    const records = await t.app.db.select().from(serviceRecords).where(and(eq(serviceRecords.sourceType, 'activity'), eq(serviceRecords.sourceId, Number(a.id))));
    if (struck.statusCode === 200) expect(records).toEqual([]);
    else {
      expectCode(struck, 409, 'ATTENDANCE_CONFIRMED');
      expect(records.map((r) => r.memberId)).toEqual([m!.userId]);
    }
  });

  it('a whole day’s activity counts at most a record’s 8 hours', async () => {
    const [m] = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 1, name: '全天党员' });
    const a = await publish(t.app, organiser, longjin, new Date(clock.now().getTime() + HOUR), { capacity: 5 }, 12);
    await signUpAll(t.app, [m!], a.id);
    await stampAt(a, m!, 'checkin', startOf(a));
    clock.set(endOf(a) + MINUTE);
    expect((await attendance(a)).items[0]).toMatchObject({ minutes: 480, noCheckout: true });
    expect(confirmAttendanceResultSchema.parse(expectOk(await confirm(a)))).toMatchObject({ records: 1, minutes: 480 });
  });
});
