import { errorBodySchema, opinionSchema, type OpinionAction, type OpinionLevel } from '@huijia/shared';
import { roleGrants, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds, freshPhone } from './support/identity';
import { appointGridLeader, castOf, openAt, raise, storedOpinion, type Role } from './support/opinions';
import { listen, raceOver } from './support/service';
import { APP_START_TIMEOUT, callerOf, type Caller } from './support/wishes';

// Of holders acting on one opinion at once exactly one wins (domain.md, "Opinions"; the contract's
// conditional updates on status and level), and 附议 counts every neighbour once: races over real
// HTTP connections to a listening server, on PGlite and on PostgreSQL alike.

const NEIGHBOURS = 40;
const HOLDERS = 8;

let t: TestApp;
let base: string;
let cast: Record<Role, Caller>;
let longjin: string;
/** More staff of 龙津社区, each holding 建议 and 商议 as 张丽华 does. */
let staff: Caller[];
/** Residents of 龙津社区. */
let neighbours: Caller[];

async function people(count: number, name: string, home: string, grant?: { role: 'community_staff'; orgId: number }): Promise<Caller[]> {
  const made = await t.app.db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ phone: freshPhone(), name: `${name}${i + 1}`, homeCommunityId: Number(home) })))
    .returning({ id: users.id, phone: users.phone });
  if (grant) await t.app.db.insert(roleGrants).values(made.map((u) => ({ userId: u.id, ...grant })));
  return Promise.all(made.map((u) => callerOf(t.app, u.phone!)));
}

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  cast = await castOf(t.app, ids['新罗区']!);
  await appointGridLeader(t.app, cast.staff, cast.gridLeader);
  staff = await people(HOLDERS - 2, '龙津社工', ids['中山社区']!, { role: 'community_staff', orgId: Number(longjin) });
  neighbours = await people(NEIGHBOURS, '龙津居民', longjin);
  base = await listen(t.app);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const BODY: Record<string, Record<string, string>> = { resolve: { reply: '已派人疏通' }, escalate: { reason: '需社区党委商议' }, close: { reason: '重复反映' } };
const LOSS = '409 OPINION_STATE_CONFLICT';
const codeOf = (a: { status: number; json: unknown }) => `${a.status} ${errorBodySchema.safeParse(a.json).data?.error.code ?? ''}`.trim();

/** Each holder takes their action on the opinion at the same moment, at the level they all saw it at. */
const holdersRace = (id: string, level: OpinionLevel, moves: { who: Caller; action: OpinionAction }[]) =>
  raceOver(base, moves, (m) => ({ method: 'POST', path: `/api/opinions/${id}/${m.action}`, token: m.who.token, body: { ...BODY[m.action], level } }));

describe(`of holders acting on one open opinion at once, exactly one wins (${TEST_DB})`, () => {
  const pairs: [OpinionAction, OpinionAction][] = [
    ['resolve', 'escalate'],
    ['escalate', 'escalate'],
    ['resolve', 'resolve'],
    ['close', 'resolve'],
    ['escalate', 'close'],
  ];
  it.each(pairs)('the community’s staff (%s) and the grid branch’s leader (%s) at 建议: one 200, one 409, one step', async (first, second) => {
    const opinion = await raise(t.app, cast.reporter, longjin);
    const before = await storedOpinion(t.app, opinion.id);
    const answers = await holdersRace(opinion.id, 'branch', [
      { who: cast.staff, action: first },
      { who: cast.gridLeader, action: second },
    ]);
    const won = answers.filter((a) => a.status === 200);
    expect(answers.map(codeOf).sort()).toEqual(['200', LOSS]);
    const winner = opinionSchema.parse(won[0]!.json);
    const stored = await storedOpinion(t.app, opinion.id);
    expect(stored.steps.length).toBe(before.steps.length + 1);
    expect(stored.audit.length).toBe(before.audit.length + 1);
    expect({ status: stored.row.status, level: stored.row.level }).toEqual({ status: winner.status, level: winner.level });
    expect(stored.steps.at(-1)!.actorId).toBe(won[0]!.caller.who.userId);
  });

  it(`${HOLDERS} holders of 商议 resolving, escalating and closing at once: one wins, every other answer is 409, one step`, async () => {
    for (let round = 0; round < 3; round++) {
      const opinion = await openAt(t.app, cast, longjin, 'community');
      const before = await storedOpinion(t.app, opinion.id);
      const actions: OpinionAction[] = ['resolve', 'escalate', 'close'];
      const moves = [cast.staff, ...staff].map((who, i) => ({ who, action: actions[(i + round) % 3]! }));
      const answers = await holdersRace(opinion.id, 'community', moves);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(new Set(answers.filter((a) => a.status !== 200).map(codeOf))).toEqual(new Set([LOSS]));
      const stored = await storedOpinion(t.app, opinion.id);
      expect(stored.steps.length - before.steps.length).toBe(1);
      expect(stored.audit.length - before.audit.length).toBe(1);
    }
  });

  it('the street escalating at 审议 while the community, which passed it up, tries to resolve it: one 200, one 409', async () => {
    const opinion = await openAt(t.app, cast, longjin, 'street');
    const answers = await holdersRace(opinion.id, 'street', [
      { who: cast.streetAdmin, action: 'escalate' },
      { who: cast.staff, action: 'resolve' },
    ]);
    expect(answers.map(codeOf).sort()).toEqual(['200', LOSS]);
    expect((await storedOpinion(t.app, opinion.id)).row).toMatchObject({ status: 'open', level: 'representative' });
  });
});

describe(`附议 under concurrency (${TEST_DB})`, () => {
  it(`${NEIGHBOURS} neighbours seconding one opinion at once are each counted once`, async () => {
    const opinion = await raise(t.app, cast.reporter, longjin);
    const answers = await raceOver(base, neighbours, (n) => ({ method: 'POST', path: `/api/opinions/${opinion.id}/second`, token: n.token }));
    expect(answers.map(codeOf)).toEqual(neighbours.map(() => '200'));
    const stored = await storedOpinion(t.app, opinion.id);
    expect(stored.row.seconds).toBe(NEIGHBOURS);
    expect(stored.seconds.map((s) => s.userId).sort((a, b) => a - b)).toEqual(neighbours.map((n) => n.userId).sort((a, b) => a - b));
    expect(Math.max(...answers.map((a) => opinionSchema.parse(a.json).seconds))).toBe(NEIGHBOURS);
  });

  it('one neighbour seconding ten times at once is counted once; the others answer 409 OPINION_ALREADY_SECONDED', async () => {
    const opinion = await raise(t.app, cast.reporter, longjin);
    const answers = await raceOver(base, Array.from({ length: 10 }, () => cast.neighbour), (n) => ({ method: 'POST', path: `/api/opinions/${opinion.id}/second`, token: n.token }));
    expect(answers.map(codeOf).sort()).toEqual(['200', ...Array.from({ length: 9 }, () => '409 OPINION_ALREADY_SECONDED')]);
    const stored = await storedOpinion(t.app, opinion.id);
    expect(stored.row.seconds).toBe(1);
    expect(stored.seconds.map((s) => s.userId)).toEqual([cast.neighbour.userId]);
  });

  it('seconds racing a resolution: each counts or answers 409, and the count is the rows', async () => {
    const opinion = await raise(t.app, cast.reporter, longjin);
    const moves = [...neighbours.slice(0, 20).map((who) => ({ who, path: 'second' })), { who: cast.staff, path: 'resolve' }];
    const answers = await raceOver(base, moves, (m) => ({ method: 'POST', path: `/api/opinions/${opinion.id}/${m.path}`, token: m.who.token, body: m.path === 'resolve' ? BODY.resolve : undefined }));
    expect(codeOf(answers.at(-1)!)).toBe('200');
    const seconds = answers.slice(0, -1);
    expect(new Set(seconds.map(codeOf).filter((c) => c !== '200'))).toEqual(new Set(seconds.some((a) => a.status !== 200) ? [LOSS] : []));
    const stored = await storedOpinion(t.app, opinion.id);
    expect(stored.row.status).toBe('resolved');
    expect(stored.row.seconds).toBe(seconds.filter((a) => a.status === 200).length);
    expect(stored.seconds).toHaveLength(stored.row.seconds);
  });
});
