import {
  certificateSchema,
  listEnvelope,
  reportSchema,
  reportingFiguresSchema,
  reportingRate,
  rosterMemberSchema,
  type Session,
} from '@huijia/shared';
import { rosterEntries } from '../src/db/schema';
import { DEMO_MEMBERS } from '../src/seed/demo-city';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError, freshPhone } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  STREET_ADMIN_EAST,
  STREET_ADMIN_WEST,
  UNIT_ADMIN_OF,
  call,
  confirmedMember,
  expectStatus,
  newMember,
  newUnit,
  signInAll,
  submitReport,
} from './support/reporting';

// 信息比对: a unit sees which of its roster have reported; a community sees the reports made to it.
// The tests that change data work in a unit of their own at 中山社区 and 龙津社区; the demo units
// and 莲东社区 and 溪南社区 stay as the demo city left them, so their figures can be worked out by hand.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [
    ...Object.values(STAFF_OF),
    ...Object.values(UNIT_ADMIN_OF),
    DISTRICT_ADMIN,
    STREET_ADMIN_EAST,
    STREET_ADMIN_WEST,
    RESIDENT,
    '13900000101', // 李志远, a demo member
  ]);
});
afterAll(() => t.close());

const memberList = listEnvelope(rosterMemberSchema).extend({ figures: reportingFiguresSchema });
const reportList = listEnvelope(reportSchema).extend({ figures: reportingFiguresSchema });
const membersOf = async (who: Session, unitId: string, query = '') =>
  memberList.parse(expectStatus(await call(t.app, who, 'GET', `/api/units/${unitId}/members${query}`), 200));
const reportsOf = async (who: Session, communityId: string, query = '') =>
  reportList.parse(expectStatus(await call(t.app, who, 'GET', `/api/communities/${communityId}/reports${query}`), 200));
const schoolAdmin = () => as(UNIT_ADMIN_OF.新罗区实验小学);
const hospitalAdmin = () => as(UNIT_ADMIN_OF.龙岩市第一医院);
const school = () => ids['新罗区实验小学']!;
const hospital = () => ids['龙岩市第一医院']!;
const demoNamesOf = (unit: string, report?: string) =>
  DEMO_MEMBERS.filter((m) => m.unit === unit && (report === undefined || m.report === report)).map((m) => m.name);

describe('a unit’s roster lists each member with where their report stands (信息比对)', () => {
  it('lists the demo school’s five members in roster order, each with report status and community', async () => {
    const list = await membersOf(schoolAdmin(), school());
    expect(list.items.map((m) => [m.name, m.phone, m.branch, m.reportStatus, m.communityName])).toEqual([
      ['冯晓东', '13900000106', '教师第一党支部', 'confirmed', '溪南社区'],
      ['何静', '13900000107', '教师第一党支部', 'pending_offline', '莲东社区'],
      ['许丽娟', '13900000108', '教师第二党支部', 'pending_offline', '溪南社区'],
      ['邓伟', '13900000109', '教师第二党支部', null, null],
      ['曾美玲', '13900000110', '行政党支部', null, null],
    ]);
    expect(list.items.filter((m) => m.reportStatus !== null).every((m) => m.reportId !== null)).toBe(true);
    expect(list.items.filter((m) => m.reportStatus === null).map((m) => m.reportId)).toEqual([null, null]);
    expect(list.nextCursor).toBeNull();
  });

  it.each([
    ['confirmed', ['冯晓东']],
    ['pending_offline', ['何静', '许丽娟']],
    ['not_reported', ['邓伟', '曾美玲']],
  ])('filters status=%s', async (status, names) => {
    const list = await membersOf(schoolAdmin(), school(), `?status=${status}`);
    expect(list.items.map((m) => m.name)).toEqual(names);
  });

  it('pages with limit and nextCursor, each member once', async () => {
    const first = await membersOf(schoolAdmin(), school(), '?limit=2');
    expect(first.items.map((m) => m.name)).toEqual(['冯晓东', '何静']);
    expect(first.nextCursor).not.toBeNull();
    const second = await membersOf(schoolAdmin(), school(), `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.name)).toEqual(['许丽娟', '邓伟']);
    const third = await membersOf(schoolAdmin(), school(), `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((m) => m.name)).toEqual(['曾美玲']);
    expect(third.nextCursor).toBeNull();
  });

  it('pages a filtered list too', async () => {
    const first = await membersOf(schoolAdmin(), school(), '?status=pending_offline&limit=1');
    expect(first.items.map((m) => m.name)).toEqual(['何静']);
    const second = await membersOf(schoolAdmin(), school(), `?status=pending_offline&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.name)).toEqual(['许丽娟']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad status, limit or cursor with 400 VALIDATION_FAILED', async () => {
    for (const query of ['?status=rejected', '?status=everything', '?limit=0', '?limit=101', '?cursor=abc']) {
      expectError(await call(t.app, schoolAdmin(), 'GET', `/api/units/${school()}/members${query}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('shows a roster member as not reported until they report through the unit, then their report', async () => {
    const { unitId, admin } = await newUnit(t.app, as(DISTRICT_ADMIN), { name: '比对测试单位甲', paired: [ids['中山社区']!] });
    const phone = freshPhone();
    await t.app.db.insert(rosterEntries).values({ unitId: Number(unitId), name: '未注册党员', phone, branch: null });
    expect((await membersOf(admin, unitId)).items).toEqual([
      { id: expect.any(String), name: '未注册党员', phone, branch: null, reportId: null, reportStatus: null, communityName: null, certificateIssuedAt: null, departedAt: null, departReason: null, transfer: null },
    ]);
    const member = await newMember(t.app, { unitIds: [], home: ids['中山社区']! });
    // The account above has a phone of its own; put it on this roster as well and report.
    await t.app.db.insert(rosterEntries).values({ unitId: Number(unitId), name: '已注册党员', phone: member.user.phone!, branch: '一支部' });
    const report = await submitReport(t.app, member, ids['中山社区']!);
    const list = await membersOf(admin, unitId);
    expect(list.items.map((m) => [m.name, m.reportId, m.reportStatus, m.communityName])).toEqual([
      ['未注册党员', null, null, null],
      ['已注册党员', report.id, 'pending_offline', '中山社区'],
    ]);

    // The 报到证: none yet; once issued the list says when, and the unit reads the same code again
    // without voiding it.
    expect(list.items[1]!.certificateIssuedAt).toBeNull();
    expectError(await call(t.app, admin, 'GET', `/api/reports/${report.id}/certificate`), 404, 'CERTIFICATE_NOT_ISSUED');
    const issued = certificateSchema.parse(expectStatus(await call(t.app, admin, 'POST', `/api/reports/${report.id}/certificate`), 200));
    expect((await membersOf(admin, unitId)).items[1]!.certificateIssuedAt).toBe(issued.issuedAt);
    const shown = certificateSchema.parse(expectStatus(await call(t.app, admin, 'GET', `/api/reports/${report.id}/certificate`), 200));
    expect(shown).toMatchObject({ code: issued.code, issuedAt: issued.issuedAt });
    // Nobody but the unit's admins reads it.
    expectError(await call(t.app, member, 'GET', `/api/reports/${report.id}/certificate`), 403, 'FORBIDDEN');
  });
});

describe('a unit’s figures: roster, confirmed, pending, and reporting rate = confirmed / roster', () => {
  it('works out the demo school: 5 on the roster, 1 confirmed, 2 pending, rate 0.2', async () => {
    const { figures } = await membersOf(schoolAdmin(), school());
    const roster = demoNamesOf('新罗区实验小学').length;
    const confirmed = demoNamesOf('新罗区实验小学', 'confirmed').length;
    expect({ roster, confirmed }).toEqual({ roster: 5, confirmed: 1 });
    expect(figures).toEqual({ roster: 5, confirmed: 1, pending: 2, reportingRate: 0.2 });
  });

  it('works out the demo hospital: all 5 confirmed, rate 1', async () => {
    expect((await membersOf(hospitalAdmin(), hospital())).figures).toEqual({ roster: 5, confirmed: 5, pending: 0, reportingRate: 1 });
  });

  it('gives the same figures on every page and under every filter', async () => {
    const whole = (await membersOf(schoolAdmin(), school())).figures;
    expect((await membersOf(schoolAdmin(), school(), '?limit=1')).figures).toEqual(whole);
    expect((await membersOf(schoolAdmin(), school(), '?status=not_reported')).figures).toEqual(whole);
  });

  it('follows the reports: pending on report, confirmed on confirmation, neither after a rejection', async () => {
    const { unitId, admin } = await newUnit(t.app, as(DISTRICT_ADMIN), { name: '比对测试单位乙', paired: [ids['中山社区']!] });
    const staff = as(STAFF_OF.中山社区);
    expect((await membersOf(admin, unitId)).figures).toEqual({ roster: 0, confirmed: 0, pending: 0, reportingRate: 0 });
    await confirmedMember(t.app, { unitId, community: ids['中山社区']!, unitAdmin: admin, staff });
    const pending = await newMember(t.app, { unitIds: [unitId], home: ids['中山社区']! });
    const pendingReport = await submitReport(t.app, pending, ids['中山社区']!);
    await newMember(t.app, { unitIds: [unitId], home: ids['中山社区']! });
    expect((await membersOf(admin, unitId)).figures).toEqual({ roster: 3, confirmed: 1, pending: 1, reportingRate: reportingRate(1, 3) });
    expect(reportingRate(1, 3)).toBe(0.3333);

    expectStatus(await call(t.app, staff, 'POST', `/api/reports/${pendingReport.id}/reject`, { reason: '不在本社区居住' }), 200);
    expect((await membersOf(admin, unitId)).figures).toEqual({ roster: 3, confirmed: 1, pending: 0, reportingRate: 0.3333 });
    expect((await membersOf(admin, unitId, '?status=not_reported')).items.map((m) => m.phone)).toContain(pending.user.phone);
  });
});

describe('who may read a unit’s roster', () => {
  it('answers the admin of another unit 404', async () => {
    expectError(await call(t.app, hospitalAdmin(), 'GET', `/api/units/${school()}/members`), 404, 'NOT_FOUND');
    expectError(await call(t.app, schoolAdmin(), 'GET', `/api/units/${hospital()}/members`), 404, 'NOT_FOUND');
  });

  it('lets a district admin read any unit’s members', async () => {
    expect((await membersOf(as(DISTRICT_ADMIN), school())).figures.roster).toBe(5);
    expect((await membersOf(as(DISTRICT_ADMIN), hospital())).figures.roster).toBe(5);
  });

  it('answers community staff, members and residents 403', async () => {
    for (const who of [as(STAFF_OF.溪南社区), as('13900000101'), as(RESIDENT)]) {
      expectError(await call(t.app, who, 'GET', `/api/units/${school()}/members`), 403, 'FORBIDDEN');
    }
  });

  it('answers 404 for a unit that does not exist', async () => {
    expectError(await call(t.app, as(DISTRICT_ADMIN), 'GET', '/api/units/999999/members'), 404, 'NOT_FOUND');
  });
});

describe('a community’s reports, with its figures, for its staff and the admins above', () => {
  it('lists the demo reports to 溪南社区 newest first, filters by status, and works out its figures', async () => {
    // Expected at 溪南社区: roster members living there (冯晓东 confirmed, 许丽娟 pending); nobody else
    // reported there. 2 expected, 1 confirmed, 1 pending: rate 0.5.
    const all = await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!);
    expect(all.items.map((r) => [r.memberName, r.status, r.unitName, r.communityName])).toEqual([
      ['许丽娟', 'pending_offline', '新罗区实验小学', '溪南社区'],
      ['冯晓东', 'confirmed', '新罗区实验小学', '溪南社区'],
    ]);
    expect(all.figures).toEqual({ roster: 2, confirmed: 1, pending: 1, reportingRate: 0.5 });
    expect((await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!, '?status=confirmed')).items.map((r) => r.memberName)).toEqual(['冯晓东']);
    expect((await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!, '?status=pending_offline')).items.map((r) => r.memberName)).toEqual(['许丽娟']);
    expect((await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!, '?status=rejected')).items).toEqual([]);
  });

  it('works out 莲东社区: three roster members live there, 钱文博 confirmed and 何静 pending, rate 1/3', async () => {
    const { figures, items } = await reportsOf(as(STAFF_OF.莲东社区), ids['莲东社区']!);
    expect(items.map((r) => r.memberName).sort()).toEqual(['何静', '钱文博'].sort());
    expect(figures).toEqual({ roster: 3, confirmed: 1, pending: 1, reportingRate: 0.3333 });
  });

  it('pages with limit and nextCursor', async () => {
    const first = await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!, '?limit=1');
    expect(first.items.map((r) => r.memberName)).toEqual(['许丽娟']);
    const second = await reportsOf(as(STAFF_OF.溪南社区), ids['溪南社区']!, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((r) => r.memberName)).toEqual(['冯晓东']);
    expect(second.nextCursor).toBeNull();
  });

  it('lists rejected reports under status=rejected, and counts them in no figure', async () => {
    const staff = as(STAFF_OF.龙津社区);
    const before = (await reportsOf(staff, ids['龙津社区']!)).figures;
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const report = await submitReport(t.app, member, ids['龙津社区']!);
    const during = (await reportsOf(staff, ids['龙津社区']!)).figures;
    expect(during).toEqual({ ...before, roster: before.roster + 1, pending: before.pending + 1, reportingRate: reportingRate(before.confirmed, before.roster + 1) });
    expectStatus(await call(t.app, staff, 'POST', `/api/reports/${report.id}/reject`, { reason: '信息有误' }), 200);
    const rejected = await reportsOf(staff, ids['龙津社区']!, '?status=rejected&limit=100');
    expect(rejected.items.map((r) => r.id)).toContain(report.id);
    expect(rejected.items.every((r) => r.status === 'rejected')).toBe(true);
    // Still living there and on a roster: expected, not reported.
    expect((await reportsOf(staff, ids['龙津社区']!)).figures).toEqual({ ...before, roster: before.roster + 1, reportingRate: reportingRate(before.confirmed, before.roster + 1) });
  });

  it('counts a member who reported there by pairing, though living in no community the system knows', async () => {
    const staff = as(STAFF_OF.中山社区);
    const before = (await reportsOf(staff, ids['中山社区']!)).figures;
    const member = await newMember(t.app, { unitIds: [hospital()], home: null });
    await submitReport(t.app, member, ids['中山社区']!, 'paired_unit');
    expect((await reportsOf(staff, ids['中山社区']!)).figures).toMatchObject({ roster: before.roster + 1, pending: before.pending + 1 });
  });

  it('lets the street and district admins above read it', async () => {
    expect((await reportsOf(as(STREET_ADMIN_WEST), ids['溪南社区']!)).figures.roster).toBe(2);
    expect((await reportsOf(as(DISTRICT_ADMIN), ids['溪南社区']!)).figures.roster).toBe(2);
  });

  it('answers staff of another community and the admin of another street 404', async () => {
    for (const who of [STAFF_OF.龙津社区, STAFF_OF.莲东社区, STREET_ADMIN_EAST]) {
      expectError(await call(t.app, as(who), 'GET', `/api/communities/${ids['溪南社区']}/reports`), 404, 'NOT_FOUND');
    }
  });

  it('answers unit admins, members and residents 403', async () => {
    for (const who of [schoolAdmin(), as('13900000101'), as(RESIDENT)]) {
      expectError(await call(t.app, who, 'GET', `/api/communities/${ids['溪南社区']}/reports`), 403, 'FORBIDDEN');
    }
  });

  it('answers 404 for a node that is not a community', async () => {
    for (const id of [ids['西城街道']!, ids['溪南社区/阳光花园']!, '999999']) {
      expectError(await call(t.app, as(DISTRICT_ADMIN), 'GET', `/api/communities/${id}/reports`), 404, 'NOT_FOUND');
    }
  });

  it('refuses an unknown status with 400 VALIDATION_FAILED', async () => {
    expectError(await call(t.app, as(STAFF_OF.溪南社区), 'GET', `/api/communities/${ids['溪南社区']}/reports?status=done`), 400, 'VALIDATION_FAILED');
  });
});
