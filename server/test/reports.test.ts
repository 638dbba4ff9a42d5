import { myReportSchema, reportOptionsSchema, reportSchema, type Session } from '@huijia/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { reports } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import {
  RESIDENT,
  STAFF_OF,
  UNIT_ADMIN_OF,
  call,
  expectStatus,
  me,
  newMember,
  outcome,
  signInAll,
  submitReport,
} from './support/reporting';

// The online half of dual reporting (双报到): where a member may report, and one live report each.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  // 孙浩然 (13900000103): a demo member of 龙岩市第一医院, confirmed at 中山社区.
  sessions = await signInAll(t.app, [RESIDENT, STAFF_OF.中山社区, STAFF_OF.溪南社区, UNIT_ADMIN_OF.龙岩市第一医院, '13900000103']);
});
afterAll(() => t.close());

const hospital = () => ids['龙岩市第一医院']!; // paired with 龙津社区, 中山社区
const school = () => ids['新罗区实验小学']!; // paired with 莲东社区, 溪南社区
const optionsOf = async (member: Session) => reportOptionsSchema.parse(expectStatus(await call(t.app, member, 'GET', '/api/reports/options'), 200));
const report = (member: Session, communityId: string, basis: 'residence' | 'paired_unit') =>
  call(t.app, member, 'POST', '/api/reports', { communityId, basis });
/** Clears the member's home community: the system then knows none. */
async function forgetHome(member: Session) {
  expect((await me(t.app, member)).user.homeCommunityId).not.toBeNull();
  const updated = expectStatus(await call(t.app, member, 'PATCH', '/api/me', { homeCommunityId: null }), 200);
  expect(updated).toMatchObject({ user: { homeCommunityId: null } });
}
const liveReportsOf = (memberId: string) =>
  t.app.db
    .select()
    .from(reports)
    .where(and(eq(reports.memberId, Number(memberId)), inArray(reports.status, ['pending_offline', 'confirmed'])));

describe('a member whose home community is known reports there, by residence, and nowhere else', () => {
  it('offers the home community as the only option', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['莲东社区']! });
    expect(await optionsOf(member)).toEqual({ residence: { id: ids['莲东社区'], name: '莲东社区' }, pairedUnit: [] });
  });

  it('accepts a report to the home community, pending the offline step, on behalf of the member’s unit', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['莲东社区']!, name: '居住地报到' });
    const created = await submitReport(t.app, member, ids['莲东社区']!, 'residence');
    expect(created).toMatchObject({
      memberId: member.user.id,
      memberName: '居住地报到',
      unitId: hospital(),
      unitName: '龙岩市第一医院',
      communityId: ids['莲东社区'],
      communityName: '莲东社区',
      basis: 'residence',
      status: 'pending_offline',
      certificateIssued: false,
      certificate: null,
      rejectReason: null,
      decidedAt: null,
    });
    expect((await me(t.app, member)).report).toEqual(created);
  });

  it('refuses a report by residence to a community other than the home one, even one paired with the unit', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['莲东社区']! });
    expectError(await report(member, ids['中山社区']!, 'residence'), 400, 'REPORT_BASIS_MISMATCH');
    expectError(await report(member, ids['溪南社区']!, 'residence'), 400, 'REPORT_BASIS_MISMATCH');
    expect(await liveReportsOf(member.user.id)).toEqual([]);
  });

  it('refuses the paired-unit basis, even to a paired community, while the home community is known', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['莲东社区']! });
    expectError(await report(member, ids['中山社区']!, 'paired_unit'), 400, 'REPORT_BASIS_MISMATCH');
    expectError(await report(member, ids['莲东社区']!, 'paired_unit'), 400, 'REPORT_BASIS_MISMATCH');
    expect(await liveReportsOf(member.user.id)).toEqual([]);
  });
});

describe('a member whose home community the system does not know reports to a community paired with one of their units', () => {
  it('offers exactly the communities paired with the member’s units, and no residence', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['溪南社区']! });
    await forgetHome(member);
    expect(await optionsOf(member)).toEqual({
      residence: null,
      pairedUnit: [
        { id: ids['龙津社区'], name: '龙津社区', unitId: hospital(), unitName: '龙岩市第一医院' },
        { id: ids['中山社区'], name: '中山社区', unitId: hospital(), unitName: '龙岩市第一医院' },
      ],
    });
  });

  it('offers the paired communities of every unit whose roster carries the member', async () => {
    const member = await newMember(t.app, { unitIds: [hospital(), school()], home: null });
    const offered = (await optionsOf(member)).pairedUnit.map((p) => [p.name, p.unitName]);
    expect(offered.sort()).toEqual(
      [
        ['龙津社区', '龙岩市第一医院'],
        ['中山社区', '龙岩市第一医院'],
        ['莲东社区', '新罗区实验小学'],
        ['溪南社区', '新罗区实验小学'],
      ].sort(),
    );
  });

  it('accepts a report to a paired community, on behalf of the unit paired with it', async () => {
    const member = await newMember(t.app, { unitIds: [hospital(), school()], home: null });
    const created = await submitReport(t.app, member, ids['溪南社区']!, 'paired_unit');
    expect(created).toMatchObject({ basis: 'paired_unit', communityId: ids['溪南社区'], unitId: school(), unitName: '新罗区实验小学', status: 'pending_offline' });
  });

  it('refuses a community not paired with any of the member’s units', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: null });
    expectError(await report(member, ids['莲东社区']!, 'paired_unit'), 400, 'REPORT_BASIS_MISMATCH');
    expectError(await report(member, ids['新罗区']!, 'paired_unit'), 400, 'REPORT_BASIS_MISMATCH');
    expect(await liveReportsOf(member.user.id)).toEqual([]);
  });

  it('refuses the residence basis, there being no residence to report to', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: null });
    expectError(await report(member, ids['龙津社区']!, 'residence'), 400, 'REPORT_BASIS_MISMATCH');
    expect(await liveReportsOf(member.user.id)).toEqual([]);
  });

  it('follows the home community as the member sets it: residence again once one is known', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: null });
    expect((await optionsOf(member)).residence).toBeNull();
    expectStatus(await call(t.app, member, 'PATCH', '/api/me', { homeCommunityId: ids['溪南社区'] }), 200);
    expect(await optionsOf(member)).toEqual({ residence: { id: ids['溪南社区'], name: '溪南社区' }, pairedUnit: [] });
  });
});

describe('only someone on a unit’s roster may report', () => {
  it('answers a resident on no roster 403 NOT_ON_ROSTER, for the options and for a report', async () => {
    const resident = as(RESIDENT);
    expectError(await call(t.app, resident, 'GET', '/api/reports/options'), 403, 'NOT_ON_ROSTER');
    expectError(await report(resident, ids['龙津社区']!, 'residence'), 403, 'NOT_ON_ROSTER');
    expect(await liveReportsOf(resident.user.id)).toEqual([]);
  });

  it('answers community staff on no roster 403 NOT_ON_ROSTER', async () => {
    expectError(await report(as(STAFF_OF.中山社区), ids['中山社区']!, 'residence'), 403, 'NOT_ON_ROSTER');
  });

  it('answers 401 without a session', async () => {
    expectError(await call(t.app, null, 'POST', '/api/reports', { communityId: ids['龙津社区'], basis: 'residence' }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a basis that is not one of the two', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    expectError(await report(member, ids['龙津社区']!, 'workplace' as never), 400, 'VALIDATION_FAILED');
  });
});

describe('a member has at most one live report', () => {
  it('refuses a second report while the first is pending', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const first = await submitReport(t.app, member, ids['龙津社区']!);
    expectError(await report(member, ids['龙津社区']!, 'residence'), 409, 'REPORT_EXISTS');
    expect((await liveReportsOf(member.user.id)).map((r) => String(r.id))).toEqual([first.id]);
  });

  it('refuses a report from a member whose report is confirmed', async () => {
    const confirmedMember = as('13900000103'); // 孙浩然, confirmed at 中山社区
    expect((await me(t.app, confirmedMember)).report).toMatchObject({ status: 'confirmed', communityName: '中山社区' });
    expectError(await report(confirmedMember, ids['中山社区']!, 'residence'), 409, 'REPORT_EXISTS');
    expect(await liveReportsOf(confirmedMember.user.id)).toHaveLength(1);
  });

  it('lets the member report again after staff rejected the report', async () => {
    const member = await newMember(t.app, { unitIds: [school()], home: ids['溪南社区']! });
    const first = await submitReport(t.app, member, ids['溪南社区']!);
    expectStatus(await call(t.app, as(STAFF_OF.溪南社区), 'POST', `/api/reports/${first.id}/reject`, { reason: '请本人到社区报到' }), 200);
    const second = await submitReport(t.app, member, ids['溪南社区']!);
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('pending_offline');
    expect((await me(t.app, member)).report?.id).toBe(second.id);
  });

  it('lets the member report again after withdrawing the report', async () => {
    const member = await newMember(t.app, { unitIds: [school()], home: ids['溪南社区']! });
    const first = await submitReport(t.app, member, ids['溪南社区']!);
    const withdrawn = reportSchema.parse(expectStatus(await call(t.app, member, 'POST', `/api/reports/${first.id}/withdraw`), 200));
    expect(withdrawn).toMatchObject({ id: first.id, status: 'withdrawn' });
    const second = await submitReport(t.app, member, ids['溪南社区']!);
    expect(second.status).toBe('pending_offline');
  });

  it('accepts exactly one of several reports sent at the same moment', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['中山社区']! });
    const answers = await Promise.all(Array.from({ length: 5 }, () => report(member, ids['中山社区']!, 'residence')));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) expectError(refused, 409, 'REPORT_EXISTS');
    const created = myReportSchema.parse(answers.find((a) => a.statusCode === 201)!.json());
    expect((await liveReportsOf(member.user.id)).map((r) => String(r.id))).toEqual([created.id]);
  });
});

describe('a member withdraws only their own pending report', () => {
  it('answers 404 to another member withdrawing it, and leaves it pending', async () => {
    const owner = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const other = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const created = await submitReport(t.app, owner, ids['龙津社区']!);
    expectError(await call(t.app, other, 'POST', `/api/reports/${created.id}/withdraw`), 404, 'NOT_FOUND');
    expect((await me(t.app, owner)).report).toMatchObject({ id: created.id, status: 'pending_offline' });
  });

  it('answers 403 to a resident on no roster', async () => {
    const owner = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const created = await submitReport(t.app, owner, ids['龙津社区']!);
    expectError(await call(t.app, as(RESIDENT), 'POST', `/api/reports/${created.id}/withdraw`), 403, 'FORBIDDEN');
  });

  it('answers 409 REPORT_STATE_CONFLICT to withdrawing twice', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    const created = await submitReport(t.app, member, ids['龙津社区']!);
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${created.id}/withdraw`), 200);
    expectError(await call(t.app, member, 'POST', `/api/reports/${created.id}/withdraw`), 409, 'REPORT_STATE_CONFLICT');
  });

  it('answers 409 REPORT_STATE_CONFLICT to withdrawing a confirmed report', async () => {
    const confirmedMember = as('13900000103');
    const reportId = (await me(t.app, confirmedMember)).report!.id;
    expectError(await call(t.app, confirmedMember, 'POST', `/api/reports/${reportId}/withdraw`), 409, 'REPORT_STATE_CONFLICT');
    expect((await me(t.app, confirmedMember)).report?.status).toBe('confirmed');
  });

  it('answers 404 for a report that does not exist', async () => {
    const member = await newMember(t.app, { unitIds: [hospital()], home: ids['龙津社区']! });
    expect(outcome(await call(t.app, member, 'POST', '/api/reports/999999/withdraw'))).toMatchObject({ status: 404 });
    expect(outcome(await call(t.app, member, 'POST', '/api/reports/not-a-number/withdraw'))).toMatchObject({ status: 404 });
  });
});
