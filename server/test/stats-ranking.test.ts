// GET /api/stats/ranking (通报): the units registered under a node, or the communities in its
// subtree, ranked by reporting, service and completion rate, each row as the overview counts that
// unit or community; ties share a rank; who may rank; the same as a spreadsheet.
import ExcelJS from 'exceljs';
import {
  lastMonths,
  monthOf,
  periodText,
  rankingSchema,
  statsOverviewSchema,
  type Ranking,
  type RankingRow,
  type Session,
  type StatsOverview,
} from '@huijia/shared';
import { refreshReporting } from '../src/modules/stats/reporting';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  STREET_ADMIN_EAST,
  UNIT_ADMIN_OF,
  XLSX_TYPE,
  call,
  confirmedMember,
  expectStatus,
  newMember,
  newUnit,
  signInAll,
} from './support/reporting';

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

/** Two units alike in every rate, named so that pinyin order (安 before 北) differs from code point order. */
const TIED = ['安平排名单位', '北辰排名单位'] as const;
/** A unit registered under 东城街道 rather than the district. */
const EAST_UNIT = '东城排名单位';

const now = new Date();
const LONG = `from=${lastMonths(now, 24).from}&to=${monthOf(now)}`;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [DISTRICT_ADMIN, STREET_ADMIN_EAST, STAFF_OF.中山社区, UNIT_ADMIN_OF.龙岩市第一医院, RESIDENT]);
  const community = ids['中山社区']!;
  const staff = as(STAFF_OF.中山社区);
  // Each tied unit: two members on the roster, one of them reported (50 %), nobody served.
  for (const name of TIED) {
    const unit = await newUnit(t.app, as(DISTRICT_ADMIN), { name, paired: [community] });
    await confirmedMember(t.app, { unitId: unit.unitId, community, unitAdmin: unit.admin, staff });
    await newMember(t.app, { unitIds: [unit.unitId], home: community });
  }
  const east = await newUnit(t.app, as(DISTRICT_ADMIN), { name: EAST_UNIT, paired: [community], orgId: ids['东城街道'] });
  await confirmedMember(t.app, { unitId: east.unitId, community, unitAdmin: east.admin, staff });
  // The community figures' reporting is a view refreshed every few minutes: now, for these tests.
  await refreshReporting(t.app.db);
});
afterAll(() => t?.close());

const ranking = (who: Session, query: string) => call(t.app, who, 'GET', `/api/stats/ranking?${query}`);
const rank = async (query: string, who = as(DISTRICT_ADMIN)): Promise<Ranking> => rankingSchema.parse(expectStatus(await ranking(who, query), 200));
const overview = async (query: string): Promise<StatsOverview> =>
  statsOverviewSchema.parse(expectStatus(await call(t.app, as(DISTRICT_ADMIN), 'GET', `/api/stats/overview?${query}`), 200));

const ratesOf = (r: RankingRow) => [r.reportingRate, r.serviceRate, r.completionRate];
const names = (r: Ranking) => r.rows.map((row) => row.name);

describe('the ranking order: reporting rate, then service rate, then completion rate, highest first', () => {
  it.each(['units', 'communities'] as const)('orders the %s of a district so, and ranks them 1, 2, 2, 4 when rates tie', async (of) => {
    const r = await rank(`orgId=${ids['新罗区']}&of=${of}&${LONG}`);
    expect(r.rows.length).toBeGreaterThan(1);
    r.rows.forEach((row, i) => {
      if (i === 0) return expect(row.rank).toBe(1);
      const [before, here] = [ratesOf(r.rows[i - 1]!), ratesOf(row)];
      const differs = before.findIndex((rate, k) => rate !== here[k]);
      if (differs === -1) {
        expect(row.rank).toBe(r.rows[i - 1]!.rank);
      } else {
        expect(before[differs]).toBeGreaterThan(here[differs]!);
        expect(row.rank).toBe(i + 1);
      }
    });
  });

  it('gives units with equal rates one rank, in pinyin order, and the next unit the rank after both', async () => {
    const r = await rank(`orgId=${ids['新罗区']}&of=units&${LONG}`);
    const at = r.rows.findIndex((row) => row.name === TIED[0]);
    const [first, second, next] = [r.rows[at]!, r.rows[at + 1]!, r.rows[at + 2]!];
    expect(second.name).toBe(TIED[1]);
    expect([first, second].map((row) => [row.expected, row.reported, row.reportingRate, row.served, row.serviceRate])).toEqual([
      [2, 1, 0.5, 0, 0],
      [2, 1, 0.5, 0, 0],
    ]);
    expect(second.rank).toBe(first.rank);
    // The demo school (one of five reported) ranks below the tie: two ranks below it.
    expect(next.name).toBe('新罗区实验小学');
    expect(next.rank).toBe(first.rank + 2);
    expect(r.rows.at(-1)!.name).toBe('新罗区实验小学');
  });
});

describe('each row is the overview’s figures for the same unit or community and period', () => {
  const compare = async (r: Ranking, scope: (row: RankingRow) => string) => {
    for (const row of r.rows) {
      const o = await overview(`${scope(row)}&from=${r.period.from}&to=${r.period.to}`);
      expect(row).toEqual({
        name: o.subject.name,
        rank: row.rank,
        id: o.subject.id,
        parentName: row.parentName,
        expected: o.figures.rosterMembers,
        reported: o.figures.reported,
        reportingRate: o.figures.reportingRate,
        served: o.figures.served,
        serviceRate: o.figures.serviceRate,
        wishesCollected: o.figures.wishesCollected,
        wishesCompleted: o.figures.wishesCompleted,
        completionRate: o.figures.completionRate,
      });
    }
  };

  it.each([
    ['over two years', LONG],
    ['this month (the default)', ''],
  ])('units, %s', async (_, period) => {
    const r = await rank(`orgId=${ids['新罗区']}&of=units&${period}`);
    expect(names(r).sort()).toEqual([...TIED, EAST_UNIT, '新罗区实验小学', '龙岩市第一医院'].sort());
    await compare(r, (row) => `unitId=${row.id}`);
    // Somebody served and some wish was done in two years of the demo city, so the rates are not all 0.
    if (period === LONG) expect(r.rows.some((row) => row.serviceRate > 0 && row.wishesCollected > 0)).toBe(true);
  });

  it.each([
    ['over two years', LONG],
    ['this month (the default)', ''],
  ])('communities, %s', async (_, period) => {
    const r = await rank(`orgId=${ids['新罗区']}&of=communities&${period}`);
    expect(names(r).sort()).toEqual(['中山社区', '溪南社区', '莲东社区', '龙津社区'].sort());
    await compare(r, (row) => `orgId=${row.id}`);
    if (period === LONG) expect(r.rows.some((row) => row.completionRate > 0)).toBe(true);
  });

  it('names where each belongs: a community’s street, the node a unit is registered under', async () => {
    const communities = await rank(`orgId=${ids['新罗区']}&of=communities`);
    expect(Object.fromEntries(communities.rows.map((row) => [row.name, row.parentName]))).toEqual({
      龙津社区: '东城街道',
      中山社区: '东城街道',
      莲东社区: '西城街道',
      溪南社区: '西城街道',
    });
    const units = await rank(`orgId=${ids['新罗区']}&of=units`);
    expect(units.rows.find((row) => row.name === EAST_UNIT)!.parentName).toBe('东城街道');
    expect(units.rows.find((row) => row.name === '龙岩市第一医院')!.parentName).toBe('新罗区');
  });

  it('adds the communities’ expected members up to the district’s', async () => {
    const r = await rank(`orgId=${ids['新罗区']}&of=communities&${LONG}`);
    const district = await overview(`orgId=${ids['新罗区']}&${LONG}`);
    expect(r.rows.reduce((n, row) => n + row.expected, 0)).toBe(district.figures.rosterMembers);
    expect(r.rows.reduce((n, row) => n + row.reported, 0)).toBe(district.figures.reported);
  });

  it('answers the period asked for, this month by default, and says which node it ranks', async () => {
    const r = await rank(`orgId=${ids['新罗区']}`);
    expect(r.period).toEqual({ from: monthOf(now), to: monthOf(now) });
    expect(r.of).toBe('units');
    expect(r.subject).toEqual({ id: ids['新罗区'], name: '新罗区', kind: 'district' });
    expect((await rank(`orgId=${ids['新罗区']}&to=2026-03`)).period).toEqual({ from: '2026-03', to: '2026-03' });
  });
});

describe('who may rank, and what', () => {
  it('shows a street admin their street’s communities and the units registered there, and nothing of the district', async () => {
    const street = as(STREET_ADMIN_EAST);
    const communities = await rank(`orgId=${ids['东城街道']}&of=communities`, street);
    expect(names(communities).sort()).toEqual(['中山社区', '龙津社区'].sort());
    expect(communities.subject.kind).toBe('street');
    const units = await rank(`orgId=${ids['东城街道']}&of=units`, street);
    expect(names(units)).toEqual([EAST_UNIT]);
    expect(units.rows[0]).toMatchObject({ rank: 1, expected: 1, reported: 1, reportingRate: 1 });
    expectError(await ranking(street, `orgId=${ids['新罗区']}&of=units`), 404, 'NOT_FOUND');
    expectError(await ranking(street, `orgId=${ids['西城街道']}&of=communities`), 404, 'NOT_FOUND');
  });

  it('refuses community staff, unit admins and residents, as JSON and as a spreadsheet', async () => {
    for (const phone of [STAFF_OF.中山社区, UNIT_ADMIN_OF.龙岩市第一医院, RESIDENT]) {
      expectError(await ranking(as(phone), `orgId=${ids['新罗区']}&of=units`), 403, 'FORBIDDEN');
      expectError(await call(t.app, as(phone), 'GET', `/api/stats/ranking.xlsx?orgId=${ids['新罗区']}`), 403, 'FORBIDDEN');
    }
    expect((await call(t.app, null, 'GET', `/api/stats/ranking?orgId=${ids['新罗区']}`)).statusCode).toBe(401);
  });

  it('has nothing to rank at a community or below: 400 with a reason in Chinese', async () => {
    for (const node of ['中山社区', '龙津社区/阳光花园']) {
      const error = expectError(await ranking(as(DISTRICT_ADMIN), `orgId=${ids[node]}&of=communities`), 400, 'BAD_REQUEST');
      expect(error.message).toContain('社区');
    }
  });

  it('validates the query and the period', async () => {
    const admin = as(DISTRICT_ADMIN);
    expectError(await ranking(admin, ''), 400, 'VALIDATION_FAILED');
    expectError(await ranking(admin, `orgId=${ids['新罗区']}&of=members`), 400, 'VALIDATION_FAILED');
    expectError(await ranking(admin, `orgId=${ids['新罗区']}&from=2026-05&to=2026-01`), 400, 'VALIDATION_FAILED');
    expectError(await ranking(admin, `orgId=${ids['新罗区']}&from=2020-01&to=2026-01`), 400, 'VALIDATION_FAILED');
    expectError(await ranking(admin, `orgId=999999`), 404, 'NOT_FOUND');
  });
});

describe('the ranking as a spreadsheet', () => {
  it.each(['units', 'communities'] as const)('holds a title, the headers and the %s in the same order, rates as percentages', async (of) => {
    const query = `orgId=${ids['新罗区']}&of=${of}&${LONG}`;
    const r = await rank(query);
    const res = await call(t.app, as(DISTRICT_ADMIN), 'GET', `/api/stats/ranking.xlsx?${query}`);
    expect(res.statusCode === 200 ? 200 : res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="ranking-/);
    const workbook = new ExcelJS.Workbook();
    // exceljs's types predate Node's generic Buffer; it reads any Buffer.
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
    expect(String(cells(1)[0])).toBe(`新罗区${of === 'units' ? '单位' : '社区'}排名（${periodText(r.period)}）`);
    expect(cells(2)).toEqual(['排名', of === 'units' ? '单位' : '社区', '所属', '应报到', '已报到', '报到率', '已服务', '服务率', '心愿数', '已完成', '完成率']);
    expect(sheet.rowCount).toBe(2 + r.rows.length);
    r.rows.forEach((row, i) => {
      expect(cells(3 + i)).toEqual([
        row.rank,
        row.name,
        row.parentName,
        row.expected,
        row.reported,
        row.reportingRate,
        row.served,
        row.serviceRate,
        row.wishesCollected,
        row.wishesCompleted,
        row.completionRate,
      ]);
      for (const column of [6, 8, 11]) expect(sheet.getRow(3 + i).getCell(column).numFmt).toContain('%');
    });
  });
});
