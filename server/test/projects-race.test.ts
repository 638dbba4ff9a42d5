import { chinaToday, errorBodySchema, projectDetailSchema } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { projectEvents, projects } from '../src/db/schema';
import { shiftDays } from './support/agreements';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { listen, raceOver } from './support/service';
import { api, APP_START_TIMEOUT, callersOf, expectOk, reportedMembers, type Caller } from './support/wishes';

// 项目认领 is exclusive: of many claims at once exactly one wins (one conditional update on the
// status), and of staff accepting and sending back one report at once exactly one wins — over real
// HTTP connections, on both databases.

let t: TestApp;
let base: string;
let ids: Record<string, string>;
let who: Record<'staff' | 'hospitalAdmin', Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { jobs: false } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, { staff: '13900000011', hospitalAdmin: '13900000021' });
  base = await listen(t.app);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const codeOf = (a: { status: number; json: unknown }) => `${a.status} ${errorBodySchema.safeParse(a.json).data?.error.code ?? ''}`.trim();

async function publish(): Promise<string> {
  const body = {
    communityId: ids['龙津社区']!,
    category: 'volunteering',
    title: '周末助老服务',
    description: '每周六上午为独居老人上门打扫卫生。',
    dueOn: shiftDays(chinaToday(new Date()), 30),
  };
  return projectDetailSchema.parse(expectOk(await api(t.app, who.staff, 'POST', '/api/projects', body), 201)).id;
}

it('twenty claims at once: exactly one wins, the rest are answered 409 PROJECT_ALREADY_CLAIMED, one claimed event', async () => {
  const members = await reportedMembers(t.app, { communityId: ids['龙津社区']!, unitId: ids['龙岩市第一医院']!, count: 19, name: '认领党员' });
  const callers = [...members.map((m) => ({ caller: m, body: { as: 'self' } })), { caller: who.hospitalAdmin, body: { as: 'unit', unitId: ids['龙岩市第一医院']! } }];
  const id = await publish();
  const answers = await raceOver(base, callers, (c) => ({ method: 'POST', path: `/api/projects/${id}/claim`, token: c.caller.token, body: c.body }));
  const codes = answers.map(codeOf);
  expect(codes.filter((c) => c === '200')).toHaveLength(1);
  expect(codes.filter((c) => c === '409 PROJECT_ALREADY_CLAIMED')).toHaveLength(callers.length - 1);
  const winner = answers.find((a) => a.status === 200)!.caller.caller;
  const [row] = await t.app.db.select().from(projects).where(eq(projects.id, Number(id)));
  expect(row).toMatchObject({ status: 'claimed', leadUserId: winner.userId });
  const claimed = await t.app.db.select().from(projectEvents).where(and(eq(projectEvents.projectId, Number(id)), eq(projectEvents.kind, 'claimed')));
  expect(claimed).toHaveLength(1);
});

it('accept against send-back: one wins, the other is answered 409 PROJECT_STATE_CONFLICT', async () => {
  for (let round = 0; round < 4; round++) {
    const id = await publish();
    expectOk(await api(t.app, who.hospitalAdmin, 'POST', `/api/projects/${id}/claim`, { as: 'unit', unitId: ids['龙岩市第一医院']! }));
    expectOk(await api(t.app, who.hospitalAdmin, 'POST', `/api/projects/${id}/complete`, { content: '服务已全部完成' }));
    const answers = await raceOver(base, ['accept', 'send-back'] as const, (action) => ({
      method: 'POST',
      path: `/api/projects/${id}/${action}`,
      token: who.staff.token,
      body: action === 'send-back' ? { reason: '请补充照片' } : undefined,
    }));
    const codes = answers.map(codeOf).sort();
    expect(codes).toEqual(['200', '409 PROJECT_STATE_CONFLICT']);
    const winner = answers.find((a) => a.status === 200)!.caller;
    const [row] = await t.app.db.select().from(projects).where(eq(projects.id, Number(id)));
    expect(row!.status).toBe(winner === 'accept' ? 'completed' : 'claimed');
    const events = await t.app.db.select().from(projectEvents).where(eq(projectEvents.projectId, Number(id)));
    expect(events.filter((e) => e.kind === 'accepted' || e.kind === 'sent_back')).toHaveLength(1);
  }
});
