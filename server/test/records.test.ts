import { listEnvelope, pointsForMinutes, recordSchema } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import { wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  PEOPLE,
  api,
  asRecord,
  callersOf,
  expectCode,
  holdSeat,
  logRecord,
  newHousehold,
  newPost,
  pendingRecord,
  pointsOf,
  recordBody,
  reportedMember,
  session,
  staffWhoIsMember,
  verify,
  type Caller,
} from './support/service';

// Service records (服务记实) and their confirmation by staff (服务确认): the shape of a session, what
// it may belong to, who verifies, what editing does, and that only verified records count.

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
/** A new member holding a seat of a new post of 龙津社区. */
async function holder(): Promise<{ m: Caller; postId: string }> {
  const post = await newPost(t.app, who.staff, longjin());
  const m = await member();
  await holdSeat(t.app, m, post.id);
  return { m, postId: post.id };
}
const postRecord = (postId: string, times: { startedAt: string; endedAt: string }) => recordBody({ type: 'post', id: postId }, times);
const submit = (m: Caller, body: ReturnType<typeof recordBody>) => api(t.app, m, 'POST', '/api/records', body);
const detailsOf = (res: { json(): unknown }) => (res.json() as { error: { details: { path: string }[] } }).error.details;

describe('a session is in the past and ends after it starts', () => {
  it('an end in the future answers 400 RECORD_IN_FUTURE', async () => {
    const { m, postId } = await holder();
    expectCode(await submit(m, postRecord(postId, session(clock, 60, -30))), 400, 'RECORD_IN_FUTURE');
  });

  it('an end before the start answers 400 VALIDATION_FAILED on body.endedAt', async () => {
    const { m, postId } = await holder();
    const times = session(clock, 60);
    const res = await submit(m, postRecord(postId, { startedAt: times.endedAt, endedAt: times.startedAt }));
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(detailsOf(res).map((d) => d.path)).toContain('body.endedAt');
  });

  it('an end equal to the start answers 400 VALIDATION_FAILED on body.endedAt', async () => {
    const { m, postId } = await holder();
    const times = session(clock, 60);
    const res = await submit(m, postRecord(postId, { startedAt: times.endedAt, endedAt: times.endedAt }));
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(detailsOf(res).map((d) => d.path)).toContain('body.endedAt');
  });
});

describe('hours count in half-hour units, at least one, at most 8 hours per record', () => {
  it('a session over 8 hours answers 400 on body.endedAt; exactly 8 hours counts 480 minutes', async () => {
    const { m, postId } = await holder();
    const res = await submit(m, postRecord(postId, session(clock, 8 * 60 + 1)));
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(detailsOf(res).map((d) => d.path)).toContain('body.endedAt');
    expect((await logRecord(t.app, m, postRecord(postId, session(clock, 480)))).minutes).toBe(480);
  });

  it('a session under 30 minutes answers 400 on body.endedAt; exactly 30 counts 30', async () => {
    const { m, postId } = await holder();
    const res = await submit(m, postRecord(postId, session(clock, 29)));
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(detailsOf(res).map((d) => d.path)).toContain('body.endedAt');
    expect((await logRecord(t.app, m, postRecord(postId, session(clock, 30)))).minutes).toBe(30);
  });

  it.each([
    [130, 120],
    [150, 150],
    [59, 30],
    [179, 150],
  ])('a session of %i minutes counts %i', async (length, counted) => {
    const { m, postId } = await holder();
    const record = await logRecord(t.app, m, postRecord(postId, session(clock, length)));
    expect(record.minutes).toBe(counted);
  });
});

describe('a record belongs to something that is the member’s own', () => {
  it('a post the member never held answers 400 RECORD_SOURCE_INVALID', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expectCode(await submit(await member(), postRecord(post.id, session(clock, 60))), 400, 'RECORD_SOURCE_INVALID');
  });

  it('a wish the member never claimed answers 400 RECORD_SOURCE_INVALID', async () => {
    const [claimedByOther] = await t.app.db.select({ id: wishes.id }).from(wishes).where(eq(wishes.title, '辅导孙子数学作业'));
    expectCode(await submit(await member(), recordBody({ type: 'wish', id: String(claimedByOther!.id) }, session(clock, 60))), 400, 'RECORD_SOURCE_INVALID');
  });

  it('a pairing of another member answers 400 RECORD_SOURCE_INVALID', async () => {
    const household = await newHousehold(t.app, who.staff, longjin());
    const owner = await member();
    expect((await api(t.app, owner, 'POST', `/api/households/${household.id}/pair`)).statusCode).toBe(200);
    const [pairing] = ((await api(t.app, owner, 'GET', '/api/pairings')).json() as { items: { id: string }[] }).items;
    expectCode(await submit(await member(), recordBody({ type: 'pairing', id: pairing!.id }, session(clock, 60))), 400, 'RECORD_SOURCE_INVALID');
  });

  it('a post source without an id answers 400', async () => {
    expectCode(await submit(await member(), recordBody({ type: 'post' }, session(clock, 60))), 400, 'VALIDATION_FAILED');
  });

  it('a post the member holds is accepted, pending, in the post’s community', async () => {
    const { m, postId } = await holder();
    const record = await logRecord(t.app, m, postRecord(postId, session(clock, 90)));
    expect(record).toMatchObject({ memberId: String(m.userId), communityId: longjin(), source: { type: 'post', id: postId }, minutes: 90, status: 'pending', verifiedAt: null });
  });
});

describe('staff of the record’s community verify it or reject it with a reason', () => {
  it('verifying marks it verified with the time', async () => {
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    const verified = asRecord(await verify(t.app, who.staff, record.id));
    expect(verified).toMatchObject({ status: 'verified', verifiedAt: clock.toISOString() });
  });

  it('rejecting keeps the reason; without a reason it answers 400', async () => {
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    expectCode(await api(t.app, who.staff, 'POST', `/api/records/${record.id}/reject`, {}), 400, 'VALIDATION_FAILED');
    const rejected = asRecord(await api(t.app, who.staff, 'POST', `/api/records/${record.id}/reject`, { reason: '与服务对象核实，时长不符' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '与服务对象核实，时长不符' });
  });

  it('a decided record cannot be decided again (409 RECORD_STATE_CONFLICT)', async () => {
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    asRecord(await api(t.app, who.staff, 'POST', `/api/records/${record.id}/reject`, { reason: '时长不符' }));
    expectCode(await verify(t.app, who.staff, record.id), 409, 'RECORD_STATE_CONFLICT');
  });

  it('staff of another community get 404 for verify, reject and detail; the record stays pending', async () => {
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    expectCode(await verify(t.app, who.otherStaff, record.id), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.otherStaff, 'POST', `/api/records/${record.id}/reject`, { reason: '不通过' }), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.otherStaff, 'GET', `/api/records/${record.id}`), 404, 'NOT_FOUND');
    expect(asRecord(await api(t.app, who.staff, 'GET', `/api/records/${record.id}`)).status).toBe('pending');
  });

  it('another member cannot verify a record (404), nor can its own member (it stays pending)', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock });
    expectCode(await verify(t.app, who.member, record.id), 404, 'NOT_FOUND');
    expect((await verify(t.app, m, record.id)).statusCode).toBe(403);
    expect(asRecord(await api(t.app, m, 'GET', `/api/records/${record.id}`)).status).toBe('pending');
  });
});

describe('a member never verifies their own record, even as staff of its community', () => {
  it('staff who are also members of the community log a record and verifying it themselves answers 403 SELF_VERIFICATION', async () => {
    const both = await staffWhoIsMember(t.app, { communityId: longjin(), unitId: hospital() });
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: both, communityId: longjin(), now: clock });
    expectCode(await verify(t.app, both, record.id), 403, 'SELF_VERIFICATION');
    expectCode(await api(t.app, both, 'POST', `/api/records/${record.id}/reject`, { reason: '自己驳回自己' }), 403, 'SELF_VERIFICATION');
    expect((await pointsOf(t.app, both)).balance).toBe(0);
    // another staff member of the community may
    expect(asRecord(await verify(t.app, who.staff, record.id)).status).toBe('verified');
  });

  it('such staff still verify the records of other members', async () => {
    const both = await staffWhoIsMember(t.app, { communityId: longjin(), unitId: hospital() });
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    expect(asRecord(await verify(t.app, both, record.id)).status).toBe('verified');
  });
});

describe('editing a record sends it back to pending; a verified record stays as it was paid', () => {
  const edit = (m: Caller, id: string, minutes: number) => api(t.app, m, 'PUT', `/api/records/${id}`, { ...session(clock, minutes), content: '修改后的服务内容描述。' });

  it('editing a rejected record makes it pending again, without the reason', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock });
    asRecord(await api(t.app, who.staff, 'POST', `/api/records/${record.id}/reject`, { reason: '时长不符' }));
    const edited = asRecord(await edit(m, record.id, 60));
    expect(edited).toMatchObject({ status: 'pending', rejectReason: null, minutes: 60, content: '修改后的服务内容描述。' });
  });

  it('editing a pending record keeps it pending with the new hours', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock });
    expect(asRecord(await edit(m, record.id, 90))).toMatchObject({ status: 'pending', minutes: 90 });
  });

  it('editing a verified record answers 409 RECORD_STATE_CONFLICT and changes nothing', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock, minutes: 120 });
    asRecord(await verify(t.app, who.staff, record.id));
    expectCode(await edit(m, record.id, 480), 409, 'RECORD_STATE_CONFLICT');
    expect(asRecord(await api(t.app, m, 'GET', `/api/records/${record.id}`))).toMatchObject({ status: 'verified', minutes: 120 });
    expect((await pointsOf(t.app, m)).verifiedMinutes).toBe(120);
  });

  it('an edit follows the same session rules (future → 400 RECORD_IN_FUTURE)', async () => {
    const m = await member();
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock });
    expectCode(await api(t.app, m, 'PUT', `/api/records/${record.id}`, { ...session(clock, 60, -60), content: '修改后的服务内容描述。' }), 400, 'RECORD_IN_FUTURE');
  });

  it('another member cannot edit the record', async () => {
    const { record } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    expect([403, 404]).toContain((await edit(await member(), record.id, 60)).statusCode);
  });
});

describe('the verification queue lists a community’s pending records to its staff only', () => {
  const queue = (as: Caller, communityId: string) => api(t.app, as, 'GET', `/api/records?communityId=${communityId}&status=pending&limit=100`);

  it('staff see the pending records of their community, and none that are decided', async () => {
    const { record: waiting } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    const { record: done } = await pendingRecord(t.app, { staff: who.staff, member: await member(), communityId: longjin(), now: clock });
    asRecord(await verify(t.app, who.staff, done.id));
    const res = await queue(who.staff, longjin());
    const items = listEnvelope(recordSchema).parse(res.json()).items;
    expect(items.map((r) => r.id)).toContain(waiting.id);
    expect(items.map((r) => r.id)).not.toContain(done.id);
    expect(new Set(items.map((r) => `${r.status} ${r.communityId}`))).toEqual(new Set([`pending ${longjin()}`]));
    // the demo's pending record of 赵雪梅 is in it
    expect(items.some((r) => r.memberName === '赵雪梅')).toBe(true);
  });

  it('staff of another community and members get 404', async () => {
    expectCode(await queue(who.otherStaff, longjin()), 404, 'NOT_FOUND');
    expectCode(await queue(who.member, longjin()), 404, 'NOT_FOUND');
  });
});

describe('only verified records count: pending and rejected ones earn nothing', () => {
  it('a member with a pending and a rejected record has no points and no minutes; verifying one pays for it alone', async () => {
    const m = await member();
    const { record: pending } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock, minutes: 120 });
    const { record: rejected } = await pendingRecord(t.app, { staff: who.staff, member: m, communityId: longjin(), now: clock, minutes: 240 });
    asRecord(await api(t.app, who.staff, 'POST', `/api/records/${rejected.id}/reject`, { reason: '无法核实' }));
    expect(await pointsOf(t.app, m)).toEqual({ balance: 0, verifiedMinutes: 0, verifiedRecords: 0, completedWishes: 0 });

    asRecord(await verify(t.app, who.staff, pending.id));
    expect(await pointsOf(t.app, m)).toEqual({ balance: pointsForMinutes(120), verifiedMinutes: 120, verifiedRecords: 1, completedWishes: 0 });
  });
});
