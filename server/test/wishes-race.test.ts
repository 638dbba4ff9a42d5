import { errorBodySchema, wishSchema } from '@huijia/shared';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { auditLog, wishClaims } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { APP_START_TIMEOUT, WHO, callerOf, reportedMembers, wishIn, type Caller, type Cast } from './support/wishes';

// One live claim per wish, guaranteed by the database (domain.md): members race for one wish over
// real HTTP connections to a listening server, on PGlite and on PostgreSQL alike.

const RACERS = 60;
const ROUNDS = 4;

let t: TestApp;
let base: string;
let cast: Cast;
let members: Caller[];
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  cast = { resident: await callerOf(t.app, WHO.resident), staff: await callerOf(t.app, WHO.staff), claimant: await callerOf(t.app, WHO.claimant) };
  members = await reportedMembers(t.app, { communityId: longjin, unitId: ids['龙岩市第一医院']!, count: RACERS, name: '抢单党员' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a port');
  base = `http://127.0.0.1:${address.port}`;
}, APP_START_TIMEOUT);
afterAll(() => t.close());

/** Wishes anywhere in the database with more than one live claim: there must never be any. */
const wishesWithTwoLiveClaims = () =>
  t.app.db
    .select({ wishId: wishClaims.wishId, n: count() })
    .from(wishClaims)
    .where(isNull(wishClaims.releasedAt))
    .groupBy(wishClaims.wishId)
    .having(({ n }) => gt(n, 1));

/** Every member claims the wish at once, each on a connection of its own. */
async function race(wishId: string): Promise<{ status: number; body: unknown; member: Caller }[]> {
  let go!: () => void;
  const start = new Promise<void>((resolve) => (go = resolve));
  const answers = members.map(async (member) => {
    await start;
    const res = await fetch(`${base}/api/wishes/${wishId}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, connection: 'close' },
    });
    return { status: res.status, body: (await res.json()) as unknown, member };
  });
  go();
  return Promise.all(answers);
}

describe(`of ${RACERS} members claiming one published wish at once, exactly one wins (${TEST_DB})`, () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'round %i: one 200, every other answer 409 WISH_ALREADY_CLAIMED, one wish.claim audit row, one live claim',
    async () => {
      const wish = await wishIn(t.app, cast, longjin, 'published');
      const answers = await race(wish.id);

      const winners = answers.filter((a) => a.status === 200);
      const others = answers.filter((a) => a.status !== 200);
      expect({ winners: winners.length, others: others.length }).toEqual({ winners: 1, others: RACERS - 1 });
      const won = wishSchema.parse(winners[0]!.body);
      expect(won).toMatchObject({ id: wish.id, status: 'claimed', viewerActors: ['claimant', 'reported_member'] });
      // Every loser hears the same thing: the wish is taken (never a 500, never a state conflict).
      expect(new Set(others.map((a) => `${a.status} ${errorBodySchema.parse(a.body).error.code}`))).toEqual(new Set(['409 WISH_ALREADY_CLAIMED']));

      const live = await t.app.db
        .select()
        .from(wishClaims)
        .where(and(eq(wishClaims.wishId, Number(wish.id)), isNull(wishClaims.releasedAt)));
      expect(live.map((c) => c.memberId)).toEqual([winners[0]!.member.userId]);
      const [all] = await t.app.db.select({ n: count() }).from(wishClaims).where(eq(wishClaims.wishId, Number(wish.id)));
      expect(all!.n).toBe(1);
      const claims = await t.app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, wish.id), eq(auditLog.action, 'wish.claim')));
      expect(claims.map((r) => r.actorId)).toEqual([winners[0]!.member.userId]);
      expect(await wishesWithTwoLiveClaims()).toEqual([]);
    },
  );

  it('a wish released after a race is won again by exactly one member of a second race', async () => {
    const wish = await wishIn(t.app, cast, longjin, 'published');
    const first = (await race(wish.id)).find((a) => a.status === 200)!;
    const release = await fetch(`${base}/api/wishes/${wish.id}/release`, { method: 'POST', headers: { authorization: `Bearer ${first.member.token}` } });
    expect(release.status).toBe(200);
    const second = await race(wish.id);
    expect(second.filter((a) => a.status === 200)).toHaveLength(1);
    expect(second.filter((a) => a.status === 409)).toHaveLength(RACERS - 1);
    const live = await t.app.db
      .select()
      .from(wishClaims)
      .where(and(eq(wishClaims.wishId, Number(wish.id)), isNull(wishClaims.releasedAt)));
    expect(live).toHaveLength(1);
    const claims = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, wish.id), eq(auditLog.action, 'wish.claim')));
    expect(claims).toHaveLength(2);
    expect(await wishesWithTwoLiveClaims()).toEqual([]);
  });
});
