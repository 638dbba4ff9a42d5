import { errorBodySchema } from '@huijia/shared';
import { agreementBody, agreementsOf, paired, PARTIES, proposed, term } from './support/agreements';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { listen, raceOver } from './support/service';
import { APP_START_TIMEOUT, callersOf, type Caller } from './support/wishes';

// Of the unit's admin accepting and the community's staff withdrawing one proposal at once, exactly
// one wins (conditional updates on the status): over real HTTP connections, on both databases.

let t: TestApp;
let base: string;
let ids: Record<string, string>;
let who: Record<'staff' | 'unitAdmin', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { jobs: false } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, { staff: PARTIES.staff, unitAdmin: PARTIES.unitAdmin });
  base = await listen(t.app);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const codeOf = (a: { status: number; json: unknown }) => `${a.status} ${errorBodySchema.safeParse(a.json).data?.error.code ?? ''}`.trim();

it('accept against withdraw: one wins, the other is answered 409 AGREEMENT_STATE_CONFLICT, and the pair follows the winner', async () => {
  const school = ids['新罗区实验小学']!;
  const zhongshan = ids['中山社区']!;
  const staff = (await callersOf(t.app, { s: '13900000012' })).s;
  const outcomes = new Set<string>();
  for (let round = 0; round < 6; round++) {
    const a = await proposed(t.app, staff, agreementBody(school, zhongshan, term(new Date(), round * 400, 1)));
    const answers = await raceOver(base, ['accept', 'withdraw'] as const, (action) => ({
      method: 'POST',
      path: `/api/agreements/${a.id}/${action}`,
      token: action === 'accept' ? who.unitAdmin.token : staff.token,
    }));
    const codes = answers.map(codeOf).sort();
    expect(codes.filter((c) => c === '200')).toHaveLength(1);
    expect(codes.filter((c) => c === '409 AGREEMENT_STATE_CONFLICT')).toHaveLength(1);
    const winner = answers.find((x) => x.status === 200)!.caller;
    outcomes.add(winner);
    const stored = (await agreementsOf(t.app, school, zhongshan)).find((r) => String(r.id) === a.id)!;
    expect(stored.status).toBe(winner === 'accept' ? 'active' : 'withdrawn');
    if (round === 0) expect(await paired(t.app, school, zhongshan)).toBe(winner === 'accept');
  }
  expect(outcomes.size).toBeGreaterThan(0);
});
