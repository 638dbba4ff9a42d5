import { householdSchema, postSchema, wishSchema, type Session } from '@huijia/shared';
import { and, eq, sql } from 'drizzle-orm';
import { households, pairings, postSeats, posts, reports, wishes } from '../src/db/schema';
import { rowsOf } from '../src/db/raw';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { RESIDENT, STAFF_OF, UNIT_ADMIN_OF, call, confirmedMember, expectStatus, me, signInAll } from './support/reporting';
import { listen, postBody, raceOver } from './support/service';

// What a member takes on in a community by their confirmed report (a post seat, a pairing, a wish) while
// that report ends at the same moment: the report is held while it is written, so the ending
// either comes after and hands it back, or comes first and it is refused. Never a seat or a
// pairing left behind by an ending it raced. Over real HTTP connections, on PGlite and PostgreSQL.

const ROUNDS = 6;

let t: TestApp;
let base: string;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const staff = () => sessions.get(STAFF_OF.龙津社区)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [STAFF_OF.龙津社区, UNIT_ADMIN_OF.龙岩市第一医院, RESIDENT]);
  base = await listen(t.app);
});
afterAll(() => t.close());

let counter = 0;
/** A member of 龙岩市第一医院 confirmed at 龙津社区, and their report's id. */
async function reported(): Promise<{ member: Session; reportId: string }> {
  const { member } = await confirmedMember(t.app, {
    unitId: ids['龙岩市第一医院']!,
    community: ids['龙津社区']!,
    unitAdmin: sessions.get(UNIT_ADMIN_OF.龙岩市第一医院)!,
    staff: staff(),
    name: `竞态党员${++counter}`,
  });
  return { member, reportId: (await me(t.app, member)).report!.id };
}

/** The member takes something on and ends their report (调离) at the same moment. */
const takeWhileEnding = (member: Session, reportId: string, take: { path: string; body?: unknown }) =>
  raceOver(base, ['take', 'end'] as const, (move) =>
    move === 'take'
      ? { method: 'POST', path: take.path, token: member.accessToken, body: take.body }
      : { method: 'POST', path: `/api/reports/${reportId}/end`, token: member.accessToken, body: { reason: 'reassigned' } },
  );

describe(`a report ending while its member takes something on (${TEST_DB})`, () => {
  it('认岗: the seat is taken and left with the report, or refused; the post counts only active seats', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { member, reportId } = await reported();
      const post = postSchema.parse(expectStatus(await call(t.app, staff(), 'POST', '/api/posts', postBody(ids['龙津社区']!)), 201));
      const [claimed, ended] = await takeWhileEnding(member, reportId, { path: `/api/posts/${post.id}/claim`, body: { commitment: '我承诺按时到岗，接受社区和群众监督。' } });
      expect(ended!.status).toBe(200);
      expect([200, 403]).toContain(claimed!.status);
      const seats = await t.app.db.select().from(postSeats).where(eq(postSeats.postId, Number(post.id)));
      expect(seats.filter((s) => s.status === 'active')).toEqual([]);
      const [row] = await t.app.db.select({ seatsTaken: posts.seatsTaken }).from(posts).where(eq(posts.id, Number(post.id)));
      expect(row!.seatsTaken).toBe(0);
    }
  });

  it('结对: the pairing is made and ended with the report, or refused; the household counts only active pairings', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { member, reportId } = await reported();
      const household = householdSchema.parse(
        expectStatus(
          await call(t.app, staff(), 'POST', '/api/households', { communityId: ids['龙津社区']!, name: '张德顺', needs: '独居老人，需要每周探访。', address: '阳光花园 3 栋 201 室' }),
          201,
        ),
      );
      const [paired, ended] = await takeWhileEnding(member, reportId, { path: `/api/households/${household.id}/pair` });
      expect(ended!.status).toBe(200);
      expect([200, 403]).toContain(paired!.status);
      const active = await t.app.db
        .select()
        .from(pairings)
        .where(and(eq(pairings.householdId, Number(household.id)), eq(pairings.status, 'active')));
      expect(active).toEqual([]);
      const [row] = await t.app.db.select({ activePairings: households.activePairings }).from(households).where(eq(households.id, Number(household.id)));
      expect(row!.activePairings).toBe(0);
    }
  });

  it('认领: the wish is claimed and handed back with the report, or the claim refused; never left claimed by them', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { member, reportId } = await reported();
      const body = { communityId: ids['龙津社区']!, title: '帮忙修理水龙头', description: '厨房水龙头一直漏水，老人独居不会修。', category: 'repair', contactPhone: '15800001111', address: '阳光花园 1 栋 301 室' };
      const wish = wishSchema.parse(expectStatus(await call(t.app, sessions.get(RESIDENT)!, 'POST', '/api/wishes', body), 201));
      expectStatus(await call(t.app, staff(), 'POST', `/api/wishes/${wish.id}/approve`), 200);
      const [claimed, ended] = await takeWhileEnding(member, reportId, { path: `/api/wishes/${wish.id}/claim` });
      expect(ended!.status).toBe(200);
      expect([200, 403]).toContain(claimed!.status);
      if (claimed!.status === 403) expect(claimed!.body).toContain('NOT_REPORTED_HERE');
      const [row] = await t.app.db.select({ status: wishes.status, claimantId: wishes.claimantId }).from(wishes).where(eq(wishes.id, Number(wish.id)));
      expect(row).toEqual({ status: 'published', claimantId: null });
    }
  });
});

/** Whether a request of this database waits on a row lock now. */
const someoneWaits = async () =>
  (await rowsOf<{ n: number }>(t.app.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0]!.n > 0;

/**
 * An ending caught in the act: a transaction holds the report as an ending does (FOR UPDATE) while
 * the member's request arrives; once that request waits on it, the report is ended and committed.
 * The request then finds no confirmed report and is refused, and nothing of it is written.
 */
async function takeDuringEnding(member: Session, reportId: string, take: { path: string; body?: unknown }) {
  let answer!: Promise<Response>;
  await t.app.db.transaction(async (tx) => {
    await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, Number(reportId))).for('update');
    answer = fetch(`${base}${take.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.accessToken}`, ...(take.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: take.body === undefined ? undefined : JSON.stringify(take.body),
    });
    // Until the request waits on the report (a few tries; without the lock it never does).
    for (let i = 0; i < 100 && !(await someoneWaits()); i++) await new Promise((r) => setTimeout(r, 20));
    await tx.update(reports).set({ status: 'ended', endedAt: new Date(), endReason: 'reassigned' }).where(eq(reports.id, Number(reportId)));
  });
  const res = await answer;
  return { status: res.status, body: await res.text() };
}

(TEST_DB === 'postgres' ? describe : describe.skip)('a taking that arrives while an ending holds the report waits, then is refused [PostgreSQL only]', () => {
  it('认岗', async () => {
    const { member, reportId } = await reported();
    const post = postSchema.parse(expectStatus(await call(t.app, staff(), 'POST', '/api/posts', postBody(ids['龙津社区']!)), 201));
    const answer = await takeDuringEnding(member, reportId, { path: `/api/posts/${post.id}/claim`, body: { commitment: '我承诺按时到岗，接受社区和群众监督。' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('NOT_REPORTED_HERE');
    expect(await t.app.db.select().from(postSeats).where(eq(postSeats.postId, Number(post.id)))).toEqual([]);
  });

  it('结对', async () => {
    const { member, reportId } = await reported();
    const household = householdSchema.parse(
      expectStatus(await call(t.app, staff(), 'POST', '/api/households', { communityId: ids['龙津社区']!, name: '李阿姨', needs: '独居老人，需要每周探访。', address: '阳光花园 5 栋 101 室' }), 201),
    );
    const answer = await takeDuringEnding(member, reportId, { path: `/api/households/${household.id}/pair` });
    expect(answer.status).toBe(403);
    expect(await t.app.db.select().from(pairings).where(eq(pairings.householdId, Number(household.id)))).toEqual([]);
  });

  it('认领', async () => {
    const { member, reportId } = await reported();
    const body = { communityId: ids['龙津社区']!, title: '帮忙换灯泡', description: '楼道灯泡坏了，老人看不清台阶。', category: 'repair', contactPhone: '15800001112', address: '阳光花园 2 栋 101 室' };
    const wish = wishSchema.parse(expectStatus(await call(t.app, sessions.get(RESIDENT)!, 'POST', '/api/wishes', body), 201));
    expectStatus(await call(t.app, staff(), 'POST', `/api/wishes/${wish.id}/approve`), 200);
    const answer = await takeDuringEnding(member, reportId, { path: `/api/wishes/${wish.id}/claim` });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('NOT_REPORTED_HERE');
    const [row] = await t.app.db.select({ status: wishes.status, claimantId: wishes.claimantId }).from(wishes).where(eq(wishes.id, Number(wish.id)));
    expect(row).toEqual({ status: 'published', claimantId: null });
  });
});
