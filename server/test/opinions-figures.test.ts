// GET /api/stats/opinions (民情 figures of a node and period) and GET /api/exports/opinions.xlsx
// (民情台账). Opinions in every state, level, rating and source, inside the period, outside it and on
// its edges, are written straight into the tables (the opinion flow is another file's subject); every
// figure of a node, of each of its children and of its collectors is checked against counts of the
// base tables, and a community of its own is counted by hand. The app's clock is the test's, so that
// what is overdue moves with it.
import { OPINION_LEVELS, opinionStatsSchema, type OpinionFigures, type OpinionLevel, type OpinionStats, type Satisfaction } from '@huijia/shared';
import { sql, type SQL } from 'drizzle-orm';
import { opinions } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { column, sheetOf, type Sheet } from './support/sheets';
import { PEOPLE, api, callersOf, expectCode, expectOk, type Caller } from './support/service';
import { APP_START_TIMEOUT, newCommunity, rowsOf } from './support/wishes';

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'liandongStaff' | 'xinanStaff' | 'districtAdmin' | 'streetAdminEast' | 'unitAdmin' | 'partyRep', Caller>;

/** The app's clock: a spring morning in 2026, moved by the tests of what is overdue. */
const START = new Date('2026-04-10T10:00:00+08:00');
let clock = START;

/** The period most tests ask for: the first quarter of 2026, in China. */
const Q1 = { from: '2026-01', to: '2026-03' };
const Q1_START = new Date('2026-01-01T00:00:00+08:00');
const Q1_END = new Date('2026-04-01T00:00:00+08:00');

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY);

/** Phones written into the opinions (a contact, a source person's): none may reach a ledger. */
const CONTACT = '13812345678';
const SOURCE_PHONE = '13698765432';
const ANY_PHONE = /1[3-9]\d{9}/;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, {
    ...PEOPLE,
    liandongStaff: '13900000013',
    xinanStaff: '13900000014',
    districtAdmin: '13900000001',
    streetAdminEast: '13900000002',
    unitAdmin: '13900000021',
    partyRep: '13900000004',
  });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

type NewOpinion = typeof opinions.$inferInsert;

/** An opinion as a row: open at 建议, raised by `reporterId` for `communityId` at `createdAt`, then `rest`. */
function opinionRow(communityId: string | number, reporterId: number, createdAt: Date, rest: Partial<NewOpinion> = {}): NewOpinion {
  return {
    communityId: Number(communityId),
    category: 'drainage',
    title: '排水沟堵塞',
    description: '楼前排水沟堵塞，下雨积水。',
    source: 'self',
    reporterId,
    contactPhone: rest.source && rest.source !== 'self' ? null : CONTACT,
    createdAt,
    updatedAt: createdAt,
    ...rest,
  };
}

/** A small deterministic generator, so that a failure repeats. */
function randomOf(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

/**
 * The spread: 320 opinions over the four demo communities of two streets, raised from mid-November
 * 2025 to May 2026 (so before, inside and after Q1), in every state, at every level, rated every
 * way or not, raised in the app or logged by staff and members; open ones due before the clock,
 * after it, or not at all.
 */
function spread(): NewOpinion[] {
  const r = randomOf(20_260_410);
  const communities = ['龙津社区', '中山社区', '莲东社区', '溪南社区'] as const;
  const staffOf: Record<(typeof communities)[number], () => Caller> = {
    龙津社区: () => who.staff,
    中山社区: () => who.otherStaff,
    莲东社区: () => who.liandongStaff,
    溪南社区: () => who.xinanStaff,
  };
  const raisers = [who.resident, who.otherResident, who.residentElsewhere, who.member, who.memberElsewhere];
  const loggers = (c: (typeof communities)[number]) => [staffOf[c](), who.member, who.otherMember];
  const from = at('2025-11-15T00:00:00+08:00').getTime();
  const to = at('2026-05-10T00:00:00+08:00').getTime();
  const rows: NewOpinion[] = [];
  for (let i = 0; i < 320; i++) {
    const community = communities[i % communities.length]!;
    const createdAt = new Date(from + Math.floor(r.next() * (to - from)));
    const source = r.pick(['self', 'self', 'collected', 'mailbox'] as const);
    const reporter = source === 'self' ? r.pick(raisers) : r.pick(loggers(community));
    const level = r.pick(OPINION_LEVELS);
    const levelReached = OPINION_LEVELS[Math.max(OPINION_LEVELS.indexOf(level), Math.floor(r.next() * 4))]!;
    const status = r.pick(['open', 'resolved', 'closed'] as const);
    const doneAt = after(createdAt, 0.05 + r.next() * 40);
    const base = { source, level, levelReached, status, raisedByName: source === 'self' ? null : '刘大爷', raisedByPhone: source === 'self' ? null : SOURCE_PHONE };
    const rest: Partial<NewOpinion> =
      status === 'resolved'
        ? { reply: '已处理。', resolvedAt: doneAt, satisfaction: r.pick<Satisfaction | null>([null, 'satisfied', 'basically_satisfied', 'unsatisfied']) }
        : status === 'closed'
          ? { closedReason: '重复反映，已合并办理。', closedAt: doneAt }
          : { dueAt: r.pick([null, after(createdAt, 1 + r.next() * 30), after(START, 1 + r.next() * 10), after(START, -1 - r.next() * 10)]) };
    rows.push(opinionRow(ids[community]!, reporter.userId, createdAt, { ...base, ...rest }));
  }
  // On the edges of Q1, in China: its first and last instants are in it, the ones beside them not.
  const longjin = ids['龙津社区']!;
  for (const createdAt of ['2026-01-01T00:00:00+08:00', '2025-12-31T23:59:59.999+08:00', '2026-03-31T23:59:59.999+08:00', '2026-04-01T00:00:00+08:00']) {
    rows.push(opinionRow(longjin, who.resident.userId, at(createdAt), { status: 'resolved', level: 'community', levelReached: 'community', resolvedAt: after(at(createdAt), 1.5), satisfaction: 'satisfied' }));
  }
  return rows;
}

const statsAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/stats/opinions?${query}`);
const exportAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/exports/opinions.xlsx?${query}`);

async function stats(query: string, caller: Caller = who.districtAdmin): Promise<OpinionStats> {
  return opinionStatsSchema.parse(expectOk(await statsAs(caller, query)));
}

const q = (orgId: string, period: { from: string; to: string } = Q1) => `orgId=${orgId}&from=${period.from}&to=${period.to}`;

async function pathOf(orgId: string): Promise<string> {
  const [row] = rowsOf<{ path: string }>(await t.app.db.execute(sql`select path from org_nodes where id = ${orgId}`));
  return row!.path;
}

/**
 * What a node's figures must be, counted straight from the base tables: the opinions of the
 * communities whose path starts with the node's, raised in [start, end), overdue as of `now`.
 */
async function counted(orgId: string, start: Date, end: Date, now: Date): Promise<{ figures: OpinionFigures; collectors: OpinionStats['collectors'] }> {
  const path = `${await pathOf(orgId)}%`;
  const under = sql`o.community_id in (select id from org_nodes where path like ${path})`;
  const raised = sql`${under} and o.created_at >= ${start.toISOString()}::timestamptz and o.created_at < ${end.toISOString()}::timestamptz`;
  const count = async (where: SQL) =>
    rowsOf<{ n: number }>(await t.app.db.execute(sql`select count(*)::int as n from opinions o where ${where}`))[0]!.n;
  const resolvedAtLevel = {} as Record<OpinionLevel, number>;
  for (const level of OPINION_LEVELS) resolvedAtLevel[level] = await count(sql`${raised} and o.status = 'resolved' and o.level = ${level}`);
  const seconds = rowsOf<{ s: number | string }>(
    await t.app.db.execute(sql`select extract(epoch from o.resolved_at - o.created_at)::float8 as s from opinions o where ${raised} and o.status = 'resolved'`),
  )
    .map((r) => Number(r.s))
    .sort((a, b) => a - b);
  const mid = (seconds.length - 1) / 2;
  const median = seconds.length === 0 ? null : (seconds[Math.floor(mid)]! + seconds[Math.ceil(mid)]!) / 2;
  const figures = {
    raised: await count(raised),
    resolved: await count(sql`${raised} and o.status = 'resolved'`),
    closed: await count(sql`${raised} and o.status = 'closed'`),
    rated: await count(sql`${raised} and o.status = 'resolved' and o.satisfaction is not null`),
    satisfied: await count(sql`${raised} and o.status = 'resolved' and o.satisfaction in ('satisfied', 'basically_satisfied')`),
    resolvedAtLevel,
    medianDaysToResolve: median === null ? null : Math.round(median / 8640) / 10,
    overdue: await count(sql`${under} and o.status = 'open' and o.due_at < ${now.toISOString()}::timestamptz`),
    collected: await count(sql`${raised} and o.source in ('collected', 'mailbox')`),
  };
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);
  const collectors = rowsOf<{ id: number | string; name: string; n: number }>(
    await t.app.db.execute(sql`
      select o.reporter_id as id, u.name, count(*)::int as n from opinions o join users u on u.id = o.reporter_id
       where ${raised} and o.source in ('collected', 'mailbox') group by o.reporter_id, u.name order by n desc, o.reporter_id`),
  ).map((c) => ({ id: String(c.id), name: c.name, collected: c.n }));
  return {
    figures: { ...figures, resolutionRate: share(figures.resolved, figures.raised), satisfactionRate: share(figures.satisfied, figures.rated) },
    collectors,
  };
}

const childrenOf = async (orgId: string) =>
  rowsOf<{ id: number | string }>(
    await t.app.db.execute(sql`select id from org_nodes where parent_id = ${orgId} and kind in ('district', 'street', 'community') order by id`),
  ).map((r) => String(r.id));

/** Asserts a node's answer, each of its children's rows and its collectors against the counts. */
async function expectCounted(orgId: string, answer: OpinionStats, start: Date, end: Date, now: Date) {
  const own = await counted(orgId, start, end, now);
  expect(answer.figures).toEqual(own.figures);
  expect(answer.collectors).toEqual(own.collectors);
  expect(answer.children.map((c) => c.id)).toEqual(await childrenOf(orgId));
  for (const child of answer.children) expect({ child: child.name, figures: child.figures }).toEqual({ child: child.name, figures: (await counted(child.id, start, end, now)).figures });
}

describe('the figures of a node and of its children are counts of the base tables', () => {
  beforeAll(async () => {
    await t.app.db.insert(opinions).values(spread());
  });

  it.each(['新罗区', '东城街道', '西城街道', '龙津社区', '溪南社区'])('%s, over the first quarter', async (node) => {
    const answer = await stats(q(ids[node]!));
    expect(answer.subject).toMatchObject({ id: ids[node], name: node });
    expect(answer.period).toEqual(Q1);
    await expectCounted(ids[node]!, answer, Q1_START, Q1_END, clock);
    if (node === '新罗区') {
      // Not empty: every kind of figure has something to count.
      const f = answer.figures;
      for (const n of [f.raised, f.resolved, f.closed, f.rated, f.satisfied, f.overdue, f.collected, ...Object.values(f.resolvedAtLevel)]) expect(n).toBeGreaterThan(0);
      expect(f.rated).toBeLessThan(f.resolved);
      expect(answer.collectors.length).toBeGreaterThan(1);
    }
  });

  it('a node’s counts are its children’s sums', async () => {
    const { figures, children } = await stats(q(ids['新罗区']!));
    expect(children.map((c) => c.name)).toEqual(['东城街道', '西城街道']);
    for (const k of ['raised', 'resolved', 'closed', 'rated', 'satisfied', 'overdue', 'collected'] as const) {
      expect(figures[k]).toBe(children.reduce((n, c) => n + c.figures[k], 0));
    }
  });

  it('without a period, the last twelve months up to the clock’s', async () => {
    const answer = await stats(`orgId=${ids['新罗区']}`);
    expect(answer.period).toEqual({ from: '2025-05', to: '2026-04' });
    await expectCounted(ids['新罗区']!, answer, at('2025-05-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'), clock);
  });

  it('over two years, the demo city’s own opinions counted too', async () => {
    const period = { from: '2025-01', to: '2026-12' };
    const answer = await stats(q(ids['新罗区']!, period));
    await expectCounted(ids['新罗区']!, answer, at('2025-01-01T00:00:00+08:00'), at('2027-01-01T00:00:00+08:00'), clock);
    const demo = rowsOf<{ n: number }>(await t.app.db.execute(sql`select count(*)::int as n from opinions where created_at >= '2026-05-10'`))[0]!.n;
    expect(demo).toBeGreaterThan(0);
  });

  it('what is overdue moves with the clock, and only that', async () => {
    const before = await stats(q(ids['新罗区']!));
    try {
      clock = after(START, 8);
      const later = await stats(q(ids['新罗区']!));
      expect(later.figures.overdue).toBeGreaterThan(before.figures.overdue);
      expect({ ...later.figures, overdue: 0 }).toEqual({ ...before.figures, overdue: 0 });
      await expectCounted(ids['新罗区']!, later, Q1_START, Q1_END, clock);
    } finally {
      clock = START;
    }
  });
});

describe('a community of its own, counted by hand', () => {
  let community: { id: string; staff: Caller };
  const ids8: Record<string, number> = {};

  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, ids['西城街道']!);
    const c = community.id;
    const raiser = who.otherResident.userId;
    const logger = community.staff.userId;
    const member = who.member.userId;
    const rows: Record<string, NewOpinion> = {
      // Resolved at 建议 in 2 days, 满意.
      a: opinionRow(c, raiser, at('2026-02-10T09:00:00+08:00'), { status: 'resolved', reply: '已疏通排水沟。', resolvedAt: at('2026-02-12T09:00:00+08:00'), satisfaction: 'satisfied' }),
      // Logged from a conversation, resolved at 审议 in 5 days, 不满意 (after the reopen it was resolved again).
      b: opinionRow(c, logger, at('2026-02-11T09:00:00+08:00'), {
        source: 'collected', raisedByName: '刘大爷', raisedByPhone: SOURCE_PHONE, category: 'road', title: '路面坑洼',
        status: 'resolved', level: 'street', levelReached: 'street', reply: '街道已修补路面。', resolvedAt: at('2026-02-16T09:00:00+08:00'), satisfaction: 'unsatisfied',
        reopenedAt: at('2026-02-14T09:00:00+08:00'),
      }),
      // From the 意见箱, resolved at 商议 in 3.5 days, not rated.
      c: opinionRow(c, logger, at('2026-03-01T08:00:00+08:00'), {
        source: 'mailbox', raisedByName: '匿名来信', status: 'resolved', level: 'community', levelReached: 'community', reply: '已答复。', resolvedAt: at('2026-03-04T20:00:00+08:00'),
      }),
      // Open at 商议, due before the clock: overdue.
      d: opinionRow(c, raiser, at('2026-03-05T09:00:00+08:00'), { level: 'community', levelReached: 'community', dueAt: at('2026-03-12T09:00:00+08:00') }),
      // Closed at 建议.
      e: opinionRow(c, raiser, at('2026-01-20T09:00:00+08:00'), { status: 'closed', closedReason: '与已有民情重复。', closedAt: at('2026-01-21T09:00:00+08:00') }),
      // The first instant of Q1, open, no deadline.
      h: opinionRow(c, raiser, Q1_START, {}),
      // Raised before Q1 and open past its deadline: overdue now, not raised in Q1.
      f: opinionRow(c, raiser, at('2025-12-31T23:30:00+08:00'), { dueAt: at('2026-01-03T23:30:00+08:00') }),
      // Logged by a member after Q1, due ten days after the clock.
      g: opinionRow(c, member, at('2026-04-01T09:00:00+08:00'), { source: 'collected', raisedByName: '张奶奶', dueAt: at('2026-04-20T09:00:00+08:00') }),
    };
    for (const [key, row] of Object.entries(rows)) {
      const [inserted] = await t.app.db.insert(opinions).values(row).returning({ id: opinions.id });
      ids8[key] = inserted!.id;
    }
  });

  const expected: OpinionFigures = {
    raised: 6, // a b c d e h
    resolved: 3,
    closed: 1,
    resolutionRate: 0.5,
    rated: 2,
    satisfied: 1,
    satisfactionRate: 0.5,
    resolvedAtLevel: { branch: 1, community: 1, street: 1, representative: 0 },
    medianDaysToResolve: 3.5, // of 2, 3.5 and 5 days
    overdue: 2, // d, and f from before the quarter
    collected: 2, // b c
  };

  it('raised, resolved, rated, levels, median, overdue and collected over the first quarter', async () => {
    const answer = await stats(q(community.id), community.staff);
    expect(answer.figures).toEqual(expected);
    expect(answer.children).toEqual([]);
    expect(answer.collectors).toEqual([{ id: String(community.staff.userId), name: '社区干部', collected: 2 }]);
    await expectCounted(community.id, answer, Q1_START, Q1_END, clock);
  });

  it('a month more brings g in, and its collector after the staff member', async () => {
    const answer = await stats(q(community.id, { from: '2026-01', to: '2026-04' }), community.staff);
    expect(answer.figures).toMatchObject({ raised: 7, collected: 3, resolutionRate: 0.4286, overdue: 2 });
    expect(answer.collectors.map((c) => [c.id, c.collected])).toEqual([
      [String(community.staff.userId), 2],
      [String(who.member.userId), 1],
    ]);
  });

  it('past g’s deadline it is overdue too; before d’s, neither is', async () => {
    try {
      clock = at('2026-04-21T09:00:00+08:00');
      expect((await stats(q(community.id), community.staff)).figures).toEqual({ ...expected, overdue: 3 });
      clock = at('2026-03-10T09:00:00+08:00');
      expect((await stats(q(community.id), community.staff)).figures).toEqual({ ...expected, overdue: 1 });
    } finally {
      clock = START;
    }
  });

  it('a period with nothing in it is zeros, and no median', async () => {
    const answer = await stats(q(community.id, { from: '2025-01', to: '2025-06' }), community.staff);
    expect(answer.figures).toEqual({
      raised: 0, resolved: 0, closed: 0, resolutionRate: 0, rated: 0, satisfied: 0, satisfactionRate: 0,
      resolvedAtLevel: { branch: 0, community: 0, street: 0, representative: 0 }, medianDaysToResolve: null, overdue: 2, collected: 0,
    });
    expect(answer.collectors).toEqual([]);
  });

  it('the street’s row for it is the community’s own', async () => {
    const street = await stats(q(ids['西城街道']!));
    expect(street.children.find((c) => c.id === community.id)?.figures).toEqual(expected);
  });

  describe('its 民情台账', () => {
    let sheet: Sheet;
    beforeAll(async () => {
      sheet = await sheetOf(await exportAs(community.staff, q(community.id)));
    });
    const row = (key: string) => sheet.rows.find((r) => Number(r['编号']) === ids8[key]);

    it('has the columns, and a row for each opinion raised in the period, in order', () => {
      expect(sheet.name).toBe('民情台账');
      expect(sheet.headers).toEqual([
        '编号', '社区', '小区/楼栋', '类别', '标题', '来源', '反映人', '收集人', '提出时间', '当前层级/办结层级', '状态', '办理结果', '办结时间', '用时（天）', '评价', '是否超期',
      ]);
      expect(column(sheet, '编号').map(Number)).toEqual(['a', 'b', 'c', 'd', 'e', 'h'].map((k) => ids8[k]).sort((x, y) => x! - y!));
    });

    it('reads as the opinions do', () => {
      expect(row('a')).toMatchObject({ 来源: '本人提出', 反映人: '陈阿婆', 收集人: null, 状态: '已办结', 办理结果: '已疏通排水沟。', 评价: '满意', 是否超期: '否' });
      expect(row('a')).toMatchObject({ '当前层级/办结层级': '建议', 提出时间: '2026-02-10 09:00', 办结时间: '2026-02-12 09:00', '用时（天）': 2, 类别: '排水' });
      expect(row('b')).toMatchObject({ 来源: '走访收集', 反映人: '刘大爷', 收集人: '社区干部', '当前层级/办结层级': '审议', 评价: '不满意', '用时（天）': 5, 类别: '道路', 标题: '路面坑洼' });
      expect(row('c')).toMatchObject({ 来源: '意见箱', 反映人: '匿名来信', 收集人: '社区干部', '当前层级/办结层级': '商议', 评价: '未评价', '用时（天）': 3.5 });
      expect(row('d')).toMatchObject({ 状态: '办理中', '当前层级/办结层级': '商议', 办理结果: null, 办结时间: null, '用时（天）': null, 评价: null, 是否超期: '是' });
      expect(row('e')).toMatchObject({ 状态: '已关闭', 办理结果: '与已有民情重复。', 办结时间: '2026-01-21 09:00', 评价: null, 是否超期: '否' });
      expect(row('h')).toMatchObject({ 提出时间: '2026-01-01 00:00', 是否超期: '否' });
    });

    it('holds no phone: not the contact, not the source person’s, not anyone’s', () => {
      const cells = sheet.rows.flatMap((r) => Object.values(r).map(String));
      expect(cells.filter((c) => ANY_PHONE.test(c))).toEqual([]);
    });
  });
});

describe('the 民情台账 of a street, a district', () => {
  it.each([
    ['东城街道', 'streetAdminEast'],
    ['新罗区', 'districtAdmin'],
  ] as const)('%s: every opinion of its communities raised in the period, and no phone', async (node, caller) => {
    const sheet = await sheetOf(await exportAs(who[caller], q(ids[node]!)));
    const path = `${await pathOf(ids[node]!)}%`;
    const wanted = rowsOf<{ id: number | string }>(
      await t.app.db.execute(sql`
        select o.id from opinions o join org_nodes c on c.id = o.community_id
         where c.path like ${path} and o.created_at >= ${Q1_START.toISOString()}::timestamptz and o.created_at < ${Q1_END.toISOString()}::timestamptz
         order by o.id`),
    ).map((r) => Number(r.id));
    expect(wanted.length).toBeGreaterThan(10);
    expect(column(sheet, '编号').map(Number)).toEqual(wanted);
    const overdue = rowsOf<{ id: number | string }>(
      await t.app.db.execute(sql`select id from opinions where status = 'open' and due_at < ${clock.toISOString()}::timestamptz`),
    ).map((r) => Number(r.id));
    for (const r of sheet.rows) expect([r['编号'], r['是否超期']]).toEqual([r['编号'], overdue.includes(Number(r['编号'])) ? '是' : '否']);
    expect(sheet.rows.flatMap((r) => Object.values(r).map(String)).filter((c) => ANY_PHONE.test(c))).toEqual([]);
  });

  it('is named for its node, in Chinese with an ASCII fallback', async () => {
    const res = await exportAs(who.districtAdmin, q(ids['新罗区']!));
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(new RegExp(`^attachment; filename="opinions-org${ids['新罗区']}-\\d{8}\\.xlsx"`));
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toMatch(/^民情台账-新罗区-\d{8}\.xlsx$/);
  });

  it('arrives whole past a batch: 2,500 opinions of one community, each once, in id order', async () => {
    const big = await newCommunity(t.app, who.districtAdmin, ids['东城街道']!);
    await t.app.db.execute(sql`
      insert into opinions (community_id, category, title, description, source, reporter_id, raised_by_name, raised_by_phone, created_at, updated_at)
      select ${big.id}, 'other', '批量民情 ' || g, '批量民情', 'collected', ${big.staff.userId}, '居民' || g, ${SOURCE_PHONE},
             timestamptz '2026-02-01 00:00:00+08' + g * interval '1 minute', now()
      from generate_series(1, 2500) g`);
    const sheet = await sheetOf(await exportAs(big.staff, q(big.id)));
    expect(sheet.rows).toHaveLength(2500);
    const got = column(sheet, '编号').map(Number);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(column(sheet, '标题')).size).toBe(2500);
    expect((await stats(q(big.id), big.staff)).collectors).toEqual([{ id: String(big.staff.userId), name: '社区干部', collected: 2500 }]);
  });
});

describe('the edges of a period (who may ask, and what may be asked: node-period-figures.test.ts)', () => {
  it('the last month the pattern allows is a period like any other, with nothing in it', async () => {
    const far = { from: '9999-12', to: '9999-12' };
    expect((await stats(q(ids['新罗区']!, far))).figures).toMatchObject({ raised: 0, medianDaysToResolve: null });
    expect((await sheetOf(await exportAs(who.districtAdmin, q(ids['新罗区']!, far)))).rows).toEqual([]);
  });

  it('the other ledgers still take no period, and know no opinions list of their own', async () => {
    const res = await api(t.app, who.districtAdmin, 'GET', `/api/exports/wishes.xlsx?orgId=${ids['新罗区']}`);
    expect(res.statusCode).toBe(200);
    expectCode(await api(t.app, who.unitAdmin, 'GET', `/api/exports/opinions.xlsx?unitId=${ids['龙岩市第一医院']}`), 400, 'VALIDATION_FAILED');
  });
});
