// Everyone on the rolls is expected at exactly one community (domain.md, "A member's life on the
// rolls"): their live report's, else where they live, else their unit's first paired community;
// and a unit paired with none is named as unplaced. A district of its own, built through the API,
// is checked at every step against the sum of its streets and communities, the rosters below it,
// and a count taken straight from the base tables by a query written apart from the server's view.
import {
  listEnvelope,
  myReportSchema,
  orgNodeSchema,
  reportSchema,
  reportingFiguresSchema,
  rosterMemberSchema,
  statsOverviewSchema,
  unitSummarySchema,
  type Session,
  type StatsOverview,
} from '@huijia/shared';
import { sql } from 'drizzle-orm';
import { refreshReporting } from '../src/modules/stats/reporting';
import { buildTestApp, type TestApp } from './support/app';
import { freshPhone, signIn, signUp } from './support/identity';
import {
  call,
  confirmReport,
  csv,
  expectStatus,
  issueCertificate,
  me,
  newUnit,
  rosterFile,
  submitReport,
  uploadRoster,
} from './support/reporting';
import { column, sheetOf } from './support/sheets';

const ADMIN = { phone: '13800000001', password: 'city-admin-password' };

let t: TestApp;
let admin: Session;
/** The district of this file: 甲街道 (一社区, 二社区) and 乙街道 (三社区). */
const at = { district: '', streetA: '', streetB: '', c1: '', c2: '', c3: '' };
let districtPath = '';
/** 单位一 pairs with 二社区 and 一社区 (the first is 一社区: the lower id), 单位二 with 三社区, 单位三 with none. */
let units: Record<'u1' | 'u2' | 'u3', { unitId: string; admin: Session }>;
const staff: Partial<Record<'c1' | 'c2' | 'c3', Session>> = {};
/** The people of the story by name, each a phone; none has an account at first. */
const phone: Record<'甲' | '乙' | '丙' | '丁' | '戊' | '己', string> = { 甲: '', 乙: '', 丙: '', 丁: '', 戊: '', 己: '' };
const session: Partial<Record<keyof typeof phone, Session>> = {};

const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.db.execute(query)) as unknown as { rows: T[] }).rows;

async function newNode(parentId: string, kind: 'district' | 'street' | 'community', name: string): Promise<string> {
  return orgNodeSchema.parse(expectStatus(await call(t.app, admin, 'POST', '/api/orgs', { parentId, kind, name }), 201)).id;
}

async function newStaff(communityId: string): Promise<Session> {
  const staffPhone = freshPhone();
  const body = { phone: staffPhone, name: '社区干部', role: 'community_staff', orgId: communityId, initialPassword: 'staff-password-1' };
  expectStatus(await call(t.app, admin, 'POST', '/api/staff', body), 201);
  return signIn(t.app, staffPhone, 'staff-password-1');
}

/**
 * The figures of a node or unit as the app answers them, after the refresh the app runs every five
 * minutes (the job's own function: the reporting figures are a snapshot, and this test reads them
 * right after each change).
 */
async function overview(query: string): Promise<StatsOverview> {
  await refreshReporting(t.app.db);
  return statsOverviewSchema.parse(expectStatus(await call(t.app, admin, 'GET', `/api/stats/overview?${query}`), 200));
}

/**
 * Who is expected where, straight from the base tables and written apart from the server's view
 * (DISTINCT ON for the first entry, CASE for the order of the rule, ORDER BY … LIMIT 1 for the first
 * pairing): per community of the district, and per unit for those placed nowhere.
 */
async function fromBaseTables() {
  const placed = sql`
    with rolls as (
      select distinct on (phone) phone, unit_id from roster_entries where departed_at is null order by phone, id
    )
    select r.phone, r.unit_id, u.id as user_id, l.status::text as status,
           case when l.community_id is not null then l.community_id
                when u.home_community_id is not null then u.home_community_id
                else (select p.community_id from unit_communities p where p.unit_id = r.unit_id order by p.community_id limit 1)
           end as community_id
      from rolls r
      left join users u on u.phone = r.phone
      left join lateral (select x.community_id, x.status from reports x
                          where x.member_id = u.id
                            and (x.status = 'confirmed' or (x.status = 'pending_offline' and x.transfer_of is null))) l on true`;
  const communities = await rows<{ community_id: string; expected: number; without_account: number; reported: number }>(sql`
    select p.community_id::text, count(*)::int as expected, count(*) filter (where p.user_id is null)::int as without_account,
           count(*) filter (where p.status = 'confirmed')::int as reported
      from (${placed}) p join org_nodes c on c.id = p.community_id
     where c.path like ${`${districtPath}%`}
     group by p.community_id`);
  const unplaced = await rows<{ unit_id: string; members: number }>(sql`
    select p.unit_id::text, count(*)::int as members
      from (${placed}) p join units un on un.id = p.unit_id join org_nodes o on o.id = un.org_id
     where p.community_id is null and o.path like ${`${districtPath}%`}
     group by p.unit_id`);
  const [rosters] = await rows<{ phones: number }>(sql`
    select count(distinct e.phone)::int as phones
      from roster_entries e join units un on un.id = e.unit_id join org_nodes o on o.id = un.org_id
     where e.departed_at is null and o.path like ${`${districtPath}%`}`);
  const sum = (k: 'expected' | 'without_account' | 'reported') => communities.reduce((n, c) => n + c[k], 0);
  return {
    byCommunity: new Map(communities.map((c) => [c.community_id, c.expected])),
    expected: sum('expected'),
    withoutAccount: sum('without_account'),
    reported: sum('reported'),
    unplaced: new Map(unplaced.map((u) => [u.unit_id, u.members])),
    rosterPhones: rosters!.phones,
  };
}

const communityReports = listEnvelope(reportSchema).extend({ figures: reportingFiguresSchema });
const unitList = listEnvelope(unitSummarySchema);

/**
 * Checks that the district's figures add up every way there is, and answers who is expected at
 * each community and which units' members are placed nowhere, for the step's own expectations.
 */
async function expectAddsUp() {
  const district = await overview(`orgId=${at.district}`);
  const streets = district.children;
  const communities = await Promise.all(streets.map((s) => overview(`orgId=${s.id}`)));
  const base = await fromBaseTables();
  const total = (list: { figures: StatsOverview['figures'] }[], k: 'rosterMembers' | 'expectedWithoutAccount' | 'reported') =>
    list.reduce((n, x) => n + x.figures[k], 0);

  for (const k of ['rosterMembers', 'expectedWithoutAccount', 'reported'] as const) {
    // The district is its streets' sum, and each street its communities' sum.
    expect({ k, district: district.figures[k] }).toEqual({ k, district: total(streets, k) });
    streets.forEach((street, i) => expect({ k, street: street.figures[k] }).toEqual({ k, street: total(communities[i]!.children, k) }));
  }
  // …and the count straight from the base tables.
  expect({
    expected: district.figures.rosterMembers,
    withoutAccount: district.figures.expectedWithoutAccount,
    reported: district.figures.reported,
  }).toEqual({ expected: base.expected, withoutAccount: base.withoutAccount, reported: base.reported });
  const figuresOf = new Map(communities.flatMap((c) => c.children).map((c) => [c.id, c.figures]));
  const byCommunity = new Map([...figuresOf].map(([id, f]) => [id, f.rosterMembers]));
  for (const [id, expected] of base.byCommunity) expect({ id, expected: byCommunity.get(id) }).toEqual({ id, expected });

  // Everyone on the district's rosters (a phone once, the departed not at all) is expected at one of
  // its communities or named among the unplaced: the rosters below add up to the district.
  const unplaced = new Map(district.unplaced.map((u) => [u.unitId, u.members]));
  expect(unplaced).toEqual(base.unplaced);
  expect(district.figures.rosterMembers + [...unplaced.values()].reduce((a, b) => a + b, 0)).toBe(base.rosterPhones);

  // A community's own page counts live what the figures count (信息比对 of the community).
  for (const c of [at.c1, at.c2, at.c3]) {
    const { figures } = communityReports.parse(expectStatus(await call(t.app, admin, 'GET', `/api/communities/${c}/reports`), 200));
    expect({ c, roster: figures.roster, confirmed: figures.confirmed }).toEqual({ c, roster: figuresOf.get(c)!.rosterMembers, confirmed: figuresOf.get(c)!.reported });
  }

  // The 党员名册 of the district lists each of them once, with an account or not; so do a street's
  // and a community's (read another way: only their communities' candidates).
  const ledger = (orgId: string) => call(t.app, admin, 'GET', `/api/exports/members.xlsx?orgId=${orgId}`).then(sheetOf);
  const sheet = await ledger(at.district);
  expect(sheet.rows).toHaveLength(district.figures.rosterMembers);
  expect(new Set(column(sheet, '手机号')).size).toBe(sheet.rows.length);
  expect(column(sheet, '账号').filter((a) => a === '未注册')).toHaveLength(district.figures.expectedWithoutAccount);
  const parts = [...streets, ...communities.flatMap((c) => c.children)];
  const partLedgers = await Promise.all(parts.map((p) => ledger(p.id)));
  parts.forEach((p, i) => expect({ id: p.id, rows: partLedgers[i]!.rows.length }).toEqual({ id: p.id, rows: p.figures.rosterMembers }));

  return {
    at: { c1: byCommunity.get(at.c1), c2: byCommunity.get(at.c2), c3: byCommunity.get(at.c3) },
    unplaced: Object.fromEntries([...unplaced].map(([id, n]) => [id === units.u3.unitId ? 'u3' : id, n])),
    figures: district.figures,
    ledger: column(sheet, '手机号'),
  };
}

beforeAll(async () => {
  t = await buildTestApp({ env: { ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password } });
  admin = await signIn(t.app, ADMIN.phone, ADMIN.password);
  const root = orgNodeSchema.parse(expectStatus(await call(t.app, admin, 'GET', '/api/orgs/root'), 200));
  at.district = await newNode(root.id, 'district', '应报到区');
  at.streetA = await newNode(at.district, 'street', '甲街道');
  at.streetB = await newNode(at.district, 'street', '乙街道');
  at.c1 = await newNode(at.streetA, 'community', '一社区');
  at.c2 = await newNode(at.streetA, 'community', '二社区');
  at.c3 = await newNode(at.streetB, 'community', '三社区');
  districtPath = orgNodeSchema.parse(expectStatus(await call(t.app, admin, 'GET', `/api/orgs/${at.district}`), 200)).path;
  for (const c of ['c1', 'c2', 'c3'] as const) staff[c] = await newStaff(at[c]);
  units = {
    u1: await newUnit(t.app, admin, { name: '单位一', paired: [at.c2, at.c1], orgId: at.district }),
    u2: await newUnit(t.app, admin, { name: '单位二', paired: [at.c3], orgId: at.district }),
    u3: await newUnit(t.app, admin, { name: '单位三', paired: [], orgId: at.district }),
  };
  for (const name of Object.keys(phone) as (keyof typeof phone)[]) phone[name] = freshPhone();
  // 乙 is on two rosters, 单位一's first: they stand for 单位一.
  const rosters = [
    ['u1', ['甲', '乙', '己']],
    ['u2', ['乙', '戊']],
    ['u3', ['丙', '丁']],
  ] as const;
  for (const [unit, names] of rosters) {
    const file = rosterFile(csv([['name', 'phone', 'branch'], ...names.map((n) => [n, phone[n], '第一党支部'])]));
    expectStatus(await uploadRoster(t.app, units[unit].admin, units[unit].unitId, file), 200);
  }
  // 己 leaves 单位一's roster (离开名册) before anything else happens.
  const members = listEnvelope(rosterMemberSchema).parse(
    expectStatus(await call(t.app, units.u1.admin, 'GET', `/api/units/${units.u1.unitId}/members`), 200),
  );
  const leaving = members.items.find((m) => m.phone === phone.己)!;
  expectStatus(await call(t.app, units.u1.admin, 'POST', `/api/units/${units.u1.unitId}/roster/${leaving.id}/depart`, { reason: '调离本单位' }), 200);
});
afterAll(async () => t?.close());

describe('a district’s expected members are the rosters below it, each person once, at one community', () => {
  // One story, step by step (jest runs a file's tests in order): each step changes one thing and
  // checks that everything still adds up, and where the people are now expected.

  it('counts members without accounts at their unit’s first paired community, and names the unpaired unit', async () => {
    const now = await expectAddsUp();
    // 甲 and 乙 (单位一 → 一社区, the lower id of its pairs), 戊 (单位二 → 三社区); 丙 and 丁
    // are 单位三's, paired with nobody; 己 has departed.
    expect(now.at).toEqual({ c1: 2, c2: 0, c3: 1 });
    expect(now.unplaced).toEqual({ u3: 2 });
    expect(now.figures).toMatchObject({ rosterMembers: 3, expectedWithoutAccount: 3, reported: 0, reportingRate: 0 });
    expect(now.ledger).not.toContain(phone.己);
    const district = await overview(`orgId=${at.district}`);
    expect(district.unplaced).toEqual([{ unitId: units.u3.unitId, unitName: '单位三', members: 2 }]);
    // A community's figures name no unit: none is registered there.
    expect((await overview(`orgId=${at.c1}`)).unplaced).toEqual([]);
  });

  it('counts a person on two rosters once, in each unit’s own figures, and the departed in none', async () => {
    const list = unitList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units?orgId=${at.district}`), 200));
    expect(list.items.map((u) => [u.name, u.rosterSize, u.reported, u.reportingRate])).toEqual([
      ['单位一', 2, 0, 0],
      ['单位二', 2, 0, 0],
      ['单位三', 2, 0, 0],
    ]);
    // Seven roster rows of six people, 己 departed: five on the rolls, three placed and two not.
    const unit = await overview(`unitId=${units.u1.unitId}`);
    expect(unit.figures).toMatchObject({ rosterMembers: 2, expectedWithoutAccount: 2, reported: 0 });
    expect(unit.children.map((c) => c.name).sort()).toEqual(['甲', '乙'].sort());
    expect((await overview(`unitId=${units.u3.unitId}`)).unplaced).toEqual([{ unitId: units.u3.unitId, unitName: '单位三', members: 2 }]);
  });

  it('moves a member who signs up with a home to the community they live in', async () => {
    session.甲 = await signUp(t.app, { phone: phone.甲, name: '甲', communityId: at.c2 });
    const now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 1, c2: 1, c3: 1 });
    expect(now.figures).toMatchObject({ rosterMembers: 3, expectedWithoutAccount: 2 });
  });

  it('keeps an unpaired unit’s member unplaced when they sign up without a home, and places them once they set one', async () => {
    session.丁 = await signUp(t.app, { phone: phone.丁, name: '丁' });
    expect((await expectAddsUp()).unplaced).toEqual({ u3: 2 });
    expectStatus(await call(t.app, session.丁, 'PATCH', '/api/me', { homeCommunityId: at.c3 }), 200);
    const now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 1, c2: 1, c3: 2 });
    expect(now.unplaced).toEqual({ u3: 1 });
  });

  it('moves a member who reports to the community of the report, and counts them reported once confirmed', async () => {
    // 乙 lives nowhere the system knows: they may report to a community paired with either unit.
    session.乙 = await signUp(t.app, { phone: phone.乙, name: '乙' });
    const report = await submitReport(t.app, session.乙, at.c3, 'paired_unit');
    let now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 0, c2: 1, c3: 3 });
    expect(now.figures).toMatchObject({ rosterMembers: 4, expectedWithoutAccount: 1, reported: 0 });

    const certificate = await issueCertificate(t.app, units.u2.admin, report.id);
    await confirmReport(t.app, staff.c3!, report.id, certificate.code);
    now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 0, c2: 1, c3: 3 });
    expect(now.figures).toMatchObject({ rosterMembers: 4, reported: 1, reportingRate: 0.25 });
    const c3 = await overview(`orgId=${at.c3}`);
    expect(c3.figures).toMatchObject({ rosterMembers: 3, expectedWithoutAccount: 1, reported: 1, reportingRate: 0.3333 });
    // Both of 乙's units count them reported; the district counts them once.
    const list = unitList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units?orgId=${at.district}`), 200));
    expect(list.items.map((u) => [u.name, u.reported])).toEqual([
      ['单位一', 1],
      ['单位二', 1],
      ['单位三', 0],
    ]);
  });

  it('counts nobody twice when a member on the rolls leaves one of their two rosters', async () => {
    // 乙 leaves 单位一: 单位二's entry stands for them now, and their report stays where it is.
    const members = listEnvelope(rosterMemberSchema).parse(
      expectStatus(await call(t.app, units.u1.admin, 'GET', `/api/units/${units.u1.unitId}/members`), 200),
    );
    const entry = members.items.find((m) => m.phone === phone.乙)!;
    expectStatus(await call(t.app, units.u1.admin, 'POST', `/api/units/${units.u1.unitId}/roster/${entry.id}/depart`, { reason: '调离本单位' }), 200);
    const now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 0, c2: 1, c3: 3 });
    expect(now.figures).toMatchObject({ rosterMembers: 4 });
    const list = unitList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units?orgId=${at.district}`), 200));
    expect(list.items.map((u) => [u.name, u.rosterSize])).toEqual([
      ['单位一', 1],
      ['单位二', 2],
      ['单位三', 2],
    ]);
  });
});

describe('reports that follow people: transfers and ends keep everyone counted once', () => {
  it('counts a member who asks to transfer where they are until the new community confirms, then there', async () => {
    // 乙 (reported at 三社区 through 单位二) moves to 一社区.
    expectStatus(await call(t.app, session.乙!, 'PATCH', '/api/me', { homeCommunityId: at.c1 }), 200);
    const mine = (await me(t.app, session.乙!)).report!;
    const transfer = myReportSchema.parse(
      expectStatus(await call(t.app, session.乙!, 'POST', `/api/reports/${mine.id}/transfer`, { communityId: at.c1, basis: 'residence' }), 201),
    ).transfer!;
    let now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 0, c2: 1, c3: 3 });
    expect(now.figures).toMatchObject({ rosterMembers: 4, reported: 1 });

    const certificate = await issueCertificate(t.app, units.u2.admin, transfer.id);
    await confirmReport(t.app, staff.c1!, transfer.id, certificate.code);
    now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 1, c2: 1, c3: 2 });
    expect(now.figures).toMatchObject({ rosterMembers: 4, reported: 1 });
    expect((await overview(`orgId=${at.c1}`)).figures).toMatchObject({ rosterMembers: 1, reported: 1 });
    expect((await overview(`orgId=${at.c3}`)).figures).toMatchObject({ rosterMembers: 2, reported: 0 });
  });

  it('keeps a member whose report ended (退休) expected where they live, no longer reported', async () => {
    const report = await submitReport(t.app, session.甲!, at.c2);
    await confirmReport(t.app, staff.c2!, report.id, (await issueCertificate(t.app, units.u1.admin, report.id)).code);
    expect((await expectAddsUp()).figures).toMatchObject({ rosterMembers: 4, reported: 2 });
    expectStatus(await call(t.app, units.u1.admin, 'POST', `/api/reports/${report.id}/end`, { reason: 'retired' }), 200);
    const now = await expectAddsUp();
    expect(now.at).toEqual({ c1: 1, c2: 1, c3: 2 });
    expect(now.figures).toMatchObject({ rosterMembers: 4, reported: 1 });
  });
});

describe('the reporting figures’ refresh', () => {
  it('places everyone from one snapshot, and two refreshes at once (two processes) both end well', async () => {
    await Promise.all([refreshReporting(t.app.db), refreshReporting(t.app.db), refreshReporting(t.app.db)]);
    await expectAddsUp();
  });
});
