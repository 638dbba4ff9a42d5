import { CHECKIN_OPENS_BEFORE_MINUTES, checkinQrText, type Activity } from '@huijia/shared';
import { acceptsCode } from '../src/modules/activities/checkin-codes';
import {
  Clock,
  HOUR,
  MINUTE,
  PEOPLE,
  WINDOW_MS,
  asActivity,
  checkinCode,
  publish,
  signUpAll,
  stamp,
  stored,
} from './support/activities';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { callersOf, expectCode, reportedMembers, type Caller } from './support/service';
import { APP_START_TIMEOUT, api } from './support/wishes';

// Check-in and check-out (domain.md, "Activities"): the organiser's screen shows a code that changes
// every 30 seconds; a member types or scans it, from 30 minutes before the start until the end, once
// each. A code is good for its window and the one before, never after. The tests move the app's
// clock from window to window.

const clock = new Clock();
let t: TestApp;
let longjin: string;
let hospital: string;
let who: Record<keyof typeof PEOPLE, Caller>;
/** Members with a place in the activity (the first eight), one waiting (the ninth), one not signed up. */
let members: Caller[];
let waiting: Caller;
let stranger: Caller;
let activity: Activity;
/** Another activity in its check-in window at the same time. */
let other: Activity;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: clock.now } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  hospital = ids['龙岩市第一医院']!;
  who = await callersOf(t.app, PEOPLE);
  const people = await reportedMembers(t.app, { communityId: longjin, unitId: hospital, count: 12, name: '签到党员' });
  members = people.slice(0, 8);
  waiting = people[8]!;
  stranger = people[9]!;
  const startsAt = new Date(clock.now().getTime() + 2 * HOUR);
  activity = await publish(t.app, who.staff, longjin, startsAt, { capacity: 8 });
  other = await publish(t.app, who.staff, longjin, startsAt, { capacity: 2 });
  await signUpAll(t.app, [...members, waiting], activity.id);
  await signUpAll(t.app, people.slice(10, 12), other.id);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const startOf = (a: Activity) => new Date(a.startsAt).getTime();
const endOf = (a: Activity) => new Date(a.endsAt).getTime();
const codeFor = async (a: Activity = activity) => (await checkinCode(t.app, who.staff, a.id)).code;
const checkIn = (m: Caller, code: string, a: Activity = activity) => stamp(t.app, m, a.id, 'checkin', code);
const checkOut = (m: Caller, code: string, a: Activity = activity) => stamp(t.app, m, a.id, 'checkout', code);
const signupOf = async (m: Caller) => (await stored(t.app, activity.id)).signups.find((s) => s.memberId === m.userId)!;

describe(`outside the check-in window (${TEST_DB})`, () => {
  it('before 30 minutes ahead of the start: no code for the organiser, no check-in (409 CHECKIN_OUTSIDE_WINDOW)', async () => {
    clock.set(startOf(activity) - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE - 1000);
    expectCode(await api(t.app, who.staff, 'GET', `/api/activities/${activity.id}/checkin-code`), 409, 'CHECKIN_OUTSIDE_WINDOW');
    expectCode(await checkIn(members[0]!, 'ABCDEF'), 409, 'CHECKIN_OUTSIDE_WINDOW');
    expect((await signupOf(members[0]!)).checkedInAt).toBeNull();
  });
});

describe(`the code of each window (${TEST_DB})`, () => {
  beforeAll(() => {
    clock.set(startOf(activity) - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE);
    clock.toNextWindow();
  });

  it('only an organiser reads the code: with its QR text, the end of its window and the live counts', async () => {
    const shown = await checkinCode(t.app, who.staff, activity.id);
    expect(shown.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(shown.qr).toBe(checkinQrText(activity.id, shown.code));
    const expiresAt = Date.parse(shown.expiresAt);
    expect(expiresAt % WINDOW_MS).toBe(0);
    expect(expiresAt - clock.now().getTime()).toBeGreaterThan(0);
    expect(expiresAt - clock.now().getTime()).toBeLessThanOrEqual(WINDOW_MS);
    expect(shown).toMatchObject({ signedUp: 8, checkedIn: 0, checkedOut: 0 });
    // The same code all through its window; another in the next.
    clock.advance(WINDOW_MS - 2000);
    expect(await codeFor()).toBe(shown.code);
    clock.advance(2000);
    expect(await codeFor()).not.toBe(shown.code);
    for (const caller of [members[0]!, who.member, who.resident, who.otherStaff, who.streetAdmin]) {
      expectCode(await api(t.app, caller, 'GET', `/api/activities/${activity.id}/checkin-code`), 403, 'FORBIDDEN');
    }
  });

  it('the code of the current window checks in', async () => {
    clock.toNextWindow();
    const checked = asActivity(await checkIn(members[0]!, await codeFor()));
    expect(checked.mySignup).toMatchObject({ status: 'signed_up', checkedInAt: clock.now().toISOString(), checkedOutAt: null });
    expect(await checkinCode(t.app, who.staff, activity.id)).toMatchObject({ checkedIn: 1, checkedOut: 0 });
  });

  it('the code of the window before still checks in (scanned just before it changed)', async () => {
    clock.toNextWindow();
    const code = await codeFor();
    clock.advance(WINDOW_MS);
    asActivity(await checkIn(members[1]!, code));
  });

  it('a code two windows old is refused (409 CHECKIN_CODE_INVALID), as is one replayed later still', async () => {
    clock.toNextWindow();
    const code = await codeFor();
    clock.advance(2 * WINDOW_MS);
    expectCode(await checkIn(members[2]!, code), 409, 'CHECKIN_CODE_INVALID');
    clock.advance(10 * WINDOW_MS);
    expectCode(await checkIn(members[2]!, code), 409, 'CHECKIN_CODE_INVALID');
    expect((await signupOf(members[2]!)).checkedInAt).toBeNull();
  });

  it('the code of the next window is refused: never after', async () => {
    clock.toNextWindow();
    const { row } = await stored(t.app, activity.id);
    const now = clock.now();
    clock.advance(WINDOW_MS);
    const next = await codeFor();
    // The code the server will show next is good then (and the window after), never now.
    expect(acceptsCode(row.secret, next, clock.now())).toBe(true);
    expect(acceptsCode(row.secret, next, now)).toBe(false);
    // Back in the window before it (the tests' clock may go back; the server's never does).
    clock.set(now);
    expectCode(await checkIn(members[2]!, next), 409, 'CHECKIN_CODE_INVALID');
    expect((await signupOf(members[2]!)).checkedInAt).toBeNull();
  });

  it('typed with spaces and in lower case, or scanned as the QR text: accepted', async () => {
    clock.toNextWindow();
    const code = await codeFor();
    asActivity(await checkIn(members[2]!, ` ${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()} `));
    asActivity(await checkIn(members[3]!, checkinQrText(activity.id, code)));
  });

  it('the QR code of another activity: 409 CHECKIN_WRONG_ACTIVITY; unreadable text or a wrong code: 409 CHECKIN_CODE_INVALID', async () => {
    clock.toNextWindow();
    const theirs = await codeFor(other);
    expectCode(await checkIn(members[4]!, checkinQrText(other.id, theirs)), 409, 'CHECKIN_WRONG_ACTIVITY');
    // Its code typed: simply not this activity's code.
    expectCode(await checkIn(members[4]!, theirs), 409, 'CHECKIN_CODE_INVALID');
    for (const text of ['hello', '12345', 'ABCDEFG', 'ABCDE0', 'huijia:checkin:abc:ABCDEF', checkinQrText(activity.id, 'ZZZZZZ'), '签到码']) {
      expectCode(await checkIn(members[4]!, text), 409, 'CHECKIN_CODE_INVALID');
    }
    expectCode(await api(t.app, members[4]!, 'POST', `/api/activities/${activity.id}/checkin`, { code: '' }), 400, 'VALIDATION_FAILED');
    expect((await signupOf(members[4]!)).checkedInAt).toBeNull();
  });

  it('checking in twice: 409 ALREADY_CHECKED_IN, the first time kept', async () => {
    const first = (await signupOf(members[0]!)).checkedInAt;
    clock.toNextWindow();
    expectCode(await checkIn(members[0]!, await codeFor()), 409, 'ALREADY_CHECKED_IN');
    expect((await signupOf(members[0]!)).checkedInAt).toEqual(first);
  });

  it('without a place: one waiting, one not signed up, the organiser: 403 NOT_SIGNED_UP', async () => {
    const code = await codeFor();
    for (const caller of [waiting, stranger, who.staff, who.resident]) {
      expectCode(await checkIn(caller, code), 403, 'NOT_SIGNED_UP');
      expectCode(await checkOut(caller, code), 403, 'NOT_SIGNED_UP');
    }
  });

  it('checking out before checking in: 409 NOT_CHECKED_IN; then in, out, and out again: 409 ALREADY_CHECKED_OUT', async () => {
    expectCode(await checkOut(members[5]!, await codeFor()), 409, 'NOT_CHECKED_IN');
    asActivity(await checkIn(members[5]!, await codeFor()));
    clock.advance(HOUR);
    clock.toNextWindow();
    const out = asActivity(await checkOut(members[5]!, await codeFor()));
    expect(out.mySignup).toMatchObject({ checkedOutAt: clock.now().toISOString() });
    expectCode(await checkOut(members[5]!, await codeFor()), 409, 'ALREADY_CHECKED_OUT');
    expect(await checkinCode(t.app, who.staff, activity.id)).toMatchObject({ signedUp: 8, checkedIn: 5, checkedOut: 1 });
  });

  it('every stamp is on the activity’s trail', async () => {
    const { audit } = await stored(t.app, activity.id);
    expect(audit.filter((r) => r.action === 'activity.checkin').map((r) => r.actorId).sort()).toEqual([0, 1, 2, 3, 5].map((i) => members[i]!.userId).sort());
    expect(audit.filter((r) => r.action === 'activity.checkout').map((r) => r.actorId)).toEqual([members[5]!.userId]);
  });
});

describe(`guessing codes (${TEST_DB})`, () => {
  it('an account trying codes over and over is stopped: 429 RATE_LIMITED', async () => {
    const guesser = members[6]!;
    const answers: number[] = [];
    for (let i = 0; i < 25; i++) answers.push((await checkIn(guesser, `ABCD${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i]}Z`)).statusCode);
    expect(answers.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 409));
    expect(answers.slice(20)).toEqual(Array.from({ length: 5 }, () => 429));
    // Even the right code waits for the limit to pass.
    expectCode(await checkIn(guesser, await codeFor()), 429, 'RATE_LIMITED');
    expect((await signupOf(guesser)).checkedInAt).toBeNull();
  });
});

describe(`after the end (${TEST_DB})`, () => {
  it('no code, no check-in, no check-out: 409 CHECKIN_OUTSIDE_WINDOW', async () => {
    clock.set(endOf(activity) + 1000);
    expectCode(await api(t.app, who.staff, 'GET', `/api/activities/${activity.id}/checkin-code`), 409, 'CHECKIN_OUTSIDE_WINDOW');
    expectCode(await checkIn(members[7]!, 'ABCDEF'), 409, 'CHECKIN_OUTSIDE_WINDOW');
    expectCode(await checkOut(members[0]!, 'ABCDEF'), 409, 'CHECKIN_OUTSIDE_WINDOW');
    expect((await signupOf(members[0]!)).checkedOutAt).toBeNull();
  });
});

describe(`an edit of the time after check-in opened (${TEST_DB})`, () => {
  it('voids check-ins made before the new time’s window; those inside it stand', async () => {
    const [early, ontime] = await reportedMembers(t.app, { communityId: longjin, unitId: hospital, count: 2, name: '改期党员' });
    const a = await publish(t.app, who.staff, longjin, new Date(clock.now().getTime() + 2 * HOUR), { capacity: 5 });
    await signUpAll(t.app, [early!, ontime!], a.id);
    clock.set(startOf(a) - 20 * MINUTE);
    asActivity(await checkIn(early!, await codeFor(a), a));
    // Ten minutes later, the start moves 15 minutes on: the early check-in falls outside its window.
    clock.advance(10 * MINUTE);
    asActivity(await checkIn(ontime!, await codeFor(a), a));
    const { kind, title, description, location, capacity } = a;
    const moved = { kind, title, description, location, capacity, startsAt: new Date(startOf(a) + 15 * MINUTE).toISOString(), endsAt: new Date(endOf(a) + 15 * MINUTE).toISOString() };
    asActivity(await api(t.app, who.staff, 'PUT', `/api/activities/${a.id}`, moved));
    const { signups } = await stored(t.app, a.id);
    expect(signups.find((s) => s.memberId === early!.userId)!.checkedInAt).toBeNull();
    expect(signups.find((s) => s.memberId === ontime!.userId)!.checkedInAt).not.toBeNull();
    asActivity(await checkIn(early!, await codeFor(a), a));
  });
});
