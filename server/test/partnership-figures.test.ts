// GET /api/stats/partnership (结对共建 figures of a node and period) and GET /api/exports/partnership.xlsx
// (共建台账, two sheets: 共建协议 and 共建项目). Agreements in every state and projects in every state,
// of every category and kind of lead, inside the period, outside it and on its edges, are written
// straight into the tables (the agreement and project flows are other files' subjects); every figure
// of a node, of each of its children and of each unit is checked against counts of the base tables,
// and a community of its own is counted by hand.
import ExcelJS from 'exceljs';
import {
  PROJECT_CATEGORIES,
  PROJECT_LEAD_KINDS,
  partnershipStatsSchema,
  type AgreementState,
  type PartnershipFigures,
  type PartnershipStats,
  type ProjectCategory,
  type ProjectState,
} from '@huijia/shared';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { agreements, gridGroups, projects, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone } from './support/identity';
import { XLSX_TYPE } from './support/reporting';
import { PEOPLE, api, callersOf, expectCode, expectOk, type Caller } from './support/service';
import { APP_START_TIMEOUT, newCommunity, rowsOf } from './support/wishes';

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'districtAdmin' | 'streetAdminEast' | 'unitAdmin' | 'partyRep', Caller>;
/** People who lead projects (for themselves, or for a unit or a team), with phones no ledger may show. */
let pool: { id: number; name: string }[];

/** The app's clock: a spring morning in 2026. "Today" in China is 2026-04-10. */
const clock = new Date('2026-04-10T10:00:00+08:00');
const TODAY = '2026-04-10';

/** The period most tests ask for: the first quarter of 2026, in China. */
const Q1 = { from: '2026-01', to: '2026-03' };

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const plus = (from: Date, ms: number) => new Date(from.getTime() + ms);
const ANY_PHONE = /1[3-9]\d{9}/;

const HOSPITAL = '龙岩市第一医院';
const SCHOOL = '新罗区实验小学';

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, {
    ...PEOPLE,
    districtAdmin: '13900000001',
    streetAdminEast: '13900000002',
    unitAdmin: '13900000021',
    partyRep: '13900000004',
  });
  const people = Array.from({ length: 8 }, (_, i) => ({ name: `共建牵头人${i + 1}`, phone: freshPhone() }));
  pool = await t.app.db.insert(users).values(people).returning({ id: users.id, name: users.name });
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

type NewAgreement = typeof agreements.$inferInsert;
type NewProject = typeof projects.$inferInsert;

/** An agreement as a row, accepted (or not) as `rest` says. */
function agreementRow(communityId: string, unit: string, startsOn: string, endsOn: string, status: AgreementState, rest: Partial<NewAgreement> = {}): NewAgreement {
  return {
    unitId: Number(ids[unit]),
    communityId: Number(communityId),
    startsOn,
    endsOn,
    content: '结对共建：党员进社区服务',
    resources: ['people', 'skills'],
    status,
    ...rest,
  };
}

type Lead = { kind: 'unit'; unitId: number } | { kind: 'team'; teamId: number } | { kind: 'party_rep' } | { kind: 'member' };

/** A project as a row: published in `communityId` by `publishedBy` at `createdAt`, led by `lead` while claimed, reported or completed. */
function projectRow(
  communityId: string,
  publishedBy: number,
  category: ProjectCategory,
  createdAt: Date,
  dueOn: string,
  status: ProjectState,
  lead: Lead | null,
  rest: Partial<NewProject> = {},
): NewProject {
  const led = status === 'claimed' || status === 'reported' || status === 'completed';
  if (led !== (lead !== null)) throw new Error('a project has a lead exactly while claimed, reported or completed');
  return {
    communityId: Number(communityId),
    category,
    title: '共建统计测试项目',
    description: '社区共建项目',
    needs: ['people'],
    dueOn,
    status,
    leadKind: lead?.kind ?? null,
    leadUnitId: lead?.kind === 'unit' ? lead.unitId : null,
    leadTeamId: lead?.kind === 'team' ? lead.teamId : null,
    leadUserId: lead ? pool[0]!.id : null,
    claimedAt: lead ? (rest.firstClaimedAt ?? createdAt) : null,
    publishedBy,
    createdAt,
    ...rest,
  };
}

async function teamOf(communityId: string, name: string): Promise<number> {
  const [team] = await t.app.db.insert(gridGroups).values({ communityId: Number(communityId), kind: 'team', name }).returning({ id: gridGroups.id });
  return team!.id;
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

const dayOf = (d: Date) => new Date(d.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * The spread over the four demo communities: 120 agreements in every state, with terms from 2024 to
 * 2027, accepted before or after their start, some ended early (even before they started); 300
 * projects published from September 2025 to May 2026 in every state and category, led by every
 * kind of lead, some handed back (started, open again), some withdrawn, due before and after today.
 */
async function spread(): Promise<void> {
  const r = randomOf(20_260_410);
  const staffOf = { 龙津社区: who.staff, 中山社区: who.otherStaff } as const;
  const communities = ['龙津社区', '中山社区', '莲东社区', '溪南社区'] as const;
  const teams = Object.fromEntries(await Promise.all(communities.map(async (c) => [c, await teamOf(ids[c]!, `共建统计测试志愿队-${c}`)] as const)));
  const span = (from: string, to: string) => {
    const a = at(from).getTime();
    return new Date(a + Math.floor(r.next() * (at(to).getTime() - a)));
  };
  const rows: NewAgreement[] = [];
  for (let i = 0; i < 120; i++) {
    const community = communities[i % communities.length]!;
    const status = r.pick<AgreementState>(['proposed', 'active', 'active', 'ended', 'ended', 'declined', 'withdrawn']);
    const start = span('2024-10-01T00:00:00+08:00', '2026-09-01T00:00:00+08:00');
    const end = plus(start, Math.floor(r.next() * 500) * DAY);
    const proposed = plus(start, -Math.floor(r.next() * 60) * DAY);
    // Accepted mostly before the start, sometimes after it.
    const decidedAt = status === 'proposed' || status === 'withdrawn' ? null : plus(proposed, Math.floor(r.next() * 80) * DAY + Math.floor(r.next() * DAY));
    // Ended early (sometimes before it started), or by the clock the day after its term.
    const endedAt =
      status === 'ended' ? (r.next() < 0.5 ? plus(end, DAY + 60_000) : plus(decidedAt!, Math.floor(r.next() * 400) * DAY + Math.floor(r.next() * DAY))) : null;
    rows.push(
      agreementRow(ids[community]!, r.pick([HOSPITAL, SCHOOL]), dayOf(start), dayOf(end), status, {
        decidedAt,
        endedAt,
        reason: status === 'ended' || status === 'declined' ? '单位工作调整' : null,
        createdAt: proposed,
      }),
    );
  }
  // On the edges of Q1: accepted at its first instant and just before it; ended on its first day
  // and on the day before it; accepted on the day after it, its term inside it.
  const edge = (start: string, end: string, status: AgreementState, rest: Partial<NewAgreement>) => rows.push(agreementRow(ids['中山社区']!, HOSPITAL, start, end, status, rest));
  edge('2026-02-01', '2026-12-31', 'active', { decidedAt: at('2026-01-01T00:00:00+08:00') });
  edge('2025-06-01', '2025-12-31', 'active', { decidedAt: at('2025-12-31T23:59:59.999+08:00') });
  edge('2025-01-01', '2026-12-31', 'ended', { decidedAt: at('2024-12-01T10:00:00+08:00'), endedAt: at('2026-01-01T00:00:00+08:00'), reason: '提前终止' });
  edge('2025-01-01', '2026-12-31', 'ended', { decidedAt: at('2024-12-01T10:00:00+08:00'), endedAt: at('2025-12-31T23:59:59.999+08:00'), reason: '提前终止' });
  edge('2026-02-01', '2026-12-31', 'active', { decidedAt: at('2026-04-01T00:00:00+08:00') });
  await t.app.db.insert(agreements).values(rows);

  const projectRows: NewProject[] = [];
  for (let i = 0; i < 300; i++) {
    const community = communities[i % communities.length]!;
    const createdAt = span('2025-09-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00');
    const status = r.pick<ProjectState>(['open', 'open', 'claimed', 'reported', 'completed', 'completed', 'withdrawn']);
    const due = dayOf(plus(createdAt, Math.floor(r.next() * 150) * DAY));
    const kind = r.pick(PROJECT_LEAD_KINDS);
    const lead: Lead = kind === 'unit' ? { kind, unitId: Number(ids[r.pick([HOSPITAL, SCHOOL])]) } : kind === 'team' ? { kind, teamId: teams[community]! } : { kind };
    const firstClaimedAt = plus(createdAt, Math.floor(r.next() * 20 * DAY));
    // Open: never claimed, or handed back.
    const handedBack = status === 'open' && r.next() < 0.4;
    const completedAt = status === 'completed' ? plus(firstClaimedAt, Math.floor(r.next() * 60 * DAY)) : null;
    const ratingCount = status === 'completed' ? Math.floor(r.next() * 4) : 0;
    projectRows.push(
      projectRow(ids[community]!, (staffOf[community as keyof typeof staffOf] ?? who.staff).userId, r.pick(PROJECT_CATEGORIES), createdAt, due, status, status === 'open' || status === 'withdrawn' ? null : lead, {
        title: `共建统计测试 ${i}`,
        firstClaimedAt: status === 'open' ? (handedBack ? firstClaimedAt : null) : status === 'withdrawn' ? null : firstClaimedAt,
        completedAt,
        withdrawnAt: status === 'withdrawn' ? plus(createdAt, Math.floor(r.next() * 10 * DAY)) : null,
        ratingCount,
        ratingSum: ratingCount * (3 + Math.floor(r.next() * 3)),
      }),
    );
  }
  await t.app.db.insert(projects).values(projectRows);
}

const statsAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/stats/partnership?${query}`);
const exportAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/exports/partnership.xlsx?${query}`);

async function stats(query: string, caller: Caller = who.districtAdmin): Promise<PartnershipStats> {
  return partnershipStatsSchema.parse(expectOk(await statsAs(caller, query)));
}

const q = (orgId: string, period: { from: string; to: string } = Q1) => `orgId=${orgId}&from=${period.from}&to=${period.to}`;

async function pathOf(orgId: string): Promise<string> {
  const [row] = rowsOf<{ path: string }>(await t.app.db.execute(sql`select path from org_nodes where id = ${orgId}`));
  return row!.path;
}

const count = async (query: SQL) => rowsOf<{ n: number }>(await t.app.db.execute(query))[0]!.n;

/** The first day of the period, its last, and its bounds as instants in China. */
function boundsOf(period: { from: string; to: string }) {
  const [y, m] = period.to.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const last = dayOf(plus(at(`${after}-01T00:00:00+08:00`), -DAY));
  return { first: `${period.from}-01`, last, start: `${period.from}-01T00:00:00+08:00`, end: `${after}-01T00:00:00+08:00` };
}

/** The day of a timestamptz column in China, in plain SQL. */
const china = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date`);

/**
 * An agreement accepted and in force on some day of the period, counted day by day: a day of the
 * period within its term, on or after the day it was accepted, and not after the day it was ended.
 */
const inForceSomeDay = (period: { from: string; to: string }) => {
  const { first, last } = boundsOf(period);
  return sql`a.status in ('active', 'ended') and a.decided_at is not null and exists (
    select 1 from generate_series(${first}::date, ${last}::date, interval '1 day') d
     where d::date between a.starts_on and a.ends_on and d::date >= ${china('a.decided_at')}
       and (a.ended_at is null or d::date <= ${china('a.ended_at')}))`;
};

/** What a node's figures must be, counted straight from the base tables. */
async function counted(orgId: string, period: { from: string; to: string } = Q1): Promise<PartnershipFigures> {
  const path = `${await pathOf(orgId)}%`;
  const { start, end } = boundsOf(period);
  const within = (column: string) => sql`${sql.raw(column)} >= ${start}::timestamptz and ${sql.raw(column)} < ${end}::timestamptz`;
  const ofAgreements = (where: SQL) =>
    count(sql`select count(*)::int as n from agreements a join org_nodes c on c.id = a.community_id where c.path like ${path} and ${where}`);
  const ofProjects = (where: SQL) =>
    count(sql`select count(*)::int as n from projects p join org_nodes c on c.id = p.community_id where c.path like ${path} and ${where}`);
  const published = within('p.created_at');
  const started = within('p.first_claimed_at');
  const completed = sql`p.status = 'completed' and ${within('p.completed_at')}`;
  const byCategory = {} as PartnershipFigures['byCategory'];
  for (const c of PROJECT_CATEGORIES) {
    byCategory[c] = {
      published: await ofProjects(sql`p.category = ${c} and ${published}`),
      started: await ofProjects(sql`p.category = ${c} and ${started}`),
      completed: await ofProjects(sql`p.category = ${c} and ${completed}`),
    };
  }
  const byLeadKind = {} as PartnershipFigures['byLeadKind'];
  for (const k of PROJECT_LEAD_KINDS) {
    byLeadKind[k] = { started: await ofProjects(sql`p.lead_kind = ${k} and ${started}`), completed: await ofProjects(sql`p.lead_kind = ${k} and ${completed}`) };
  }
  return {
    agreementsActive: await ofAgreements(inForceSomeDay(period)),
    agreementsSigned: await ofAgreements(sql`a.status in ('active', 'ended') and ${within('a.decided_at')}`),
    projectsPublished: await ofProjects(published),
    projectsStarted: await ofProjects(started),
    projectsCompleted: await ofProjects(completed),
    projectsOverdueNow: await ofProjects(sql`p.status in ('open', 'claimed', 'reported') and p.due_on < ${TODAY}::date`),
    byCategory,
    byLeadKind,
  };
}

/** Each unit's part under a node, counted straight from the base tables; those with none left out. */
async function countedUnits(orgId: string, period: { from: string; to: string } = Q1): Promise<PartnershipStats['units']> {
  const path = `${await pathOf(orgId)}%`;
  const { start, end } = boundsOf(period);
  const within = (column: string) => sql`${sql.raw(column)} >= ${start}::timestamptz and ${sql.raw(column)} < ${end}::timestamptz`;
  const rows = rowsOf<{ id: number | string; name: string; active: number; started: number; completed: number }>(
    await t.app.db.execute(sql`
      select u.id, u.name,
        (select count(*)::int from agreements a join org_nodes c on c.id = a.community_id where c.path like ${path} and a.unit_id = u.id and ${inForceSomeDay(period)}) as active,
        (select count(*)::int from projects p join org_nodes c on c.id = p.community_id where c.path like ${path} and p.lead_unit_id = u.id and ${within('p.first_claimed_at')}) as started,
        (select count(*)::int from projects p join org_nodes c on c.id = p.community_id where c.path like ${path} and p.lead_unit_id = u.id and p.status = 'completed' and ${within('p.completed_at')}) as completed
      from units u order by u.id`),
  );
  return rows
    .filter((u) => u.active + u.started + u.completed > 0)
    .map((u) => ({ id: String(u.id), name: u.name, agreementsActive: u.active, projectsStarted: u.started, projectsCompleted: u.completed }));
}

const childrenOf = async (orgId: string) =>
  rowsOf<{ id: number | string }>(
    await t.app.db.execute(sql`select id from org_nodes where parent_id = ${orgId} and kind in ('district', 'street', 'community') order by id`),
  ).map((r) => String(r.id));

/** Asserts a node's answer, each of its children's rows and its units against the counts. */
async function expectCounted(orgId: string, answer: PartnershipStats, period = Q1) {
  expect(answer.figures).toEqual(await counted(orgId, period));
  expect(answer.children.map((c) => c.id)).toEqual(await childrenOf(orgId));
  for (const child of answer.children) expect({ child: child.name, figures: child.figures }).toEqual({ child: child.name, figures: await counted(child.id, period) });
  expect(answer.units).toEqual(await countedUnits(orgId, period));
}

/** Every sheet of a 200 spreadsheet answer, each row by header. */
async function sheetsOf(res: LightMyRequestResponse) {
  expect(res.statusCode === 200 ? 200 : { status: res.statusCode, body: res.body }).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets.map((worksheet) => {
    const headers = (worksheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    worksheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    return { name: worksheet.name, headers, rows };
  });
}

describe('the figures of a node, of its children and of its units are counts of the base tables', () => {
  beforeAll(async () => {
    await spread();
  });

  it.each(['新罗区', '东城街道', '西城街道', '龙津社区', '溪南社区'])('%s, over the first quarter', async (node) => {
    const answer = await stats(q(ids[node]!));
    expect(answer.subject).toMatchObject({ id: ids[node], name: node });
    expect(answer.period).toEqual(Q1);
    await expectCounted(ids[node]!, answer);
    if (node === '新罗区') {
      // Not empty: every figure has something to count.
      const f = answer.figures;
      for (const n of [f.agreementsActive, f.agreementsSigned, f.projectsPublished, f.projectsStarted, f.projectsCompleted, f.projectsOverdueNow]) expect(n).toBeGreaterThan(0);
      for (const c of PROJECT_CATEGORIES) expect(f.byCategory[c].started).toBeGreaterThan(0);
      for (const k of PROJECT_LEAD_KINDS) expect(f.byLeadKind[k].completed).toBeGreaterThan(0);
      // Started and handed back: started, in its category, under no kind of lead.
      const led = PROJECT_LEAD_KINDS.reduce((n, k) => n + f.byLeadKind[k].started, 0);
      expect(led).toBeLessThan(f.projectsStarted);
      expect(PROJECT_CATEGORIES.reduce((n, c) => n + f.byCategory[c].started, 0)).toBe(f.projectsStarted);
      expect(answer.units.map((u) => u.name)).toEqual([HOSPITAL, SCHOOL]);
    }
  });

  it('a node’s counts are its children’s sums', async () => {
    const { figures, children } = await stats(q(ids['新罗区']!));
    expect(children.map((c) => c.name)).toEqual(['东城街道', '西城街道']);
    for (const key of ['agreementsActive', 'agreementsSigned', 'projectsPublished', 'projectsStarted', 'projectsCompleted', 'projectsOverdueNow'] as const) {
      expect(figures[key]).toBe(children.reduce((n, c) => n + c.figures[key], 0));
    }
  });

  it.each([
    ['a year', { from: '2025-04', to: '2026-03' }],
    ['December', { from: '2025-12', to: '2025-12' }],
    ['April, after the clock', { from: '2026-04', to: '2026-06' }],
  ])('over %s too', async (_case, period) => {
    await expectCounted(ids['新罗区']!, await stats(q(ids['新罗区']!, period)), period);
  });

  it('without a period, the last twelve months up to the clock’s', async () => {
    const answer = await stats(`orgId=${ids['东城街道']}`);
    expect(answer.period).toEqual({ from: '2025-05', to: '2026-04' });
    await expectCounted(ids['东城街道']!, answer, answer.period);
  });

  it('the 共建台账 of the district has a row for each agreement in force or signed in the period, and each project open in it; no phone', async () => {
    const [agreementSheet, projectSheet] = await sheetsOf(await exportAs(who.districtAdmin, q(ids['新罗区']!)));
    const path = `${await pathOf(ids['新罗区']!)}%`;
    const { start, end } = boundsOf(Q1);
    const wantedAgreements = rowsOf<{ id: string | number; in_force: boolean }>(
      await t.app.db.execute(sql`
        select a.id, (${inForceSomeDay(Q1)}) as in_force from agreements a join org_nodes c on c.id = a.community_id
         where c.path like ${path} and a.status in ('active', 'ended') and a.decided_at is not null
           and ((${inForceSomeDay(Q1)}) or (a.decided_at >= ${start}::timestamptz and a.decided_at < ${end}::timestamptz))
         order by a.id`),
    );
    expect(agreementSheet!.rows.map((r) => [r['编号'], r['期间内有效']])).toEqual(wantedAgreements.map((a) => [Number(a.id), a.in_force ? '是' : '否']));
    expect(agreementSheet!.rows.filter((r) => r['期间内有效'] === '是')).toHaveLength((await stats(q(ids['新罗区']!))).figures.agreementsActive);
    const wantedProjects = rowsOf<{ id: string | number; overdue: boolean }>(
      await t.app.db.execute(sql`
        select p.id, (p.status in ('open', 'claimed', 'reported') and p.due_on < ${TODAY}::date) as overdue
          from projects p join org_nodes c on c.id = p.community_id
         where c.path like ${path} and p.created_at < ${end}::timestamptz
           and (p.status not in ('completed', 'withdrawn') or coalesce(p.completed_at, p.withdrawn_at) >= ${start}::timestamptz)
         order by p.id`),
    );
    expect(wantedProjects.length).toBeGreaterThan(50);
    expect(projectSheet!.rows.map((r) => [r['编号'], r['超期']])).toEqual(wantedProjects.map((p) => [Number(p.id), p.overdue ? '是' : '否']));
    for (const sheet of [agreementSheet!, projectSheet!]) expect(sheet.rows.flatMap((r) => Object.values(r).map(String)).filter((c) => ANY_PHONE.test(c))).toEqual([]);
  });
});

describe('a community of its own, counted by hand', () => {
  let community: { id: string; staff: Caller };
  let team: number;
  const agreementIds: Record<string, number> = {};
  const projectIds: Record<string, number> = {};

  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, ids['西城街道']!);
    team = await teamOf(community.id, '红马甲志愿队');
    const c = community.id;
    const by = community.staff.userId;
    const a = (start: string, end: string, unit: string, status: AgreementState, rest: Partial<NewAgreement>) => agreementRow(c, unit, start, end, status, rest);
    const agreementRows = {
      // In force all quarter.
      a1: a('2025-07-01', '2026-06-30', HOSPITAL, 'active', { decidedAt: at('2025-06-20T10:00:00+08:00') }),
      // Its term ended in February, swept on 1 March: in force in January and February.
      a2: a('2025-03-01', '2026-02-28', SCHOOL, 'ended', { decidedAt: at('2025-02-25T10:00:00+08:00'), endedAt: at('2026-03-01T02:00:00+08:00') }),
      // Ended early on the last evening of 2025: not in the quarter.
      a3: a('2025-01-01', '2027-12-31', SCHOOL, 'ended', { decidedAt: at('2024-12-20T10:00:00+08:00'), endedAt: at('2025-12-31T23:30:00+08:00'), reason: '单位搬迁' }),
      // Signed in March, in force from the quarter's last day.
      a4: a('2026-03-31', '2027-03-30', HOSPITAL, 'active', { decidedAt: at('2026-03-15T10:00:00+08:00') }),
      // Its term began in February, but the unit accepted it only in April: not in force in the quarter.
      a5: a('2026-02-01', '2027-01-31', SCHOOL, 'active', { decidedAt: at('2026-04-01T00:00:00+08:00') }),
      // Proposed, declined: never accepted.
      a6: a('2026-01-01', '2026-12-31', HOSPITAL, 'proposed', {}),
      a7: a('2026-01-01', '2026-12-31', SCHOOL, 'declined', { decidedAt: at('2026-02-01T10:00:00+08:00'), reason: '暂无人员' }),
      // Signed at the quarter's first instant, its term from May: signed in it, not in force.
      a8: a('2026-05-01', '2027-04-30', HOSPITAL, 'active', { decidedAt: at('2026-01-01T00:00:00+08:00') }),
      // Signed in January and ended before its term began: signed, never in force.
      a9: a('2026-01-10', '2026-12-31', SCHOOL, 'ended', { decidedAt: at('2026-01-05T10:00:00+08:00'), endedAt: at('2026-01-08T10:00:00+08:00'), reason: '协议内容调整' }),
      // Its term over at the end of 2025 and not swept yet: still active, not in the quarter.
      a10: a('2025-01-01', '2025-12-31', HOSPITAL, 'active', { decidedAt: at('2024-12-01T10:00:00+08:00') }),
    };
    const inserted = await t.app.db.insert(agreements).values(Object.values(agreementRows)).returning({ id: agreements.id });
    const sortedA = inserted.map((r) => r.id).sort((x, y) => x - y);
    Object.keys(agreementRows).forEach((key, i) => (agreementIds[key] = sortedA[i]!));

    const hospital = { kind: 'unit', unitId: Number(ids[HOSPITAL]) } as const;
    const school = { kind: 'unit', unitId: Number(ids[SCHOOL]) } as const;
    const p = (category: ProjectCategory, created: string, due: string, status: ProjectState, lead: Lead | null, rest: Partial<NewProject> = {}) =>
      projectRow(c, by, category, at(created), due, status, lead, rest);
    const projectRowsByKey = {
      p1: p('livelihood', '2026-01-05T09:00:00+08:00', '2026-05-01', 'open', null, { title: '老旧小区加装电梯协调' }),
      p2: p('party_building', '2025-12-20T09:00:00+08:00', '2026-03-31', 'claimed', hospital, { title: '党建阵地共建', firstClaimedAt: at('2026-01-10T09:00:00+08:00') }),
      p3: p('public_good', '2026-02-01T09:00:00+08:00', '2026-04-30', 'completed', { kind: 'team', teamId: team }, {
        title: '河道清洁', firstClaimedAt: at('2026-02-03T09:00:00+08:00'), completedAt: at('2026-03-31T23:59:59.999+08:00'), ratingSum: 9, ratingCount: 2,
      }),
      p4: p('volunteering', '2025-11-01T09:00:00+08:00', '2026-01-31', 'completed', { kind: 'member' }, {
        title: '助老陪伴', firstClaimedAt: at('2025-12-01T09:00:00+08:00'), completedAt: at('2026-01-01T00:00:00+08:00'),
      }),
      // Claimed in March and handed back: started, open again, past due.
      p5: p('livelihood', '2026-03-01T09:00:00+08:00', '2026-04-01', 'open', null, { title: '便民理发', firstClaimedAt: at('2026-03-05T09:00:00+08:00') }),
      p6: p('party_building', '2026-03-10T09:00:00+08:00', '2026-03-25', 'open', null, { title: '撤回的项目' }),
      // Published at April's first instant, past due by today.
      p7: p('livelihood', '2026-04-01T00:00:00+08:00', '2026-04-05', 'open', null, { title: '四月项目' }),
      p8: p('public_good', '2025-10-01T09:00:00+08:00', '2026-06-01', 'reported', school, { title: '爱心义卖', firstClaimedAt: at('2025-10-05T09:00:00+08:00') }),
      p9: p('volunteering', '2025-09-01T09:00:00+08:00', '2025-12-31', 'completed', { kind: 'party_rep' }, {
        title: '去年完成', firstClaimedAt: at('2025-09-05T09:00:00+08:00'), completedAt: at('2025-12-31T23:59:00+08:00'),
      }),
      // First claimed by a party representative on the quarter's last evening, handed back, claimed
      // by the school in April: started in the quarter, under the lead it has now.
      p10: p('party_building', '2026-01-15T09:00:00+08:00', '2026-04-30', 'claimed', school, {
        title: '党员先锋岗', firstClaimedAt: at('2026-03-31T23:00:00+08:00'), claimedAt: at('2026-04-02T09:00:00+08:00'),
      }),
    };
    projectRowsByKey.p6 = { ...projectRowsByKey.p6, status: 'withdrawn', withdrawnAt: at('2026-03-20T09:00:00+08:00') };
    const insertedP = await t.app.db.insert(projects).values(Object.values(projectRowsByKey)).returning({ id: projects.id });
    const sortedP = insertedP.map((r) => r.id).sort((x, y) => x - y);
    Object.keys(projectRowsByKey).forEach((key, i) => (projectIds[key] = sortedP[i]!));
  });

  const expected: PartnershipFigures = {
    agreementsActive: 3, // a1 a2 a4
    agreementsSigned: 3, // a4 a8 a9
    projectsPublished: 5, // p1 p3 p5 p6 p10
    projectsStarted: 4, // p2 p3 p5 p10
    projectsCompleted: 2, // p3 p4
    projectsOverdueNow: 3, // p2 p5 p7
    byCategory: {
      party_building: { published: 2, started: 2, completed: 0 }, // p6 p10; p2 p10
      livelihood: { published: 2, started: 1, completed: 0 }, // p1 p5; p5
      public_good: { published: 1, started: 1, completed: 1 }, // p3
      volunteering: { published: 0, started: 0, completed: 1 }, // p4
    },
    byLeadKind: {
      unit: { started: 2, completed: 0 }, // p2 p10 (p10 under the school, its lead now)
      team: { started: 1, completed: 1 }, // p3
      party_rep: { started: 0, completed: 0 },
      member: { started: 0, completed: 1 }, // p4; p5, handed back, under none
    },
  };

  it('agreements in force and signed, projects published, started, completed, by category and lead, overdue now', async () => {
    const answer = await stats(q(community.id), community.staff);
    expect(answer.figures).toEqual(expected);
    expect(answer.children).toEqual([]);
    expect(answer.subject).toEqual({ id: community.id, name: expect.any(String), kind: 'community' });
    expect(answer.units).toEqual([
      { id: ids[HOSPITAL], name: HOSPITAL, agreementsActive: 2, projectsStarted: 1, projectsCompleted: 0 }, // a1 a4; p2
      { id: ids[SCHOOL], name: SCHOOL, agreementsActive: 1, projectsStarted: 1, projectsCompleted: 0 }, // a2; p10
    ]);
    await expectCounted(community.id, answer);
  });

  it('December: a3 (ended on its last evening), a10, a2, a1; p4 started, p9 completed', async () => {
    const answer = await stats(q(community.id, { from: '2025-12', to: '2025-12' }), community.staff);
    expect(answer.figures).toMatchObject({ agreementsActive: 4, agreementsSigned: 0, projectsPublished: 1, projectsStarted: 1, projectsCompleted: 1, projectsOverdueNow: 3 });
    expect(answer.figures.byLeadKind).toMatchObject({ member: { started: 1, completed: 0 }, party_rep: { started: 0, completed: 1 } });
    await expectCounted(community.id, answer, { from: '2025-12', to: '2025-12' });
  });

  it('April: a1, a4, a5 (accepted on its first day) and a8 not yet; p7 published; a5 signed', async () => {
    const april = { from: '2026-04', to: '2026-04' };
    const answer = await stats(q(community.id, april), community.staff);
    expect(answer.figures).toMatchObject({ agreementsActive: 3, agreementsSigned: 1, projectsPublished: 1, projectsStarted: 0, projectsCompleted: 0, projectsOverdueNow: 3 });
    await expectCounted(community.id, answer, april);
  });

  it('the street’s row for it is the community’s own', async () => {
    const street = await stats(q(ids['西城街道']!));
    expect(street.children.find((c) => c.id === community.id)?.figures).toEqual(expected);
  });

  describe('its 共建台账', () => {
    let sheets: Awaited<ReturnType<typeof sheetsOf>>;
    let name: string;
    beforeAll(async () => {
      sheets = await sheetsOf(await exportAs(community.staff, q(community.id)));
      name = (await stats(q(community.id), community.staff)).subject.name;
    });

    it('two sheets: the agreements in force or signed in the quarter, and the projects open at some moment of it', () => {
      expect(sheets.map((s) => s.name)).toEqual(['共建协议', '共建项目']);
      const [agreementSheet, projectSheet] = sheets;
      expect(agreementSheet!.headers).toEqual(['编号', '社区', '共建单位', '开始日期', '结束日期', '共建内容', '单位投入', '状态', '期间内有效', '签订时间', '终止时间', '终止原因']);
      expect(agreementSheet!.rows.map((r) => [r['编号'], r['期间内有效']])).toEqual([
        [agreementIds.a1, '是'],
        [agreementIds.a2, '是'],
        [agreementIds.a4, '是'],
        [agreementIds.a8, '否'],
        [agreementIds.a9, '否'],
      ]);
      expect(projectSheet!.headers).toEqual([
        '编号', '社区', '类别', '项目名称', '状态', '牵头方类型', '牵头方', '截止日期', '发布时间', '首次认领时间', '完成时间', '超期', '平均评分', '评分人数',
      ]);
      // p4 completed at the quarter's first instant is in it; p7 (April) and p9 (done in 2025) are not.
      expect(projectSheet!.rows.map((r) => r['编号'])).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8', 'p10'].map((k) => projectIds[k]));
    });

    it('reads as the agreements and projects do', () => {
      const [agreementSheet, projectSheet] = sheets;
      const agreement = (key: string) => agreementSheet!.rows.find((r) => r['编号'] === agreementIds[key]);
      const project = (key: string) => projectSheet!.rows.find((r) => r['编号'] === projectIds[key]);
      expect(agreement('a2')).toEqual({
        编号: agreementIds.a2, 社区: name, 共建单位: SCHOOL, 开始日期: '2025-03-01', 结束日期: '2026-02-28', 共建内容: '结对共建：党员进社区服务', 单位投入: '人员、技能',
        状态: '已终止', 期间内有效: '是', 签订时间: '2025-02-25 10:00', 终止时间: '2026-03-01 02:00', 终止原因: null,
      });
      expect(agreement('a9')).toMatchObject({ 状态: '已终止', 终止原因: '协议内容调整', 签订时间: '2026-01-05 10:00' });
      expect(agreement('a4')).toMatchObject({ 共建单位: HOSPITAL, 状态: '已生效', 终止时间: null });
      expect(project('p3')).toEqual({
        编号: projectIds.p3, 社区: name, 类别: '公益', 项目名称: '河道清洁', 状态: '已完成', 牵头方类型: '志愿服务队', 牵头方: '红马甲志愿队', 截止日期: '2026-04-30',
        发布时间: '2026-02-01 09:00', 首次认领时间: '2026-02-03 09:00', 完成时间: '2026-03-31 23:59', 超期: '否', 平均评分: 4.5, 评分人数: 2,
      });
      expect(project('p2')).toMatchObject({ 状态: '实施中', 牵头方类型: '共建单位', 牵头方: HOSPITAL, 超期: '是', 平均评分: null, 评分人数: 0 });
      expect(project('p4')).toMatchObject({ 牵头方类型: '报到党员', 牵头方: pool[0]!.name, 完成时间: '2026-01-01 00:00' });
      expect(project('p5')).toMatchObject({ 状态: '待认领', 牵头方类型: null, 牵头方: null, 首次认领时间: '2026-03-05 09:00', 超期: '是' });
      expect(project('p6')).toMatchObject({ 状态: '已撤回', 超期: '否' });
      expect(project('p10')).toMatchObject({ 牵头方: SCHOOL, 首次认领时间: '2026-03-31 23:00' });
    });

    it('holds no phone, and is named for its node', async () => {
      for (const sheet of sheets) expect(sheet.rows.flatMap((r) => Object.values(r).map(String)).filter((c) => ANY_PHONE.test(c))).toEqual([]);
      const res = await exportAs(community.staff, q(community.id));
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(new RegExp(`^attachment; filename="partnership-org${community.id}-\\d{8}\\.xlsx"`));
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toMatch(/^共建台账-.+-\d{8}\.xlsx$/);
    });
  });
});

describe('who may read them (every refusal of a node and period: node-period-figures.test.ts)', () => {
  it('a resident, a member, a unit admin: 403 or 404, figures and ledger', async () => {
    expectCode(await statsAs(who.resident, q(ids['龙津社区']!)), 403, 'FORBIDDEN');
    expectCode(await exportAs(who.member, q(ids['龙津社区']!)), 403, 'FORBIDDEN');
    expectCode(await statsAs(who.unitAdmin, q(ids['龙津社区']!)), 404, 'NOT_FOUND');
  });

  it('staff of another community: 404 NOT_FOUND; staff of their own: 200', async () => {
    expectCode(await statsAs(who.staff, q(ids['中山社区']!)), 404, 'NOT_FOUND');
    expectCode(await exportAs(who.staff, q(ids['中山社区']!)), 404, 'NOT_FOUND');
    expect((await statsAs(who.staff, q(ids['龙津社区']!))).statusCode).toBe(200);
  });
});
