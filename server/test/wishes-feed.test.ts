import { WISH_STATES, errorBodySchema, listEnvelope, wishSchema, type Wish, type WishState } from '@huijia/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { orgNodes, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds, freshPhone, signUp } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  callersOf,
  expectCode,
  expectOk,
  newCommunity,
  reportedMembers,
  rowsOf,
  wishBody,
  wishIn,
  type Caller,
  type Who,
} from './support/wishes';

// The wish hall (GET /api/wishes): keyset pages newest first, filters, the states each caller may
// see, and bad input answered 4xx with a code. On PostgreSQL, the community feed's plan at scale.

let t: TestApp;
let ids: Record<string, string>;
let p: Record<Who, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const page = async (who: Caller, url: string) => listEnvelope(wishSchema).parse(expectOk(await api(t.app, who, 'GET', url)));
const idsOf = (items: Wish[]) => items.map((w) => w.id);
const newestFirst = (list: string[]) => [...list].sort((a, b) => Number(b) - Number(a));

/** A community of its own (under 东城街道), its staff, and one member reported there. */
async function freshCommunity() {
  const community = await newCommunity(t.app, p.districtAdmin, ids['东城街道']!);
  const [member] = await reportedMembers(t.app, { communityId: community.id, unitId: ids['龙岩市第一医院']!, count: 1 });
  return { ...community, member: member! };
}

/** Every page of a list, following nextCursor. */
async function allPages(who: Caller, url: string, limit: number): Promise<{ pages: string[][]; cursors: (string | null)[] }> {
  const pages: string[][] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const res = await page(who, `${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(idsOf(res.items));
    cursors.push(res.nextCursor);
    cursor = res.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor !== null);
  return { pages, cursors };
}

describe('the hall pages by keyset: limit, nextCursor, no duplicates and no gaps', () => {
  it('walks 23 published wishes in pages of 5, newest first, every wish once', async () => {
    const c = await freshCommunity();
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await wishIn(t.app, { resident: p.resident, staff: c.staff, claimant: c.member }, c.id, 'published')).id);
    const { pages, cursors } = await allPages(c.member, `/api/wishes?communityId=${c.id}`, 5);
    expect(pages.map((x) => x.length)).toEqual([5, 5, 5, 5, 3]);
    expect(cursors.at(-1)).toBeNull();
    expect(cursors.slice(0, -1)).toEqual(pages.slice(0, -1).map((x) => x.at(-1)));
    const seen = pages.flat();
    expect(seen).toEqual(newestFirst(made));
    expect(new Set(seen).size).toBe(23);
  });

  it('answers nextCursor null when the page is exactly the rest, and 20 items by default', async () => {
    const c = await freshCommunity();
    for (let i = 0; i < 21; i++) await wishIn(t.app, { resident: p.resident, staff: c.staff, claimant: c.member }, c.id, 'published');
    const first = await page(c.member, `/api/wishes?communityId=${c.id}`);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBe(first.items.at(-1)!.id);
    const rest = await page(c.member, `/api/wishes?communityId=${c.id}&cursor=${first.nextCursor}&limit=1`);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
  });

  it('a wish published while paging neither repeats nor hides an older one', async () => {
    const c = await freshCommunity();
    const cast = { resident: p.resident, staff: c.staff, claimant: c.member };
    const made: string[] = [];
    for (let i = 0; i < 6; i++) made.push((await wishIn(t.app, cast, c.id, 'published')).id);
    const first = await page(c.member, `/api/wishes?communityId=${c.id}&limit=3`);
    const newer = await wishIn(t.app, cast, c.id, 'published');
    const second = await page(c.member, `/api/wishes?communityId=${c.id}&limit=3&cursor=${first.nextCursor}`);
    expect([...idsOf(first.items), ...idsOf(second.items)]).toEqual(newestFirst(made));
    expect(idsOf((await page(c.member, `/api/wishes?communityId=${c.id}&limit=1`)).items)).toEqual([newer.id]);
  });
});

describe('the hall filters by community, status, category, mine and claimedByMe', () => {
  it('communityId: only that community’s wishes', async () => {
    const a = await freshCommunity();
    const b = await freshCommunity();
    const inA = await wishIn(t.app, { resident: p.resident, staff: a.staff, claimant: a.member }, a.id, 'published');
    const inB = await wishIn(t.app, { resident: p.resident, staff: b.staff, claimant: b.member }, b.id, 'published');
    expect(idsOf((await page(p.unrelatedResident, `/api/wishes?communityId=${a.id}`)).items)).toEqual([inA.id]);
    expect(idsOf((await page(p.unrelatedResident, `/api/wishes?communityId=${b.id}`)).items)).toEqual([inB.id]);
  });

  it('status and category: only wishes in that state and of that category', async () => {
    const c = await freshCommunity();
    const cast = { resident: p.resident, staff: c.staff, claimant: c.member };
    const healthPublished = await wishIn(t.app, cast, c.id, 'published', { category: 'health' });
    const healthClaimed = await wishIn(t.app, cast, c.id, 'claimed', { category: 'health' });
    const studyPublished = await wishIn(t.app, cast, c.id, 'published', { category: 'study' });
    const hall = `/api/wishes?communityId=${c.id}`;
    expect(idsOf((await page(p.reportedMember, `${hall}&status=published`)).items)).toEqual([studyPublished.id, healthPublished.id]);
    expect(idsOf((await page(p.reportedMember, `${hall}&category=health`)).items)).toEqual([healthClaimed.id, healthPublished.id]);
    expect(idsOf((await page(p.reportedMember, `${hall}&category=health&status=claimed`)).items)).toEqual([healthClaimed.id]);
    expect(idsOf((await page(p.reportedMember, `${hall}&category=repair`)).items)).toEqual([]);
  });

  it('mine=1: every wish of the caller’s own, in every state, and nobody else’s', async () => {
    const c = await freshCommunity();
    const session = await signUp(t.app, { phone: freshPhone(), communityId: c.id });
    const resident: Caller = { userId: Number(session.user.id), phone: session.user.phone!, token: session.accessToken };
    const cast = { resident, staff: c.staff, claimant: c.member };
    const own = [];
    for (const state of ['pending_review', 'published', 'claimed', 'rejected', 'withdrawn'] as const) own.push((await wishIn(t.app, cast, c.id, state)).id);
    await wishIn(t.app, { ...cast, resident: p.resident }, c.id, 'published');
    const mine = await page(resident, '/api/wishes?mine=1');
    expect(idsOf(mine.items)).toEqual(newestFirst(own));
    expect(mine.items.every((w) => w.viewerActors.includes('resident'))).toBe(true);
    expect(idsOf((await page(resident, `/api/wishes?mine=1&communityId=${c.id}&status=pending_review`)).items)).toEqual([own[0]]);
  });

  it('claimedByMe=1: the wishes the caller holds or completed, not those released', async () => {
    const c = await freshCommunity();
    const cast = { resident: p.resident, staff: c.staff, claimant: c.member };
    const held = await wishIn(t.app, cast, c.id, 'claimed');
    const done = await wishIn(t.app, cast, c.id, 'completed');
    const released = await wishIn(t.app, cast, c.id, 'claimed');
    expectOk(await api(t.app, c.member, 'POST', `/api/wishes/${released.id}/release`));
    await wishIn(t.app, cast, c.id, 'published');
    expect(idsOf((await page(c.member, '/api/wishes?claimedByMe=1')).items)).toEqual([done.id, held.id]);
    expect(idsOf((await page(c.member, '/api/wishes?claimedByMe=1&status=claimed')).items)).toEqual([held.id]);
    expect(idsOf((await page(p.reportedMember, `/api/wishes?claimedByMe=1&communityId=${c.id}`)).items)).toEqual([]);
  });
});

describe('ordinary members see the public states of a hall; its staff and the admins above see every state', () => {
  const PUBLIC: WishState[] = ['published', 'claimed', 'fulfilled', 'completed'];
  let hall: { id: string; staff: Caller; member: Caller; byState: Map<WishState, string> };

  beforeAll(async () => {
    const c = await freshCommunity();
    const byState = new Map<WishState, string>();
    for (const state of WISH_STATES) byState.set(state, (await wishIn(t.app, { resident: p.resident, staff: c.staff, claimant: c.member }, c.id, state)).id);
    hall = { ...c, byState };
  });
  const expected = (states: readonly WishState[]) => newestFirst(states.map((s) => hall.byState.get(s)!));

  it.each(['reportedMember', 'unrelatedResident', 'otherStaff', 'memberNotReported'] as const)('%s sees the public states only', async (who) => {
    expect(idsOf((await page(p[who], `/api/wishes?communityId=${hall.id}`)).items)).toEqual(expected(PUBLIC));
  });

  it('a member reported in the community sees the public states only, and nothing when asking for another state', async () => {
    expect(idsOf((await page(hall.member, `/api/wishes?communityId=${hall.id}`)).items)).toEqual(expected(PUBLIC));
    for (const state of WISH_STATES.filter((s) => !PUBLIC.includes(s))) {
      expect({ state, items: idsOf((await page(hall.member, `/api/wishes?communityId=${hall.id}&status=${state}`)).items) }).toEqual({ state, items: [] });
    }
  });

  it('the community’s staff see every state, and each state by its filter', async () => {
    expect(idsOf((await page(hall.staff, `/api/wishes?communityId=${hall.id}`)).items)).toEqual(expected(WISH_STATES));
    for (const state of WISH_STATES) {
      expect(idsOf((await page(hall.staff, `/api/wishes?communityId=${hall.id}&status=${state}`)).items)).toEqual([hall.byState.get(state)]);
    }
  });

  it.each(['streetAdmin', 'districtAdmin'] as const)('%s, above the community, sees every state', async (who) => {
    expect(idsOf((await page(p[who], `/api/wishes?communityId=${hall.id}`)).items)).toEqual(expected(WISH_STATES));
  });
});

describe('bad input is answered 4xx with a code, never 5xx', () => {
  const create = (body: unknown, headers: Record<string, string> = {}) =>
    api(t.app, p.resident, 'POST', '/api/wishes', typeof body === 'string' ? body : (body as object), { 'content-type': 'application/json', ...headers });
  const expectField = (res: LightMyRequestResponse, path: string) => {
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect((errorBodySchema.parse(res.json()).error.details as { path: string }[]).map((d) => d.path)).toContain(path);
  };

  it.each([
    ['an empty title', 'body.title', { title: '' }],
    ['a title of spaces', 'body.title', { title: '    ' }],
    ['a 100 KB title', 'body.title', { title: '愿'.repeat(100 * 1024 / 3) }],
    ['an unknown category', 'body.category', { category: 'shopping' }],
    ['a phone that is not a mobile number', 'body.contactPhone', { contactPhone: '12345' }],
    ['an empty address', 'body.address', { address: '' }],
    ['a community id with a slash', 'body.communityId', { communityId: '1/2' }],
  ])('POST /api/wishes refuses %s with 400 VALIDATION_FAILED naming %s', async (_what, path, change) => {
    const before = (await page(p.resident, '/api/wishes?mine=1&limit=1')).items[0]?.id;
    expectField(await create({ ...wishBody({ communityId: ids['龙津社区']! }), ...change }), path);
    expect((await page(p.resident, '/api/wishes?mine=1&limit=1')).items[0]?.id).toBe(before);
  });

  it('POST /api/wishes refuses broken JSON with 400 MALFORMED_JSON', async () => {
    expectCode(await create('{"communityId": "1", "title": '), 400, 'MALFORMED_JSON');
  });

  it.each(['abc', '-1', '99999999999999999999', '987654321'])('POST /api/wishes answers 404 NOT_FOUND for the community id %s', async (communityId) => {
    expectCode(await create(wishBody({ communityId })), 404, 'NOT_FOUND');
  });

  it('POST /api/wishes answers 404 NOT_FOUND for a node that is not a community', async () => {
    expectCode(await create(wishBody({ communityId: ids['东城街道']! })), 404, 'NOT_FOUND');
  });

  it.each(['abc', '-1', '99999999999999999999', '987654321', '1.5'])('GET /api/wishes/%s answers 404 NOT_FOUND, and so does claiming it', async (id) => {
    expectCode(await api(t.app, p.reportedMember, 'GET', `/api/wishes/${id}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, p.reportedMember, 'POST', `/api/wishes/${id}/claim`), 404, 'NOT_FOUND');
  });

  it.each([
    ['limit=0', 'limit=0'],
    ['limit=101', 'limit=101'],
    ['limit=-5', 'limit=-5'],
    ['limit=abc', 'limit=abc'],
    ['cursor=abc', 'cursor=abc'],
    ['cursor=-1', 'cursor=-1'],
    ['cursor=99999999999999999999', 'cursor=99999999999999999999'],
    ['a cursor of 300 digits', `cursor=${'9'.repeat(300)}`],
    ['status=lost', 'status=lost'],
    ['category=shopping', 'category=shopping'],
    ['mine=yes', 'mine=yes'],
  ])('GET /api/wishes?communityId=… with %s answers 400 VALIDATION_FAILED', async (_what, query) => {
    expectCode(await api(t.app, p.reportedMember, 'GET', `/api/wishes?communityId=${ids['龙津社区']}&${query}`), 400, 'VALIDATION_FAILED');
  });

  it.each(['abc', '-1', '99999999999999999999'])('GET /api/wishes?communityId=%s answers 4xx with a code', async (communityId) => {
    const res = await api(t.app, p.reportedMember, 'GET', `/api/wishes?communityId=${communityId}`);
    expect(res.statusCode >= 400 && res.statusCode < 500 ? '4xx' : res.statusCode).toBe('4xx');
    expect(errorBodySchema.parse(res.json()).error.code).toMatch(/^[A-Z_]+$/);
  });

  it('a limit of 1 and of 100 are accepted', async () => {
    expect((await page(p.reportedMember, `/api/wishes?communityId=${ids['龙津社区']}&limit=1`)).items.length).toBeLessThanOrEqual(1);
    expect((await page(p.reportedMember, `/api/wishes?communityId=${ids['龙津社区']}&limit=100`)).items.length).toBeLessThanOrEqual(100);
  });
});

/**
 * The feed query must stay an index scan as wishes grow. The issue asks for "an index scan at a
 * million wishes"; 200k over 1000 communities keeps CI fast while making a sequential scan plus a
 * sort clearly the costlier plan. Skipped on PGlite: the plan that matters is the one production's
 * PostgreSQL makes, and 200k rows written through the in-process (WASM) database would dominate
 * this file's run time.
 */
const onPostgres = TEST_DB === 'postgres' ? it : it.skip;

describe('the community feed uses wishes_feed_idx at scale, without a sort', () => {
  onPostgres('plans an index scan on wishes_feed_idx and no Sort for 200k wishes over 1000 communities [PostgreSQL only]', async () => {
    const [street] = await t.app.db.select().from(orgNodes).where(sql`${orgNodes.id} = ${Number(ids['东城街道'])}`);
    const [resident] = await t.app.db.insert(users).values({ name: '批量居民', phone: freshPhone() }).returning({ id: users.id });
    await t.app.db.execute(sql`
      insert into org_nodes (parent_id, kind, name, path)
      select ${street!.id}, 'community', 'bulk-' || g, ${street!.path} || 'bulk' || g || '/'
      from generate_series(1, 1000) g`);
    await t.app.db.execute(sql`
      insert into wishes (community_id, resident_id, title, description, category, contact_phone, address, status)
      select c.ids[1 + g % 1000], ${resident!.id}, '批量心愿' || g, '用于检查执行计划的心愿', 'other', '15800000000', '批量地址',
             (array['pending_review','published','claimed','fulfilled','completed','rejected','withdrawn','disputed'])[1 + (g / 1000) % 8]::wish_status
      from generate_series(1, 200000) g,
           (select array_agg(id order by id) as ids from org_nodes where name like 'bulk-%') c`);
    await t.app.db.execute(sql`analyze wishes`);
    const [community] = rowsOf<{ id: string }>(await t.app.db.execute(sql`select id from org_nodes where name = 'bulk-500'`));
    const [published] = rowsOf<{ n: number }>(
      await t.app.db.execute(sql`select count(*)::int as n from wishes where community_id = ${community!.id} and status = 'published'`),
    );
    expect(published!.n).toBe(25);

    const explained = await t.app.db.execute(
      sql`explain (format json) select id from wishes where community_id = ${community!.id} and status = 'published' order by id desc limit 20`,
    );
    const plan = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(explained)[0]!['QUERY PLAN'][0].Plan;
    // The plan as lines such as "Limit", "Index Scan on wishes_feed_idx", shown whole on failure.
    const steps = flatten(plan).map((x) => `${x['Node Type']}${x['Index Name'] ? ` on ${x['Index Name']}` : ''}`);
    const feedScan = steps.some((x) => /^Index (Only )?Scan on wishes_feed_idx$/.test(x));
    expect(feedScan && !steps.some((x) => x.startsWith('Sort') || x.startsWith('Seq Scan')) ? 'feed index, no sort' : steps).toBe('feed index, no sort');
    // Writing 200k rows takes seconds alone, longer on a loaded machine.
  }, 180_000);
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];
