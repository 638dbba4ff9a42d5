import { errorBodySchema, signupResultSchema, type SignupResult } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { notifications } from '../src/db/schema';
import { DAY, PEOPLE, activityBody, asActivity, publish, stored } from './support/activities';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { callerOf, listen, raceOver, reportedMembers, type Caller } from './support/service';
import { APP_START_TIMEOUT, api } from './support/wishes';

// Capacity is a hard limit under any concurrency, and the waiting list keeps the order in which the
// database served the sign-ups (domain.md, "Activities"): sign-ups, cancellations and edits of one
// activity take turns on its row lock, so a sign-up's id is its place in that order. Members race
// over real HTTP connections to a listening server.

const MEMBERS = 500;
const PLACES = 20;

// 500 sign-ups over real connections take a while on a busy machine (PGlite serves them one by one).
jest.setTimeout(300_000);

let t: TestApp;
let base: string;
let staff: Caller;
let members: Caller[];
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  staff = await callerOf(t.app, PEOPLE.staff);
  // Written straight into the tables, in one insert each: accounts, roster rows, confirmed reports.
  members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: MEMBERS + 40, name: '报名党员' });
  base = await listen(t.app);
}, APP_START_TIMEOUT);
afterAll(() => t.close(), 60_000);

const inDays = (days: number) => new Date(Date.now() + days * DAY);
const codeOf = (a: { status: number; json: unknown }) => `${a.status} ${errorBodySchema.safeParse(a.json).data?.error.code ?? ''}`.trim();
const signupRequest = (id: string) => (m: Caller) => ({ method: 'POST', path: `/api/activities/${id}/signup`, token: m.token });
const cancelRequest = (id: string) => (m: Caller) => ({ method: 'POST', path: `/api/activities/${id}/cancel`, token: m.token });

/**
 * What must hold of an activity's sign-ups whatever happened: the count is the places taken and
 * within capacity, nobody holds two live sign-ups, a waiting list only when full. Answers the live
 * sign-ups in arrival order (id).
 */
async function invariants(id: string) {
  const { row, signups } = await stored(t.app, id);
  const live = signups.filter((s) => s.status !== 'cancelled');
  const placed = live.filter((s) => s.status === 'signed_up');
  const waiting = live.filter((s) => s.status === 'waitlisted');
  expect(row.signedUp).toBe(placed.length);
  expect(row.signedUp).toBeLessThanOrEqual(row.capacity);
  expect(new Set(live.map((s) => s.memberId)).size).toBe(live.length);
  if (waiting.length > 0) expect(row.signedUp).toBe(row.capacity);
  return { row, placed, waiting };
}

/** Each member's place in the waiting list, as the API shows it to them. */
async function positions(id: string, who: readonly Caller[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  for (const m of who) {
    const res = await api(t.app, m, 'GET', `/api/activities/${id}`);
    out.set(m.userId, asActivity(res).mySignup?.position ?? null);
  }
  return out;
}

describe(`${MEMBERS} members signing up for ${PLACES} places at once (${TEST_DB})`, () => {
  let activityId: string;
  let answers: { caller: Caller; result: SignupResult }[];

  beforeAll(async () => {
    activityId = (await publish(t.app, staff, longjin, inDays(3), { capacity: PLACES })).id;
    const raced = await raceOver(base, members.slice(0, MEMBERS), signupRequest(activityId));
    expect(raced.map(codeOf).filter((c) => c !== '200')).toEqual([]);
    answers = raced.map((a) => ({ caller: a.caller, result: signupResultSchema.parse(a.json) }));
  });

  it(`exactly ${PLACES} take a place, the other ${MEMBERS - PLACES} wait, and the count says ${PLACES}`, async () => {
    expect(answers.filter((a) => !a.result.waitlisted)).toHaveLength(PLACES);
    expect(answers.filter((a) => a.result.waitlisted)).toHaveLength(MEMBERS - PLACES);
    const { row, placed, waiting } = await invariants(activityId);
    expect({ signedUp: row.signedUp, placed: placed.length, waiting: waiting.length }).toEqual({ signedUp: PLACES, placed: PLACES, waiting: MEMBERS - PLACES });
    expect(placed.map((s) => s.memberId).sort()).toEqual(answers.filter((a) => !a.result.waitlisted).map((a) => a.caller.userId).sort());
  });

  it('the places went to the first served, and the waiting positions 1..480 follow the order of arrival', async () => {
    const { placed, waiting } = await invariants(activityId);
    // The database served them in id order: every place was taken before anyone waited.
    expect(Math.max(...placed.map((s) => s.id))).toBeLessThan(Math.min(...waiting.map((s) => s.id)));
    const rank = new Map(waiting.map((s, i) => [s.memberId, i + 1]));
    const answered = answers.filter((a) => a.result.waitlisted).map((a) => [a.caller.userId, a.result.position] as const);
    for (const [memberId, position] of answered) expect(position).toBe(rank.get(memberId));
    expect(answered.map(([, p]) => p).sort((a, b) => a! - b!)).toEqual(Array.from({ length: MEMBERS - PLACES }, (_, i) => i + 1));
  });

  it('concurrent cancellations: the waiting list moves up exactly as many places as were given up, in order, never past capacity', async () => {
    const before = await invariants(activityId);
    const leavingPlaced = before.placed.slice(0, 10).map((s) => s.memberId);
    // Some who wait leave too, among the first in line: those behind them move up instead.
    const leavingWaiting = [0, 2, 3, 40, before.waiting.length - 1].map((i) => before.waiting[i]!.memberId);
    const leaving = members.filter((m) => leavingPlaced.includes(m.userId) || leavingWaiting.includes(m.userId));
    const raced = await raceOver(base, leaving, cancelRequest(activityId));
    expect(raced.map(codeOf)).toEqual(leaving.map(() => '200'));

    const after = await invariants(activityId);
    const stillWaiting = before.waiting.filter((s) => !leavingWaiting.includes(s.memberId));
    const movedUp = stillWaiting.slice(0, 10).map((s) => s.memberId);
    expect(after.row.signedUp).toBe(PLACES);
    expect(after.placed.map((s) => s.memberId).sort()).toEqual([...before.placed.slice(10).map((s) => s.memberId), ...movedUp].sort());
    expect(after.waiting.map((s) => s.memberId)).toEqual(stillWaiting.slice(10).map((s) => s.memberId));
    for (const s of after.placed.filter((p) => movedUp.includes(p.memberId))) expect(s.placedAt).not.toBeNull();
    // Each one moved up is told once. Others are told only if they too were moved up before their
    // own cancellation was served (first in line, a place freed just before), then gave it up.
    const told = (
      await t.app.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.kind, 'activity.promoted'), eq(notifications.entityId, activityId)))
    ).map((n) => n.userId);
    expect(new Set(told).size).toBe(told.length);
    expect(told).toEqual(expect.arrayContaining(movedUp));
    for (const userId of told.filter((id) => !movedUp.includes(id))) expect(leavingWaiting).toContain(userId);
    // Positions as the API shows them: 1, 2, 3… in arrival order.
    const sample = members.filter((m) => after.waiting.slice(0, 5).some((s) => s.memberId === m.userId));
    const shown = await positions(activityId, sample);
    expect(after.waiting.slice(0, 5).map((s) => shown.get(s.memberId))).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancellations and new sign-ups at once: every place filled, each member once, the newcomers at the end of the line', async () => {
    const before = await invariants(activityId);
    const leaving = members.filter((m) => before.placed.slice(0, 15).some((s) => s.memberId === m.userId));
    const newcomers = members.slice(MEMBERS, MEMBERS + 25);
    const raced = await raceOver(base, [...leaving.map((m) => ({ m, verb: 'cancel' })), ...newcomers.map((m) => ({ m, verb: 'signup' }))], ({ m, verb }) => ({
      method: 'POST',
      path: `/api/activities/${activityId}/${verb}`,
      token: m.token,
    }));
    expect(raced.map(codeOf).filter((c) => c !== '200')).toEqual([]);
    const after = await invariants(activityId);
    expect(after.row.signedUp).toBe(PLACES);
    const waitedBefore = before.waiting.map((s) => s.memberId);
    // The first 15 who waited took the places given up; the newcomers joined behind everyone.
    expect(after.placed.map((s) => s.memberId).sort()).toEqual([...before.placed.slice(15).map((s) => s.memberId), ...waitedBefore.slice(0, 15)].sort());
    expect(after.waiting.slice(0, waitedBefore.length - 15).map((s) => s.memberId)).toEqual(waitedBefore.slice(15));
    expect(after.waiting.slice(waitedBefore.length - 15).map((s) => s.memberId).sort()).toEqual(newcomers.map((m) => m.userId).sort());
  });
});

describe(`the hard limit beside other changes (${TEST_DB})`, () => {
  it('one member signing up five times at once holds one sign-up; the others answer 409 ALREADY_SIGNED_UP', async () => {
    const a = await publish(t.app, staff, longjin, inDays(3), { capacity: 3 });
    const member = members[MEMBERS + 30]!;
    const raced = await raceOver(base, Array.from({ length: 5 }, () => member), signupRequest(a.id));
    expect(raced.map(codeOf).sort()).toEqual(['200', ...Array.from({ length: 4 }, () => '409 ALREADY_SIGNED_UP')]);
    const { row, placed } = await invariants(a.id);
    expect({ signedUp: row.signedUp, placed: placed.map((s) => s.memberId) }).toEqual({ signedUp: 1, placed: [member.userId] });
  });

  it('capacity raised while members race: the new places go to those waiting, in order, and never one too many', async () => {
    const a = await publish(t.app, staff, longjin, inDays(3), { capacity: 5 });
    const racers = members.slice(0, 40);
    const edit = { method: 'PUT', path: `/api/activities/${a.id}`, token: staff.token, body: activityBody(longjin, inDays(3), { capacity: 12, title: a.title }) };
    const raced = await raceOver(base, [...racers.map((m) => ({ m })), { m: null }], ({ m }) => (m ? signupRequest(a.id)(m) : edit));
    expect(raced.map(codeOf).filter((c) => c !== '200')).toEqual([]);
    const { row, placed, waiting } = await invariants(a.id);
    expect({ capacity: row.capacity, signedUp: row.signedUp, waiting: waiting.length }).toEqual({ capacity: 12, signedUp: 12, waiting: 28 });
    // Whoever waited when the places were added moved up first, in order: the places are still the first twelve to arrive.
    expect(Math.max(...placed.map((s) => s.id))).toBeLessThan(Math.min(...waiting.map((s) => s.id)));
  });
});
