import { householdSchema, postSchema, type Session } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { households, pairings, postSeats, posts } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { STAFF_OF, UNIT_ADMIN_OF, call, confirmedMember, expectStatus, me, signInAll } from './support/reporting';
import { listen, postBody, raceOver } from './support/service';

// What a member takes on in a community by their confirmed report (a post seat, a pairing) while
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
  sessions = await signInAll(t.app, [STAFF_OF.龙津社区, UNIT_ADMIN_OF.龙岩市第一医院]);
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
});
