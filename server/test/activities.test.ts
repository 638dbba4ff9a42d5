import { auditEntrySchema, listEnvelope } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { activities, roleGrants, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds, freshPhone } from './support/identity';
import {
  Clock,
  DAY,
  HOUR,
  PEOPLE,
  activityBody,
  appointTeamLeader,
  asActivity,
  asAttendance,
  list,
  messagesAbout,
  publish,
  read,
  signUp,
  signUpAll,
  stored,
} from './support/activities';
import { expectCode, expectOk, reportedMembers } from './support/service';
import { APP_START_TIMEOUT, api, callerOf, callersOf, newCommunity, type Caller } from './support/wishes';

// Activities are published by a community's staff, a volunteer team's leader or the admin of a
// paired unit (domain.md, "Activities"); they are public in their community; the organiser edits
// and calls them off before they happen, and everyone signed up or waiting is told.

const clock = new Clock();
let t: TestApp;
let ids: Record<string, string>;
let longjin: string;
let who: Record<keyof typeof PEOPLE, Caller>;
let teamId: string;
let districtAdmin: Caller;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: clock.now } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  who = await callersOf(t.app, PEOPLE);
  teamId = await appointTeamLeader(t.app, who.staff, who.teamLeader);
  districtAdmin = await callerOf(t.app, '13900000001');
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY);
const post = (caller: Caller, body: Record<string, unknown>, headers: Record<string, string> = {}) => api(t.app, caller, 'POST', '/api/activities', body, headers);
const countActivities = async () => (await t.app.db.select({ id: activities.id }).from(activities)).length;

describe(`publishing, as each kind of organiser (${TEST_DB})`, () => {
  it('the community’s staff publish for the community: 201, published, before its check-in, with an audit row', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2), { capacity: 30 });
    expect(a).toMatchObject({
      communityId: longjin,
      communityName: '龙津社区',
      status: 'published',
      phase: 'before',
      capacity: 30,
      signedUp: 0,
      waitlisted: 0,
      audience: 'community',
      organiser: { kind: 'community', name: '龙津社区', publisherName: '张丽华' },
      mySignup: null,
      viewerActors: ['organiser'],
    });
    const { row, audit } = await stored(t.app, a.id);
    expect(row.secret.length).toBe(32);
    expect(audit.map((r) => [r.action, r.actorId, r.toState])).toEqual([['activity.publish', who.staff.userId, 'published']]);
  });

  it('a volunteer team’s leader publishes for the team, in the team’s name', async () => {
    const a = await publish(t.app, who.teamLeader, longjin, inDays(2), { organiser: { kind: 'team', teamId } });
    expect(a.organiser).toEqual({ kind: 'team', name: '龙津红色志愿服务队', publisherName: '李志远' });
    expect(a.viewerActors).toEqual(expect.arrayContaining(['organiser', 'eligible']));
  });

  it('the admin of a unit paired with the community publishes for the unit, and may open it to the unit’s members', async () => {
    const a = await publish(t.app, who.unitAdmin, longjin, inDays(2), { organiser: { kind: 'unit', unitId: ids['龙岩市第一医院'] }, audience: 'community_and_unit' });
    expect(a).toMatchObject({ audience: 'community_and_unit', organiser: { kind: 'unit', name: '龙岩市第一医院', publisherName: '郑明辉' }, viewerActors: ['organiser'] });
  });

  it('its trail reads in the audit viewer, to the community’s staff and those above, labelled', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    await signUpAll(t.app, [who.member], a.id);
    const trail = listEnvelope(auditEntrySchema).parse(expectOk(await api(t.app, who.streetAdmin, 'GET', `/api/audit?objectType=activity&objectId=${a.id}`)));
    expect(trail.items.map((e) => [e.label, e.details])).toEqual([
      ['报名活动', { memberId: who.member.userId }],
      ['发布活动', expect.objectContaining({ kind: 'group_service', capacity: 10, organiserKind: 'community' })],
    ]);
    expectCode(await api(t.app, who.otherStaff, 'GET', `/api/audit?objectType=activity&objectId=${a.id}`), 404, 'NOT_FOUND');
  });

  it('the same Idempotency-Key publishes once: 201, then 200 with the same activity', async () => {
    const before = await countActivities();
    const body = activityBody(longjin, inDays(3));
    const first = asActivity(await post(who.staff, body, { 'idempotency-key': 'activity-once' }), 201);
    const again = asActivity(await post(who.staff, body, { 'idempotency-key': 'activity-once' }), 200);
    expect(again.id).toBe(first.id);
    expect(await countActivities()).toBe(before + 1);
  });
});

describe(`who may not publish, and what may not be published: stable codes, nothing written (${TEST_DB})`, () => {
  let before: number;
  beforeEach(async () => {
    before = await countActivities();
  });
  afterEach(async () => {
    expect(await countActivities()).toBe(before);
  });

  it('the leader of another community’s team: 403 ACTIVITY_ORGANISER_INVALID', async () => {
    expectCode(await post(who.teamLeader, activityBody(ids['中山社区']!, inDays(2), { organiser: { kind: 'team', teamId } })), 403, 'ACTIVITY_ORGANISER_INVALID');
  });

  it('a member of the community who leads no team, naming the team: 403', async () => {
    expectCode(await post(who.member, activityBody(longjin, inDays(2), { organiser: { kind: 'team', teamId } })), 403, 'ACTIVITY_ORGANISER_INVALID');
  });

  it('the admin of a unit not paired with the community, or naming another unit: 403', async () => {
    expectCode(await post(who.unpairedUnitAdmin, activityBody(longjin, inDays(2), { organiser: { kind: 'unit', unitId: ids['新罗区实验小学'] } })), 403, 'ACTIVITY_ORGANISER_INVALID');
    expectCode(await post(who.unitAdmin, activityBody(longjin, inDays(2), { organiser: { kind: 'unit', unitId: ids['新罗区实验小学'] } })), 403, 'ACTIVITY_ORGANISER_INVALID');
  });

  it('a resident, a member and another community’s staff, as the community: 403', async () => {
    for (const caller of [who.resident, who.member, who.otherStaff, who.unitAdmin]) {
      expectCode(await post(caller, activityBody(longjin, inDays(2))), 403, 'ACTIVITY_ORGANISER_INVALID');
    }
  });

  it('a community that does not exist: 404', async () => {
    expectCode(await post(who.staff, activityBody('987654321', inDays(2))), 404, 'NOT_FOUND');
  });

  it('capacity 0 or 100,000, an end before the start, longer than a day’s service: 400 VALIDATION_FAILED', async () => {
    for (const [overrides, path] of [
      [{ capacity: 0 }, 'body.capacity'],
      [{ capacity: 100_000 }, 'body.capacity'],
      [{ capacity: 2.5 }, 'body.capacity'],
      [{ endsAt: inDays(1).toISOString() }, 'body.endsAt'],
      [{ endsAt: new Date(inDays(2).getTime() + 13 * HOUR).toISOString() }, 'body.endsAt'],
      [{ audience: 'community_and_unit' }, 'body.audience'],
    ] as const) {
      const error = expectCode(await post(who.staff, activityBody(longjin, inDays(2), overrides)), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain(path);
    }
  });

  it('a start in the past, or now: 400 ACTIVITY_IN_PAST', async () => {
    expectCode(await post(who.staff, activityBody(longjin, new Date(clock.now().getTime() - HOUR))), 400, 'ACTIVITY_IN_PAST');
    expectCode(await post(who.staff, activityBody(longjin, clock.now())), 400, 'ACTIVITY_IN_PAST');
  });
});

describe(`editing and calling off, and who is told (${TEST_DB})`, () => {
  let members: Caller[];
  beforeAll(async () => {
    members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 6, name: '活动党员' });
  });

  it('an edit before the start tells everyone signed up or waiting; added places go to the waiting list in order', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2), { capacity: 2 });
    const results = await signUpAll(t.app, members.slice(0, 5), a.id);
    expect(results.map((r) => [r.waitlisted, r.position])).toEqual([[false, null], [false, null], [true, 1], [true, 2], [true, 3]]);
    const edited = asActivity(
      await api(t.app, who.staff, 'PUT', `/api/activities/${a.id}`, { ...activityBody(longjin, inDays(3), { capacity: 4, title: '义诊进社区（改期）' }) }),
    );
    expect(edited).toMatchObject({ title: '义诊进社区（改期）', capacity: 4, signedUp: 4, waitlisted: 1 });
    const { signups } = await stored(t.app, a.id);
    expect(signups.map((s) => s.status)).toEqual(['signed_up', 'signed_up', 'signed_up', 'signed_up', 'waitlisted']);
    expect(await read(t.app, members[4]!, a.id)).toMatchObject({ mySignup: { status: 'waitlisted', position: 1 } });
    for (const m of members.slice(0, 5)) expect(await messagesAbout(t.app, m, a.id)).toContain('activity.changed');
    expect(await messagesAbout(t.app, members[2]!, a.id)).toEqual(['activity.promoted', 'activity.changed']);
    expect(await messagesAbout(t.app, members[4]!, a.id)).toEqual(['activity.changed']);
    expect(await messagesAbout(t.app, who.staff, a.id)).toEqual([]);
  });

  it('capacity below the places taken: 409 ACTIVITY_CAPACITY_BELOW_SIGNUPS, nothing changed', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2), { capacity: 3 });
    await signUpAll(t.app, members.slice(0, 3), a.id);
    expectCode(await api(t.app, who.staff, 'PUT', `/api/activities/${a.id}`, activityBody(longjin, inDays(2), { capacity: 2 })), 409, 'ACTIVITY_CAPACITY_BELOW_SIGNUPS');
    expect((await stored(t.app, a.id)).row).toMatchObject({ capacity: 3, signedUp: 3, title: a.title });
  });

  it('only an organiser edits or calls off: a member, another community’s staff, the street admin get 403', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    for (const caller of [who.member, who.otherStaff, who.streetAdmin, who.unitAdmin]) {
      expectCode(await api(t.app, caller, 'PUT', `/api/activities/${a.id}`, activityBody(longjin, inDays(2))), 403, 'FORBIDDEN');
      expectCode(await api(t.app, caller, 'POST', `/api/activities/${a.id}/call-off`, { reason: '天气原因' }), 403, 'FORBIDDEN');
    }
  });

  it('calling off tells everyone signed up or waiting; then nobody signs up, and a second call-off is 409', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2), { capacity: 1 });
    await signUpAll(t.app, members.slice(0, 2), a.id);
    const off = asActivity(await api(t.app, who.staff, 'POST', `/api/activities/${a.id}/call-off`, { reason: '台风预警，活动取消' }));
    expect(off).toMatchObject({ status: 'called_off', cancelReason: '台风预警，活动取消' });
    for (const m of members.slice(0, 2)) expect(await messagesAbout(t.app, m, a.id)).toEqual(['activity.called_off']);
    // Whoever had signed up still sees it, and may not sign up again; anyone else no longer sees it.
    expectCode(await api(t.app, members[1]!, 'POST', `/api/activities/${a.id}/cancel`), 409, 'ACTIVITY_STATE_CONFLICT');
    expectCode(await signUp(t.app, members[3]!, a.id), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.staff, 'POST', `/api/activities/${a.id}/call-off`, { reason: '再次取消' }), 409, 'ACTIVITY_STATE_CONFLICT');
    expectCode(await api(t.app, who.staff, 'PUT', `/api/activities/${a.id}`, activityBody(longjin, inDays(2))), 409, 'ACTIVITY_STATE_CONFLICT');
    expect((await stored(t.app, a.id)).audit.map((r) => r.action)).toEqual(['activity.publish', 'activity.signup', 'activity.waitlist', 'activity.call_off']);
    expect((await stored(t.app, a.id)).signups.map((s) => s.status)).toEqual(['signed_up', 'waitlisted']);
  });

  it('after the start: no edit (409 ACTIVITY_STARTED), a call-off until the end, none after it', async () => {
    const soon = await publish(t.app, who.staff, longjin, new Date(clock.now().getTime() + HOUR));
    const other = await publish(t.app, who.staff, longjin, new Date(clock.now().getTime() + HOUR));
    await signUpAll(t.app, members.slice(0, 1), soon.id);
    clock.advance(HOUR + 1);
    expectCode(await api(t.app, who.staff, 'PUT', `/api/activities/${soon.id}`, activityBody(longjin, inDays(1))), 409, 'ACTIVITY_STARTED');
    expectCode(await signUp(t.app, members[1]!, soon.id), 409, 'ACTIVITY_CLOSED');
    expectCode(await api(t.app, members[0]!, 'POST', `/api/activities/${soon.id}/cancel`), 409, 'ACTIVITY_CLOSED');
    expect(asActivity(await api(t.app, who.staff, 'POST', `/api/activities/${soon.id}/call-off`, { reason: '场地临时停电' }))).toMatchObject({ status: 'called_off', phase: 'checkin' });
    expect(await messagesAbout(t.app, members[0]!, soon.id)).toEqual(['activity.called_off']);
    clock.advance(2 * HOUR);
    expectCode(await api(t.app, who.staff, 'POST', `/api/activities/${other.id}/call-off`, { reason: '补记取消' }), 409, 'ACTIVITY_STATE_CONFLICT');
    expect((await stored(t.app, other.id)).row.status).toBe('published');
  });
});

describe(`sign-up: who may, and cancelling (${TEST_DB})`, () => {
  it('members reported in the community may; residents, members reported elsewhere may not (403 NOT_ELIGIBLE_FOR_ACTIVITY)', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    for (const caller of [who.resident, who.hospitalMemberElsewhere, who.schoolMember, who.streetAdmin]) {
      expectCode(await signUp(t.app, caller, a.id), 403, 'NOT_ELIGIBLE_FOR_ACTIVITY');
    }
    expect((await read(t.app, who.resident, a.id)).viewerActors).toEqual([]);
    expect(await signUpAll(t.app, [who.member], a.id)).toMatchObject([{ waitlisted: false, position: null, activity: { signedUp: 1, mySignup: { status: 'signed_up' } } }]);
    expectCode(await signUp(t.app, who.member, a.id), 409, 'ALREADY_SIGNED_UP');
    expect((await stored(t.app, a.id)).row.signedUp).toBe(1);
  });

  it('a unit’s activity open to its own members takes members of its roster reported elsewhere, not another unit’s', async () => {
    const unitId = ids['龙岩市第一医院']!;
    const open = await publish(t.app, who.unitAdmin, longjin, inDays(2), { organiser: { kind: 'unit', unitId }, audience: 'community_and_unit' });
    const closed = await publish(t.app, who.unitAdmin, longjin, inDays(2), { organiser: { kind: 'unit', unitId } });
    expect((await signUpAll(t.app, [who.hospitalMemberElsewhere], open.id))[0]!.waitlisted).toBe(false);
    expectCode(await signUp(t.app, who.hospitalMemberElsewhere, closed.id), 403, 'NOT_ELIGIBLE_FOR_ACTIVITY');
    expectCode(await signUp(t.app, who.schoolMember, open.id), 403, 'NOT_ELIGIBLE_FOR_ACTIVITY');
  });

  it('cancelling a place moves the first who waits up (told), a waiting one just leaves; a cancelled member may sign up again, at the end', async () => {
    const members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: 4, name: '候补党员' });
    const a = await publish(t.app, who.staff, longjin, inDays(2), { capacity: 1 });
    await signUpAll(t.app, members, a.id);
    const left = asActivity(await api(t.app, members[0]!, 'POST', `/api/activities/${a.id}/cancel`));
    expect(left).toMatchObject({ mySignup: null, signedUp: 1, waitlisted: 2 });
    expect(await read(t.app, members[1]!, a.id)).toMatchObject({ mySignup: { status: 'signed_up', position: null } });
    expect(await messagesAbout(t.app, members[1]!, a.id)).toEqual(['activity.promoted']);
    asActivity(await api(t.app, members[2]!, 'POST', `/api/activities/${a.id}/cancel`));
    expect(await read(t.app, members[3]!, a.id)).toMatchObject({ mySignup: { status: 'waitlisted', position: 1 } });
    expectCode(await api(t.app, members[2]!, 'POST', `/api/activities/${a.id}/cancel`), 403, 'NOT_SIGNED_UP');
    expect(await signUpAll(t.app, [members[0]!], a.id)).toMatchObject([{ waitlisted: true, position: 2 }]);
    expect((await stored(t.app, a.id)).row.signedUp).toBe(1);
  });
});

describe(`the lists (${TEST_DB})`, () => {
  let community: { id: string; staff: Caller };
  let members: Caller[];
  let made: { id: string; startsAt: string }[];

  beforeAll(async () => {
    community = await newCommunity(t.app, districtAdmin, ids['东城街道']!);
    members = await reportedMembers(t.app, { communityId: community.id, unitId: ids['龙岩市第一医院']!, count: 2, name: '大厅党员' });
    made = [];
    // Published out of order: the hall answers soonest first.
    for (const days of [5, 1, 3, 2, 4]) made.push(await publish(t.app, community.staff, community.id, inDays(days), { title: `第${days}天的活动` }));
  });

  it('the hall: anyone signed in reads a community’s activities soonest first, a page at a time; called-off ones left out', async () => {
    const off = made[3]!;
    asActivity(await api(t.app, community.staff, 'POST', `/api/activities/${off.id}/call-off`, { reason: '改期另行通知' }));
    const first = await list(t.app, who.resident, { communityId: community.id, limit: 2 });
    expect(first.items.map((a) => a.title)).toEqual(['第1天的活动', '第3天的活动']);
    const second = await list(t.app, who.resident, { communityId: community.id, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((a) => a.title)).toEqual(['第4天的活动', '第5天的活动']);
    expect(second.nextCursor).toBeNull();
    expectCode(await api(t.app, who.resident, 'GET', `/api/activities?communityId=${community.id}&cursor=abc`), 400, 'VALIDATION_FAILED');
    expectCode(await api(t.app, who.resident, 'GET', `/api/activities?communityId=${ids['东城街道']}`), 404, 'NOT_FOUND');
  });

  it('the hall by China days: from and to, both included', async () => {
    const day = (d: number) => new Date(inDays(d).getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const items = (await list(t.app, who.member, { communityId: community.id, from: day(3), to: day(4) })).items;
    expect(items.map((a) => a.title)).toEqual(['第3天的活动', '第4天的活动']);
  });

  it('mine: the caller’s places and waiting places, soonest first, with the waiting position; not cancelled ones', async () => {
    const [m1, m2] = members as [Caller, Caller];
    const small = await publish(t.app, community.staff, community.id, inDays(6), { capacity: 1 });
    await signUpAll(t.app, [m2], small.id);
    await signUpAll(t.app, [m1], small.id);
    await signUpAll(t.app, [m1], made[0]!.id);
    await signUpAll(t.app, [m1], made[1]!.id);
    asActivity(await api(t.app, m1, 'POST', `/api/activities/${made[1]!.id}/cancel`));
    const mine = (await list(t.app, m1, { mine: 1 })).items;
    expect(mine.map((a) => [a.id, a.mySignup?.status, a.mySignup?.position])).toEqual([
      [made[0]!.id, 'signed_up', null],
      [small.id, 'waitlisted', 1],
    ]);
  });

  it('organised: the community’s staff, the team’s leader, the unit’s admin each see theirs; a resident none', async () => {
    const team = await publish(t.app, who.teamLeader, longjin, inDays(8), { organiser: { kind: 'team', teamId } });
    const unit = await publish(t.app, who.unitAdmin, longjin, inDays(8), { organiser: { kind: 'unit', unitId: ids['龙岩市第一医院'] } });
    const mine = async (caller: Caller) => (await list(t.app, caller, { organised: 1, limit: 100 })).items.map((a) => a.id);
    expect(await mine(community.staff)).toEqual(expect.arrayContaining(made.map((a) => a.id)));
    expect(await mine(community.staff)).not.toContain(team.id);
    expect(await mine(who.staff)).toEqual(expect.arrayContaining([team.id]));
    expect(await mine(who.staff)).not.toContain(unit.id);
    expect(await mine(who.teamLeader)).toContain(team.id);
    expect(await mine(who.teamLeader)).not.toContain(unit.id);
    expect(await mine(who.unitAdmin)).toContain(unit.id);
    expect(await mine(who.unitAdmin)).not.toContain(team.id);
    expect(await mine(who.resident)).toEqual([]);
    for (const a of (await list(t.app, who.teamLeader, { organised: 1, limit: 100 })).items) expect(a.viewerActors).toContain('organiser');
  });
});

describe(`visibility (${TEST_DB})`, () => {
  it('a published activity is public: a resident of another community reads it, without who published it', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    const seen = await read(t.app, await callerOf(t.app, '13900000203'), a.id);
    expect(seen.organiser).toEqual({ kind: 'community', name: '龙津社区' });
    expect((await read(t.app, who.streetAdmin, a.id)).organiser.publisherName).toBe('张丽华');
    expectCode(await api(t.app, who.resident, 'GET', '/api/activities/987654321'), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.resident, 'GET', '/api/activities/abc'), 404, 'NOT_FOUND');
  });

  it('a called-off one only to its organisers, those who oversee it and whoever had signed up', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    await signUpAll(t.app, [who.member], a.id);
    asActivity(await api(t.app, who.staff, 'POST', `/api/activities/${a.id}/call-off`, { reason: '改期' }));
    for (const caller of [who.staff, who.streetAdmin, who.member]) expect((await read(t.app, caller, a.id)).status).toBe('called_off');
    for (const caller of [who.resident, who.teamLeader, who.otherStaff]) expectCode(await api(t.app, caller, 'GET', `/api/activities/${a.id}`), 404, 'NOT_FOUND');
  });

  it('the attendance, with names, to its organisers and (read only) those who oversee it; to nobody else', async () => {
    const a = await publish(t.app, who.staff, longjin, inDays(2));
    await signUpAll(t.app, [who.member], a.id);
    expect(asAttendance(await api(t.app, who.streetAdmin, 'GET', `/api/activities/${a.id}/attendance`)).items.map((i) => i.memberName)).toEqual(['赵雪梅']);
    expect(asAttendance(await api(t.app, who.staff, 'GET', `/api/activities/${a.id}/attendance`))).toMatchObject({ attended: 0, noShows: 1 });
    for (const caller of [who.member, who.resident, who.otherStaff, who.unitAdmin]) {
      expectCode(await api(t.app, caller, 'GET', `/api/activities/${a.id}/attendance`), 403, 'FORBIDDEN');
    }
    expectCode(await api(t.app, who.streetAdmin, 'POST', `/api/activities/${a.id}/attendance/strike`, { memberId: String(who.member.userId), reason: '未到场' }), 403, 'FORBIDDEN');
  });

  it('a staff member who lost the grant no longer organises the community’s activities, unless they published it', async () => {
    const phone = freshPhone();
    const [u] = await t.app.db.insert(users).values({ phone, name: '临时社工' }).returning({ id: users.id });
    await t.app.db.insert(roleGrants).values({ userId: u!.id, role: 'community_staff', orgId: Number(longjin) });
    const temp = await callerOf(t.app, phone);
    const theirs = await publish(t.app, temp, longjin, inDays(2));
    const others = await publish(t.app, who.staff, longjin, inDays(2));
    expect((await read(t.app, temp, others.id)).viewerActors).toEqual(['organiser']);
    await t.app.db.delete(roleGrants).where(and(eq(roleGrants.userId, u!.id), eq(roleGrants.role, 'community_staff')));
    expect((await read(t.app, temp, theirs.id)).viewerActors).toEqual(['organiser']);
    expect((await read(t.app, temp, others.id)).viewerActors).toEqual([]);
  });
});
