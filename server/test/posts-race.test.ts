import { errorBodySchema, postSchema } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { postSeats, posts } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { COMMITMENT, PEOPLE, callerOf, listen, newPost, raceOver, reportedMembers, type Caller } from './support/service';

// 认岗: capacity is a hard limit under any concurrency, and one member holds at most one seat per
// post (domain.md). Members race over real HTTP connections to a listening server.

const RACERS = 100;
const SEATS = 10;

// Races over real connections take longer than most tests on a busy machine.
jest.setTimeout(180_000);

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
  members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: RACERS, name: '认岗党员' });
  base = await listen(t.app);
}, 240_000);
afterAll(() => t.close(), 60_000);

const activeSeats = (postId: string) =>
  t.app.db
    .select()
    .from(postSeats)
    .where(and(eq(postSeats.postId, Number(postId)), eq(postSeats.status, 'active')));
const seatsTakenOf = async (postId: string) => (await t.app.db.select({ n: posts.seatsTaken }).from(posts).where(eq(posts.id, Number(postId))))[0]!.n;
const claimRequest = (postId: string) => (member: Caller) => ({ method: 'POST', path: `/api/posts/${postId}/claim`, token: member.token, body: { commitment: COMMITMENT } });
const codesOf = (answers: { status: number; json: unknown }[]) => answers.map((a) => `${a.status} ${errorBodySchema.parse(a.json).error.code}`);

describe(`capacity is a hard limit: ${RACERS} members claiming a post of ${SEATS} seats at once fill exactly ${SEATS} (${TEST_DB})`, () => {
  it(`answers ${SEATS} × 200 and ${RACERS - SEATS} × 409 POST_FULL, with ${SEATS} active seats and seats_taken = ${SEATS}`, async () => {
    const post = await newPost(t.app, staff, longjin, { capacity: SEATS });
    const answers = await raceOver(base, members, claimRequest(post.id));

    const winners = answers.filter((a) => a.status === 200);
    const losers = answers.filter((a) => a.status !== 200);
    expect({ winners: winners.length, losers: losers.length }).toEqual({ winners: SEATS, losers: RACERS - SEATS });
    expect(new Set(codesOf(losers))).toEqual(new Set(['409 POST_FULL']));
    for (const w of winners) expect(postSchema.parse(w.json).mySeat).toMatchObject({ memberId: String(w.caller.userId), commitment: COMMITMENT });

    const seats = await activeSeats(post.id);
    expect(seats.map((s) => s.memberId).sort()).toEqual(winners.map((w) => w.caller.userId).sort());
    expect(await seatsTakenOf(post.id)).toBe(SEATS);
  });

  it('a freed seat goes to exactly one of the members racing for it', async () => {
    const post = await newPost(t.app, staff, longjin, { capacity: 1 });
    const first = await raceOver(base, members.slice(0, 20), claimRequest(post.id));
    const holder = first.find((a) => a.status === 200)!.caller;
    const left = await fetch(`${base}/api/posts/${post.id}/leave`, { method: 'POST', headers: { authorization: `Bearer ${holder.token}` } });
    expect(left.status).toBe(200);

    const second = await raceOver(base, members.slice(20, 60), claimRequest(post.id));
    expect(second.filter((a) => a.status === 200)).toHaveLength(1);
    expect(new Set(codesOf(second.filter((a) => a.status !== 200)))).toEqual(new Set(['409 POST_FULL']));
    expect(await activeSeats(post.id)).toHaveLength(1);
    expect(await seatsTakenOf(post.id)).toBe(1);
  });
});

describe(`one member holds at most one seat per post, even claiming twice at once (${TEST_DB})`, () => {
  it('of the same member’s simultaneous claims one takes a seat and the other answers 409 ALREADY_CLAIMED', async () => {
    const post = await newPost(t.app, staff, longjin, { capacity: 5 });
    const member = members[RACERS - 1]!;
    const answers = await raceOver(base, [member, member], claimRequest(post.id));

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(codesOf(answers.filter((a) => a.status !== 200))).toEqual(['409 ALREADY_CLAIMED']);
    expect((await activeSeats(post.id)).map((s) => s.memberId)).toEqual([member.userId]);
    expect(await seatsTakenOf(post.id)).toBe(1);
  });

  it.each([1, 2, 3])('round %i: ten members each claiming twice at once hold ten seats, no member two', async () => {
    const post = await newPost(t.app, staff, longjin, { capacity: 50 });
    const ten = members.slice(60, 70);
    const answers = await raceOver(base, [...ten, ...ten], claimRequest(post.id));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(new Set(codesOf(answers.filter((a) => a.status !== 200)))).toEqual(new Set(['409 ALREADY_CLAIMED']));
    const seats = await activeSeats(post.id);
    expect(seats.map((s) => s.memberId).sort()).toEqual(ten.map((m) => m.userId).sort());
    expect(await seatsTakenOf(post.id)).toBe(10);
  });
});
