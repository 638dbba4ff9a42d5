import { listEnvelope, maskName, postSchema, type Post } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { PEOPLE, api, asPost, callersOf, expectOk, holdSeat, newPost, newResident, reportedMembers, type Caller } from './support/service';
import { APP_START_TIMEOUT } from './support/wishes';

// The 示岗 board: a resident of any community reads a community's open posts with their holders'
// public commitments (承诺示岗). A holder's name reads in full to the holder, to staff of the post's
// community and to the admins above it; to everyone else (residents above all) it is masked (王**).

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'streetAdmin' | 'westStreetAdmin', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, { ...PEOPLE, streetAdmin: '13900000002', westStreetAdmin: '13900000003' });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const board = async (caller: Caller, query: string) => listEnvelope(postSchema).parse(expectOk(await api(t.app, caller, 'GET', `/api/posts?${query}`)));
const detail = async (caller: Caller, postId: string) => asPost(await api(t.app, caller, 'GET', `/api/posts/${postId}`));
const holdersAsSeen = (post: Post) => post.holders.map((h) => [h.memberName, h.commitment]);

describe('the 示岗 board', () => {
  let post: Post;
  let closed: Post;
  let holders: Caller[];
  const COMMITMENTS = ['我承诺每周六上午到岗巡查楼道。', '我承诺每月走访十户独居老人。'];
  const NAMES = ['示岗甲1', '示岗甲2'];

  beforeAll(async () => {
    post = await newPost(t.app, who.staff, longjin(), { title: '楼道巡查岗', capacity: 3 });
    holders = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 2, name: '示岗甲' });
    for (const [i, m] of holders.entries()) await holdSeat(t.app, m, post.id, COMMITMENTS[i]);
    closed = await newPost(t.app, who.staff, longjin(), { title: '已结束的岗位' });
    expectOk(await api(t.app, who.staff, 'POST', `/api/posts/${closed.id}/close`));
  });

  it('a resident of the community reads its open posts, with every holder’s commitment and masked name', async () => {
    const { items } = await board(who.resident, `communityId=${longjin()}&status=open&limit=100`);
    expect(items.every((p) => p.status === 'open' && p.communityId === longjin())).toBe(true);
    expect(items.map((p) => p.id)).not.toContain(closed.id);
    const seen = items.find((p) => p.id === post.id)!;
    expect(seen).toMatchObject({ title: '楼道巡查岗', seatsTaken: 2, capacity: 3, mySeat: null });
    expect(holdersAsSeen(seen)).toEqual(NAMES.map((n, i) => [maskName(n), COMMITMENTS[i]]));
  });

  it('so does a resident of any other community, and a member of another community', async () => {
    const stranger = await newResident(t.app, ids['溪南社区']!);
    for (const caller of [stranger, who.residentElsewhere, who.memberElsewhere]) {
      const seen = (await board(caller, `communityId=${longjin()}&status=open&limit=100`)).items.find((p) => p.id === post.id)!;
      expect(holdersAsSeen(seen)).toEqual(NAMES.map((n, i) => [maskName(n), COMMITMENTS[i]]));
      expect(holdersAsSeen(await detail(caller, post.id))).toEqual(NAMES.map((n, i) => [maskName(n), COMMITMENTS[i]]));
    }
  });

  it('a holder reads their own name in full, and the others’ masked', async () => {
    const seen = await detail(holders[0]!, post.id);
    expect(holdersAsSeen(seen)).toEqual([
      [NAMES[0], COMMITMENTS[0]],
      [maskName(NAMES[1]!), COMMITMENTS[1]],
    ]);
    expect(seen.mySeat).toMatchObject({ memberName: NAMES[0], commitment: COMMITMENTS[0] });
  });

  it('staff of the community and the admins above read every name in full; staff of another community do not', async () => {
    for (const caller of [who.staff, who.streetAdmin]) {
      expect(holdersAsSeen(await detail(caller, post.id))).toEqual(NAMES.map((n, i) => [n, COMMITMENTS[i]]));
      const listed = (await board(caller, `communityId=${longjin()}&limit=100`)).items.find((p) => p.id === post.id)!;
      expect(holdersAsSeen(listed)).toEqual(NAMES.map((n, i) => [n, COMMITMENTS[i]]));
    }
    for (const caller of [who.otherStaff, who.westStreetAdmin]) {
      expect(holdersAsSeen(await detail(caller, post.id))).toEqual(NAMES.map((n, i) => [maskName(n), COMMITMENTS[i]]));
    }
  });

  it('the demo post 楼道文明监督岗 shows its two holders masked to a resident', async () => {
    const { items } = await board(who.resident, `communityId=${longjin()}&status=open&limit=100`);
    expect(items.find((p) => p.title === '楼道文明监督岗')!.holders.map((h) => h.memberName)).toEqual([maskName('李志远'), maskName('赵雪梅')]);
  });

  it('what a holder answers after joining or leaving is seen as they may see it', async () => {
    const [late] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 1, name: '示岗乙' });
    const joined = await holdSeat(t.app, late!, post.id, '我承诺每周参加一次楼道清洁。');
    expect(joined.holders.map((h) => h.memberName)).toEqual([maskName(NAMES[0]!), maskName(NAMES[1]!), '示岗乙1']);
    const left = asPost(await api(t.app, late!, 'POST', `/api/posts/${post.id}/leave`));
    expect(left.holders.map((h) => h.memberName)).toEqual(NAMES.map((n) => maskName(n)));
    expect(left.mySeat).toBeNull();
  });
});
