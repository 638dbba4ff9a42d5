import { listEnvelope, maskName, postSchema, type Post } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { notifications, postEvaluations, postSeats, users } from '../src/db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  COMMITMENT,
  PEOPLE,
  api,
  asPost,
  callersOf,
  claimPost,
  expectCode,
  expectInvalid,
  expectOk,
  holdSeat,
  newPost,
  newResident,
  postBody,
  reportedMember,
  reportedMembers,
  type Caller,
} from './support/service';

// Service posts (服务岗位): 定岗 by staff, 认岗 with a commitment, 示岗 of holders, 评岗 by staff and
// residents; leaving and removal.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;
let clock = new Date();
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
}, 240_000);
afterAll(() => t.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const zhongshan = () => ids['中山社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const member = () => reportedMember(t.app, { communityId: longjin(), unitId: hospital() });
const detail = async (as: Caller, postId: string) => asPost(await api(t.app, as, 'GET', `/api/posts/${postId}`));
const list = async (as: Caller, query: string) => listEnvelope(postSchema).parse((await api(t.app, as, 'GET', `/api/posts?${query}`)).json());
const evaluate = (as: Caller, postId: string, memberId: number, score: number) =>
  api(t.app, as, 'POST', `/api/posts/${postId}/evaluations`, { memberId: String(memberId), score, comment: '认真负责' });

describe('staff of a community define its posts (定岗), within the rules of a post', () => {
  it('creates an open post with no seat taken', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { title: '垃圾分类督导岗', capacity: 4, pioneerRole: 'model_resident' });
    expect(post).toMatchObject({ communityId: longjin(), communityName: '龙津社区', title: '垃圾分类督导岗', capacity: 4, seatsTaken: 0, status: 'open', holders: [], mySeat: null, averageScore: null, evaluations: 0 });
  });

  it('refuses a capacity of 0 with 400 on body.capacity', async () => {
    expectInvalid(await api(t.app, who.staff, 'POST', '/api/posts', postBody(longjin(), { capacity: 0 })), 'capacity');
  });

  it('refuses an end date before the start date with 400 on body.endsOn', async () => {
    expectInvalid(await api(t.app, who.staff, 'POST', '/api/posts', postBody(longjin(), { startsOn: '2026-06-01', endsOn: '2026-05-31' })), 'endsOn');
  });

  it('does not let staff of another community define a post here (404), nor members or residents (403)', async () => {
    expectCode(await api(t.app, who.otherStaff, 'POST', '/api/posts', postBody(longjin())), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'POST', '/api/posts', postBody(longjin())), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.resident, 'POST', '/api/posts', postBody(longjin())), 403, 'FORBIDDEN');
  });
});

describe('a post shows its seats taken and its holders with their commitments (示岗)', () => {
  it('detail and list carry seatsTaken, every holder’s commitment and the caller’s own seat', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { capacity: 3 });
    const [a, b] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 2, name: '示岗党员' });
    await holdSeat(t.app, a!, post.id, '我承诺每周巡查一次楼道。');
    await holdSeat(t.app, b!, post.id, '我承诺每月走访十户居民。');

    // Names as posts-board.test.ts has them: in full to the holder themself, masked to others.
    const seen = await detail(a!, post.id);
    expect(seen.seatsTaken).toBe(2);
    expect(seen.holders.map((h) => [h.memberId, h.memberName, h.commitment])).toEqual([
      [String(a!.userId), '示岗党员1', '我承诺每周巡查一次楼道。'],
      [String(b!.userId), maskName('示岗党员2'), '我承诺每月走访十户居民。'],
    ]);
    expect(seen.mySeat).toMatchObject({ memberId: String(a!.userId), status: 'active' });
    expect((await detail(who.resident, post.id)).mySeat).toBeNull();

    const listed = (await list(who.resident, `communityId=${longjin()}&limit=100`)).items.find((p) => p.id === post.id);
    expect(listed).toMatchObject({ seatsTaken: 2, holders: seen.holders.map((h) => ({ ...h, memberName: maskName(h.memberName) })) });
  });

  it('shows the demo post 楼道文明监督岗 with 3 seats, 2 taken', async () => {
    const items = (await list(who.resident, `communityId=${longjin()}&limit=100`)).items;
    expect(items.find((p) => p.title === '楼道文明监督岗')).toMatchObject({ capacity: 3, seatsTaken: 2, holders: [{ memberName: '李**' }, { memberName: '赵**' }] });
  });

  it('filters the list by pioneer role', async () => {
    const mediation = await newPost(t.app, who.staff, longjin(), { pioneerRole: 'mediation' });
    const policy = await newPost(t.app, who.staff, longjin(), { pioneerRole: 'policy' });
    const items = (await list(who.resident, `communityId=${longjin()}&pioneerRole=mediation&limit=100`)).items;
    expect(items.map((p) => p.id)).toContain(mediation.id);
    expect(items.map((p) => p.id)).not.toContain(policy.id);
    expect(new Set(items.map((p) => p.pioneerRole))).toEqual(new Set(['mediation']));
  });
});

describe('only members reported in the post’s community claim a seat (认岗)', () => {
  it('a member confirmed in another community is refused with 403 NOT_REPORTED_HERE', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expectCode(await claimPost(t.app, who.memberElsewhere, post.id), 403, 'NOT_REPORTED_HERE');
    expect((await detail(who.staff, post.id)).seatsTaken).toBe(0);
  });

  it('a resident who is no member is refused with 403', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expectCode(await claimPost(t.app, who.resident, post.id), 403, 'FORBIDDEN');
  });

  it('a reported member takes a seat with their commitment', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    const m = await member();
    const claimed = await holdSeat(t.app, m, post.id);
    expect(claimed).toMatchObject({ seatsTaken: 1, mySeat: { memberId: String(m.userId), commitment: COMMITMENT } });
  });

  it('a commitment shorter than five characters is refused with 400 on body.commitment', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expectInvalid(await claimPost(t.app, await member(), post.id, '好'), 'commitment');
  });
});

describe('only staff of the post’s community edit it', () => {
  it('staff of another community get 404, members and residents 403, and the post stays as it was', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { title: '原来的名称' });
    expectCode(await api(t.app, who.otherStaff, 'PUT', `/api/posts/${post.id}`, { title: '被改掉的名称' }), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'PUT', `/api/posts/${post.id}`, { title: '被改掉的名称' }), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.resident, 'PUT', `/api/posts/${post.id}`, { title: '被改掉的名称' }), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.otherStaff, 'POST', `/api/posts/${post.id}/close`), 404, 'NOT_FOUND');
    expect((await detail(who.staff, post.id)).title).toBe('原来的名称');
  });

  it('an edited end date before the start date is refused with 400, and the dates stay as they were', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { startsOn: '2026-03-01', endsOn: '2026-12-31' });
    const res = await api(t.app, who.staff, 'PUT', `/api/posts/${post.id}`, { endsOn: '2026-02-01' });
    expect(res.statusCode).toBe(400);
    expect((await detail(who.staff, post.id))).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-12-31' });
  });

  it('staff of the community change its title', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expect(asPost(await api(t.app, who.staff, 'PUT', `/api/posts/${post.id}`, { title: '新的岗位名称' })).title).toBe('新的岗位名称');
  });
});

describe('capacity never falls below the seats taken', () => {
  it('lowering capacity below the seats taken answers 409 CAPACITY_BELOW_SEATS; to exactly the seats taken, 200', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { capacity: 5 });
    for (const m of await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 3 })) await holdSeat(t.app, m, post.id);

    expectCode(await api(t.app, who.staff, 'PUT', `/api/posts/${post.id}`, { capacity: 2 }), 409, 'CAPACITY_BELOW_SEATS');
    expect((await detail(who.staff, post.id)).capacity).toBe(5);
    expect(asPost(await api(t.app, who.staff, 'PUT', `/api/posts/${post.id}`, { capacity: 3 }))).toMatchObject({ capacity: 3, seatsTaken: 3 });
    expectCode(await claimPost(t.app, await member(), post.id), 409, 'POST_FULL');
  });
});

describe('a closed post takes no claims', () => {
  it('claims after closing answer 409 POST_CLOSED; closing twice answers 409', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    expect(asPost(await api(t.app, who.staff, 'POST', `/api/posts/${post.id}/close`)).status).toBe('closed');
    expectCode(await claimPost(t.app, await member(), post.id), 409, 'POST_CLOSED');
    expectCode(await api(t.app, who.staff, 'POST', `/api/posts/${post.id}/close`), 409, 'POST_CLOSED');
  });
});

describe('a holder may leave; the seat is freed', () => {
  it('leaving lowers seatsTaken and frees the seat for another; leaving twice answers 409', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { capacity: 1 });
    const [a, b] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 2 });
    await holdSeat(t.app, a!, post.id);
    expectCode(await claimPost(t.app, b!, post.id), 409, 'POST_FULL');

    const left = asPost(await api(t.app, a!, 'POST', `/api/posts/${post.id}/leave`));
    expect(left).toMatchObject({ seatsTaken: 0, holders: [], mySeat: null });
    expectCode(await api(t.app, a!, 'POST', `/api/posts/${post.id}/leave`), 409, 'SEAT_STATE_CONFLICT');
    expect((await detail(who.staff, post.id)).seatsTaken).toBe(0);
    expect((await holdSeat(t.app, b!, post.id)).seatsTaken).toBe(1);
  });

  it('a member who left may claim the post again', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    const m = await member();
    await holdSeat(t.app, m, post.id);
    expect(asPost(await api(t.app, m, 'POST', `/api/posts/${post.id}/leave`)).mySeat).toBeNull();
    expect((await holdSeat(t.app, m, post.id)).seatsTaken).toBe(1);
  });
});

describe('staff remove a holder with a reason, and the member is told', () => {
  it('frees the seat, keeps the reason on the seat and notifies the member', async () => {
    const post = await newPost(t.app, who.staff, longjin(), { title: '需要移出的岗位' });
    const m = await member();
    await holdSeat(t.app, m, post.id);
    const removed = asPost(await api(t.app, who.staff, 'POST', `/api/posts/${post.id}/holders/${m.userId}/remove`, { reason: '连续三个月未到岗' }));
    expect(removed).toMatchObject({ seatsTaken: 0, holders: [] });

    const [seat] = await t.app.db.select().from(postSeats).where(and(eq(postSeats.postId, Number(post.id)), eq(postSeats.memberId, m.userId)));
    expect(seat).toMatchObject({ status: 'removed', removeReason: '连续三个月未到岗' });
    const told = await t.app.db.select().from(notifications).where(eq(notifications.userId, m.userId));
    expect(told.map((n) => n.kind)).toContain('post.removed');
    expect(told.find((n) => n.kind === 'post.removed')!.body).toContain('连续三个月未到岗');
  });

  it('removing needs a reason (400), the staff of the community (404 for others), and a holder (404)', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    const m = await member();
    await holdSeat(t.app, m, post.id);
    expectInvalid(await api(t.app, who.staff, 'POST', `/api/posts/${post.id}/holders/${m.userId}/remove`, {}), 'reason');
    expectCode(await api(t.app, who.otherStaff, 'POST', `/api/posts/${post.id}/holders/${m.userId}/remove`, { reason: '不称职' }), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'POST', `/api/posts/${post.id}/holders/${m.userId}/remove`, { reason: '不称职' }), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.staff, 'POST', `/api/posts/${post.id}/holders/${who.otherMember.userId}/remove`, { reason: '不称职' }), 404, 'NOT_FOUND');
    expect((await detail(who.staff, post.id)).seatsTaken).toBe(1);
  });
});

describe('staff and residents of the community evaluate holders 1-5, once a month each (评岗)', () => {
  let post: Post;
  let holder: Caller;
  beforeEach(async () => {
    post = await newPost(t.app, who.staff, longjin());
    holder = await member();
    await holdSeat(t.app, holder, post.id);
  });

  it('staff and a resident living in the community score a holder; the post shows the average and the count', async () => {
    expect(asPost(await evaluate(who.staff, post.id, holder.userId, 5))).toMatchObject({ evaluations: 1, averageScore: 5 });
    const after = asPost(await evaluate(who.resident, post.id, holder.userId, 4));
    expect(after).toMatchObject({ evaluations: 2, averageScore: 4.5 });
    expect(await detail(who.otherResident, post.id)).toMatchObject({ evaluations: 2, averageScore: 4.5 });
  });

  it('a second score in the same month answers 409 ALREADY_EVALUATED; next month it is taken', async () => {
    const saved = clock;
    try {
      clock = new Date(Date.UTC(2026, 2, 10, 4));
      asPost(await evaluate(who.resident, post.id, holder.userId, 3));
      clock = new Date(Date.UTC(2026, 2, 28, 4));
      expectCode(await evaluate(who.resident, post.id, holder.userId, 5), 409, 'ALREADY_EVALUATED');
      expect((await detail(who.staff, post.id)).evaluations).toBe(1);
      clock = new Date(Date.UTC(2026, 2, 28, 4) + 10 * DAY);
      expect(asPost(await evaluate(who.resident, post.id, holder.userId, 5))).toMatchObject({ evaluations: 2, averageScore: 4 });
    } finally {
      clock = saved;
    }
  });

  it('a resident of another community is refused with 403, and one of this community once they have lived there 30 days', async () => {
    expectCode(await evaluate(who.residentElsewhere, post.id, holder.userId, 1), 403, 'FORBIDDEN');
    const newcomer = await newResident(t.app, longjin());
    expectCode(await evaluate(newcomer, post.id, holder.userId, 2), 403, 'EVALUATION_TOO_SOON');
    await t.app.db.update(users).set({ homeCommunitySince: new Date(t.app.now().getTime() - 30 * DAY_MS) }).where(eq(users.id, newcomer.userId));
    asPost(await evaluate(newcomer, post.id, holder.userId, 2));
    expect((await detail(who.staff, post.id)).evaluations).toBe(1);
  });

  it('declaring another community home, even for a moment, starts the 30 days again', async () => {
    const settled = await newResident(t.app, longjin());
    await t.app.db.update(users).set({ homeCommunitySince: new Date(t.app.now().getTime() - 90 * DAY_MS) }).where(eq(users.id, settled.userId));
    const move = async (communityId: string) => expectOk(await api(t.app, settled, 'PATCH', '/api/me', { homeCommunityId: communityId }));
    await move(longjin());
    asPost(await evaluate(settled, post.id, holder.userId, 4));
    await move(zhongshan());
    await move(longjin());
    await t.app.db.delete(postEvaluations).where(eq(postEvaluations.evaluatorId, settled.userId));
    expectCode(await evaluate(settled, post.id, holder.userId, 4), 403, 'EVALUATION_TOO_SOON');
  });

  it('scoring someone who never held the post answers 404 NOT_A_HOLDER', async () => {
    expectCode(await evaluate(who.staff, post.id, who.otherMember.userId, 4), 404, 'NOT_A_HOLDER');
    expectCode(await evaluate(who.resident, post.id, who.otherMember.userId, 4), 404, 'NOT_A_HOLDER');
  });

  it('scores outside 1-5 are refused with 400 on body.score', async () => {
    expectInvalid(await evaluate(who.staff, post.id, holder.userId, 0), 'score');
    expectInvalid(await evaluate(who.staff, post.id, holder.userId, 6), 'score');
  });

  it('the holder is told of the evaluation', async () => {
    asPost(await evaluate(who.staff, post.id, holder.userId, 5));
    const told = await t.app.db.select().from(notifications).where(eq(notifications.userId, holder.userId));
    expect(told.map((n) => n.kind)).toContain('post.evaluated');
  });
});

describe('a post of another community is out of reach for its staff', () => {
  it('staff of 中山社区 cannot remove a holder of a 龙津社区 post or close it', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    const m = await member();
    await holdSeat(t.app, m, post.id);
    expectCode(await api(t.app, who.otherStaff, 'POST', `/api/posts/${post.id}/close`), 404, 'NOT_FOUND');
    expect((await detail(who.staff, post.id)).status).toBe('open');
    // and the other way: 中山社区's own post is theirs to define
    const theirs = await newPost(t.app, who.otherStaff, zhongshan());
    expect(theirs.communityName).toBe('中山社区');
  });
});
