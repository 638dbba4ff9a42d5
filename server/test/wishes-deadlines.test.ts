import { wishDeadlinesSchema, type Wish } from '@huijia/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/db';
import { auditLog, wishClaims } from '../src/db/schema';
import { sweepOverdueClaims } from '../src/modules/wishes/deadlines';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  auditOfWish,
  callersOf,
  expectCode,
  expectOk,
  messagesAbout,
  newCommunity,
  reportedMembers,
  rowsOf,
  wishIn,
  type Caller,
  type Cast,
  type Who,
} from './support/wishes';

// A claimant must act in time: contact the resident within the community's contact days and
// fulfil within its fulfil days (default 7 and 30). The sweep releases what is overdue and tells
// the member and staff. The app runs it every minute; these tests call it directly after moving
// the app's clock.

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
let clock = new Date('2026-05-04T08:00:00+08:00');
/** Moves the app's clock to `at` (never backwards: earlier claims only grow more overdue). */
const setClock = (at: number) => {
  expect(at).toBeGreaterThanOrEqual(clock.getTime());
  clock = new Date(at);
};

let t: TestApp;
let ids: Record<string, string>;
let p: Record<Who, Caller>;
let cast: Cast;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  p = await callersOf(t.app, WHO);
  cast = { resident: p.resident, staff: p.staff, claimant: p.claimant };
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const sweep = () => sweepOverdueClaims(t.app.db, clock);
const read = async (wish: Pick<Wish, 'id'>) => asWish(await api(t.app, p.staff, 'GET', `/api/wishes/${wish.id}`));
const claimsOf = (wish: Pick<Wish, 'id'>) => t.app.db.select().from(wishClaims).where(eq(wishClaims.wishId, Number(wish.id)));
const claimedAtOf = (wish: Wish) => new Date(wish.claimedAt!).getTime();

/** Expects the sweep to have released the wish for `reason`, recorded and told. */
async function expectReleased(wish: Wish, reason: 'contact_overdue' | 'fulfil_overdue', claimant: Caller, staff: Caller) {
  expect(await read(wish)).toMatchObject({ status: 'published', claimantName: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null });
  const claims = await claimsOf(wish);
  expect(claims.map((c) => ({ member: c.memberId, reason: c.releaseReason, released: c.releasedAt !== null }))).toEqual([
    { member: claimant.userId, reason, released: true },
  ]);
  expect((await auditOfWish(t.app, wish.id)).at(-1)).toMatchObject({
    action: 'wish.release',
    actorId: null,
    fromState: 'claimed',
    toState: 'published',
    details: { reason, claimantId: claimant.userId },
  });
  expect((await messagesAbout(t.app, claimant, wish.id))[0]).toBe('wish.overdue');
  expect((await messagesAbout(t.app, staff, wish.id))[0]).toBe('wish.overdue');
}

describe('a claim not contacted within the contact days is released by the sweep', () => {
  it('releases it a minute past the 7 days: published again, the claim ended, the member and staff told', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'claimed');
    expect(wish.contactDueAt).toBe(new Date(claimedAtOf(wish) + 7 * DAY_MS).toISOString());
    setClock(claimedAtOf(wish) + 7 * DAY_MS + MINUTE);
    await sweep();
    await expectReleased(wish, 'contact_overdue', p.claimant, p.staff);
    expect(await messagesAbout(t.app, p.otherStaff, wish.id)).toEqual([]);
  });

  it('leaves the released wish open to another member’s claim', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'claimed');
    setClock(claimedAtOf(wish) + 8 * DAY_MS);
    await sweep();
    expect(asWish(await api(t.app, p.reportedMember, 'POST', `/api/wishes/${wish.id}/claim`))).toMatchObject({ status: 'claimed', claimantName: '赵雪梅' });
  });
});

describe('a claim contacted but not fulfilled within the fulfil days is released by the sweep', () => {
  it('keeps a contacted claim past the contact days, and releases it past the 30 days', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'contacted');
    const claimedAt = claimedAtOf(wish);
    setClock(claimedAt + 10 * DAY_MS);
    await sweep();
    expect(await read(wish)).toMatchObject({ status: 'claimed', claimantName: '李志远' });
    setClock(claimedAt + 30 * DAY_MS + MINUTE);
    await sweep();
    await expectReleased(wish, 'fulfil_overdue', p.claimant, p.staff);
  });
});

describe('before its deadline a claim is left alone', () => {
  it('keeps a claim a minute before the contact deadline and at the deadline itself', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'claimed');
    const due = new Date(wish.contactDueAt!).getTime();
    const trail = await auditOfWish(t.app, wish.id);
    setClock(due - MINUTE);
    await sweep();
    setClock(due);
    await sweep();
    expect(await read(wish)).toMatchObject({ status: 'claimed', claimantName: '李志远', contactDueAt: wish.contactDueAt });
    expect((await claimsOf(wish)).filter((c) => c.releasedAt === null)).toHaveLength(1);
    expect(await auditOfWish(t.app, wish.id)).toHaveLength(trail.length);
    expect(await messagesAbout(t.app, p.claimant, wish.id)).not.toContain('wish.overdue');
  });

  it('never releases a fulfilled wish, however long the resident takes to confirm', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'fulfilled');
    setClock(clock.getTime() + 60 * DAY_MS);
    await sweep();
    expect((await read(wish)).status).toBe('fulfilled');
  });
});

describe('a community’s own deadlines, set by its staff, apply to new claims', () => {
  const deadlinesUrl = (id: string) => `/api/communities/${id}/wish-deadlines`;

  it('its staff set them; every later claim there is due by them, earlier claims keep theirs', async () => {
    const community = await newCommunity(t.app, p.districtAdmin, ids['东城街道']!);
    const [early, late] = await reportedMembers(t.app, { communityId: community.id, unitId: ids['龙岩市第一医院']!, count: 2 });
    expect(wishDeadlinesSchema.parse(expectOk(await api(t.app, p.resident, 'GET', deadlinesUrl(community.id))))).toEqual({ contactDays: 7, fulfilDays: 30 });

    const before = await wishIn(t.app, { resident: p.resident, staff: community.staff, claimant: early! }, community.id, 'claimed');
    const set = await api(t.app, community.staff, 'PUT', deadlinesUrl(community.id), { contactDays: 2, fulfilDays: 5 });
    expect(wishDeadlinesSchema.parse(expectOk(set))).toEqual({ contactDays: 2, fulfilDays: 5 });
    expect(wishDeadlinesSchema.parse(expectOk(await api(t.app, p.reportedMember, 'GET', deadlinesUrl(community.id))))).toEqual({ contactDays: 2, fulfilDays: 5 });
    const [audit] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'community.deadlines'), eq(auditLog.entityId, community.id)))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: community.staff.userId, details: { contactDays: 2, fulfilDays: 5 } });

    const after = await wishIn(t.app, { resident: p.resident, staff: community.staff, claimant: late! }, community.id, 'claimed');
    const claimedAt = claimedAtOf(after);
    expect(after).toMatchObject({
      contactDueAt: new Date(claimedAt + 2 * DAY_MS).toISOString(),
      fulfilDueAt: new Date(claimedAt + 5 * DAY_MS).toISOString(),
    });
    expect(before.contactDueAt).toBe(new Date(claimedAtOf(before) + 7 * DAY_MS).toISOString());

    setClock(claimedAt + 2 * DAY_MS + MINUTE);
    await sweep();
    await expectReleased(after, 'contact_overdue', late!, community.staff);
    // The claim made under the old deadlines is not yet due.
    expect(await read(before)).toMatchObject({ status: 'claimed', contactDueAt: before.contactDueAt });
  });

  it('other people may not set them: staff elsewhere 404, members and residents 403', async () => {
    const set = (who: Caller) => api(t.app, who, 'PUT', deadlinesUrl(longjin), { contactDays: 1, fulfilDays: 1 });
    expectCode(await set(p.otherStaff), 404, 'NOT_FOUND');
    for (const who of ['resident', 'claimant', 'memberNotReported', 'unrelatedResident', 'streetAdmin'] as const) {
      expectCode(await set(p[who]), 403, 'FORBIDDEN');
    }
    expect(wishDeadlinesSchema.parse(expectOk(await api(t.app, p.staff, 'GET', deadlinesUrl(longjin))))).toEqual({ contactDays: 7, fulfilDays: 30 });
  });

  it.each([
    ['no contact days', { fulfilDays: 30 }],
    ['0 contact days', { contactDays: 0, fulfilDays: 30 }],
    ['61 contact days', { contactDays: 61, fulfilDays: 30 }],
    ['181 fulfil days', { contactDays: 7, fulfilDays: 181 }],
    ['fractional days', { contactDays: 1.5, fulfilDays: 30 }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_what, body) => {
    expectCode(await api(t.app, p.staff, 'PUT', deadlinesUrl(longjin), body), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['a street', () => ids['东城街道']!],
    ['an id of nothing', () => '987654321'],
    ['an id that cannot be one', () => 'abc'],
  ])('answers 404 for %s', async (_what, id) => {
    expectCode(await api(t.app, p.staff, 'PUT', deadlinesUrl(id()), { contactDays: 3, fulfilDays: 10 }), 404, 'NOT_FOUND');
  });
});

// PGlite is one session inside this process: there is no second session to hold the lock, so the
// exclusion between processes is only observable on PostgreSQL.
const onPostgres = TEST_DB === 'postgres' ? it : it.skip;

describe('with several servers on one PostgreSQL, one sweeps at a time (advisory lock)', () => {
  onPostgres('a sweep while another session holds the lock does nothing; once it is free the sweep releases [PostgreSQL only]', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'claimed');
    const [{ name }] = rowsOf<{ name: string }>(await t.app.db.execute(sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const holder = new pg.Client({ connectionString: url.toString() });
    const second = await openDatabase({ driver: 'postgres', url: url.toString(), poolSize: 2 });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtext('huijia:wish-deadlines'))`);
      // The claim falls due only once the lock is held, so the app's own timer cannot release it first.
      setClock(claimedAtOf(wish) + 8 * DAY_MS);
      expect(await sweepOverdueClaims(second.db, clock)).toBe(0);
      expect(await sweepOverdueClaims(t.app.db, clock)).toBe(0);
      expect(await read(wish)).toMatchObject({ status: 'claimed', claimantName: '李志远' });
      await holder.query('rollback');
      // Free again: a sweep (this one, or the app's timer) releases it.
      await sweepOverdueClaims(second.db, clock);
      await expectReleased(wish, 'contact_overdue', p.claimant, p.staff);
    } finally {
      await holder.end();
      await second.close();
    }
  });
});
