import { CERTIFICATE_ALPHABET, CERTIFICATE_LENGTH, certificateQrPayload, reportSchema, type Session } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { reports } from '../src/db/schema';
import { DEMO_CERTIFICATE_CODE } from '../src/seed/demo-city';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  UNIT_ADMIN_OF,
  auditOf,
  call,
  confirm,
  confirmReport,
  expectStatus,
  issueCertificate,
  me,
  newMember,
  notificationsOf,
  pendingReport,
  signInAll,
  submitReport,
} from './support/reporting';

// The offline half of dual reporting (双报到): the unit's 报到证, and staff confirming or rejecting.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;
const schoolAdmin = () => as(UNIT_ADMIN_OF.新罗区实验小学);
const hospitalAdmin = () => as(UNIT_ADMIN_OF.龙岩市第一医院);
const xinanStaff = () => as(STAFF_OF.溪南社区);

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  // 许丽娟 (13900000108): demo member of 新罗区实验小学, pending at 溪南社区 with DEMO_CERTIFICATE_CODE.
  sessions = await signInAll(t.app, [...Object.values(STAFF_OF), ...Object.values(UNIT_ADMIN_OF), DISTRICT_ADMIN, RESIDENT, '13900000108']);
});
afterAll(() => t.close());

/** A member of 新罗区实验小学 living in 溪南社区 with a pending report, and no 报到证 yet. */
async function pendingAtXinan(name = '溪南党员') {
  const member = await newMember(t.app, { unitIds: [ids['新罗区实验小学']!], home: ids['溪南社区']!, name });
  return { member, report: await submitReport(t.app, member, ids['溪南社区']!) };
}
/** The same, holding a 报到证. */
const certifiedAtXinan = (name = '溪南党员') =>
  pendingReport(t.app, { unitId: ids['新罗区实验小学']!, community: ids['溪南社区']!, unitAdmin: schoolAdmin(), name });
const statusInDb = async (reportId: string) => (await t.app.db.select().from(reports).where(eq(reports.id, Number(reportId))))[0]!.status;
const reject = (staff: Session, reportId: string, body: unknown) => call(t.app, staff, 'POST', `/api/reports/${reportId}/reject`, body as object);
/** A code of the alphabet that is not `code`. */
const otherCode = (code: string) => (code === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH');

describe('the 报到证 is issued by the admin of the member’s unit only', () => {
  it('issues a code of eight characters of the shared alphabet, and its QR code as a PNG data URL', async () => {
    const { report } = await pendingAtXinan();
    const certificate = await issueCertificate(t.app, schoolAdmin(), report.id);
    expect(certificate.code).toMatch(new RegExp(`^[${CERTIFICATE_ALPHABET}]{${CERTIFICATE_LENGTH}}$`));
    expect(certificate.qr).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(certificate.qr.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(Number.isNaN(Date.parse(certificate.issuedAt))).toBe(false);
  });

  it('puts the report and its code in the QR code', async () => {
    const { report } = await pendingAtXinan();
    const certificate = await issueCertificate(t.app, schoolAdmin(), report.id);
    const expected = await QRCode.toDataURL(certificateQrPayload(report.id, certificate.code), { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    expect(certificate.qr).toBe(expected);
  });

  it('answers 404 to the admin of another unit, and issues nothing', async () => {
    const { report } = await pendingAtXinan();
    expectError(await call(t.app, hospitalAdmin(), 'POST', `/api/reports/${report.id}/certificate`), 404, 'NOT_FOUND');
    expect((await t.app.db.select().from(reports).where(eq(reports.id, Number(report.id))))[0]!.certificateCode).toBeNull();
  });

  it.each([
    ['community staff of the report’s community', () => xinanStaff()],
    ['a district admin', () => as(DISTRICT_ADMIN)],
    ['a resident', () => as(RESIDENT)],
  ])('answers 403 to %s', async (_who, who) => {
    const { report } = await pendingAtXinan();
    expectError(await call(t.app, who(), 'POST', `/api/reports/${report.id}/certificate`), 403, 'FORBIDDEN');
  });

  it('answers 403 to the member themselves', async () => {
    const { member, report } = await pendingAtXinan();
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/certificate`), 403, 'FORBIDDEN');
  });

  it('answers 409 REPORT_STATE_CONFLICT for a report no longer pending', async () => {
    const { member, report } = await pendingAtXinan();
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${report.id}/withdraw`), 200);
    expectError(await call(t.app, schoolAdmin(), 'POST', `/api/reports/${report.id}/certificate`), 409, 'REPORT_STATE_CONFLICT');
  });

  it('shows the member the certificate in GET /api/me while the report is pending, and no longer once confirmed', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    const pending = (await me(t.app, member)).report;
    expect(pending).toMatchObject({ id: report.id, status: 'pending_offline', certificateIssued: true, certificate });
    await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    expect((await me(t.app, member)).report).toMatchObject({ id: report.id, status: 'confirmed', certificate: null });
  });
});

describe('issuing the 报到证 again replaces the code', () => {
  it('refuses the old code with 409 CERTIFICATE_INVALID and accepts the new one', async () => {
    const { member, report, certificate: first } = await certifiedAtXinan();
    const second = await issueCertificate(t.app, schoolAdmin(), report.id);
    expect(second.code).not.toBe(first.code);
    expect((await me(t.app, member)).report?.certificate?.code).toBe(second.code);
    expectError(await confirm(t.app, xinanStaff(), report.id, first.code), 409, 'CERTIFICATE_INVALID');
    expect(await statusInDb(report.id)).toBe('pending_offline');
    expect((await confirmReport(t.app, xinanStaff(), report.id, second.code)).status).toBe('confirmed');
  });
});

describe('staff of the report’s community confirm it offline with the 报到证 code', () => {
  it('confirms with the right code', async () => {
    const { member, report, certificate } = await certifiedAtXinan('确认党员');
    const confirmed = await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    expect(confirmed).toMatchObject({ id: report.id, memberName: '确认党员', communityName: '溪南社区', status: 'confirmed', rejectReason: null });
    expect(confirmed.decidedAt).not.toBeNull();
    expect((await me(t.app, member)).report?.status).toBe('confirmed');
  });

  it('confirms the demo member with the demo city’s code', async () => {
    const xu = as('13900000108');
    const report = (await me(t.app, xu)).report!;
    expect(report).toMatchObject({ status: 'pending_offline', certificate: { code: DEMO_CERTIFICATE_CODE } });
    expect((await confirmReport(t.app, xinanStaff(), report.id, DEMO_CERTIFICATE_CODE)).status).toBe('confirmed');
  });

  it.each([
    ['in lower case', (c: string) => c.toLowerCase()],
    ['with a dash in the middle', (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`],
    ['with spaces around and inside', (c: string) => ` ${c.slice(0, 4)} ${c.slice(4)} `],
  ])('accepts the code typed %s', async (_how, typed) => {
    const { report, certificate } = await certifiedAtXinan();
    expect((await confirmReport(t.app, xinanStaff(), report.id, typed(certificate.code))).status).toBe('confirmed');
  });

  it('refuses a wrong code with 409 CERTIFICATE_INVALID and leaves the report pending', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    expectError(await confirm(t.app, xinanStaff(), report.id, otherCode(certificate.code)), 409, 'CERTIFICATE_INVALID');
    expect((await me(t.app, member)).report).toMatchObject({ id: report.id, status: 'pending_offline', certificate: { code: certificate.code } });
    const listed = expectStatus(await call(t.app, xinanStaff(), 'GET', `/api/communities/${ids['溪南社区']}/reports?status=pending_offline&limit=100`), 200) as { items: { id: string }[] };
    expect(listed.items.map((r) => r.id)).toContain(report.id);
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('refuses another report’s code with 409 CERTIFICATE_INVALID', async () => {
    const one = await certifiedAtXinan();
    const other = await certifiedAtXinan();
    expectError(await confirm(t.app, xinanStaff(), one.report.id, other.certificate.code), 409, 'CERTIFICATE_INVALID');
    expect(await statusInDb(one.report.id)).toBe('pending_offline');
  });

  it('refuses a code that is not of the alphabet with 400 VALIDATION_FAILED', async () => {
    const { report } = await certifiedAtXinan();
    for (const code of ['', 'ABC', 'O0I1L0O1', 'ABCDEFGHJ']) {
      expectError(await confirm(t.app, xinanStaff(), report.id, code), 400, 'VALIDATION_FAILED');
    }
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('refuses the code once used, with 409 REPORT_STATE_CONFLICT', async () => {
    const { report, certificate } = await certifiedAtXinan();
    await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    expectError(await confirm(t.app, xinanStaff(), report.id, certificate.code), 409, 'REPORT_STATE_CONFLICT');
  });

  it('confirms once when two staff confirm at the same moment: one 200, one 409 REPORT_STATE_CONFLICT', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    const answers = await Promise.all([confirm(t.app, xinanStaff(), report.id, certificate.code), confirm(t.app, xinanStaff(), report.id, certificate.code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expectError(answers.find((a) => a.statusCode === 409)!, 409, 'REPORT_STATE_CONFLICT');
    expect((await auditOf(t.app, 'report', report.id)).filter((r) => r.action === 'report.confirm')).toHaveLength(1);
    const told = (await notificationsOf(t.app, member)).items.filter((n) => n.kind === 'report.confirmed');
    expect(told).toHaveLength(1);
  });

  it('refuses to confirm before any certificate is issued, with 409 CERTIFICATE_NOT_ISSUED', async () => {
    const { report } = await pendingAtXinan();
    expectError(await confirm(t.app, xinanStaff(), report.id, 'ABCD2345'), 409, 'CERTIFICATE_NOT_ISSUED');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('answers 404 to staff of another community, and leaves the report pending', async () => {
    const { report, certificate } = await certifiedAtXinan();
    for (const staff of [STAFF_OF.龙津社区, STAFF_OF.莲东社区]) {
      expectError(await confirm(t.app, as(staff), report.id, certificate.code), 404, 'NOT_FOUND');
      expectError(await reject(as(staff), report.id, { reason: '不是本社区' }), 404, 'NOT_FOUND');
    }
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('answers 403 to the member, a resident and the unit admin', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    for (const who of [member, as(RESIDENT), schoolAdmin()]) {
      expectError(await confirm(t.app, who, report.id, certificate.code), 403, 'FORBIDDEN');
      expectError(await reject(who, report.id, { reason: '无权' }), 403, 'FORBIDDEN');
    }
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });
});

describe('staff confirm a code typed on the list, without finding the member first', () => {
  const byCode = (staff: Session, communityId: string, certificateCode: string) =>
    call(t.app, staff, 'POST', `/api/communities/${communityId}/reports/confirm`, { certificateCode });

  it('confirms the report whose code it is, the code pasted in lower case with spaces', async () => {
    const { report, certificate } = await certifiedAtXinan('列表确认党员');
    const pasted = ` ${certificate.code.slice(0, 4).toLowerCase()} ${certificate.code.slice(4).toLowerCase()} `;
    const confirmed = reportSchema.parse(expectStatus(await byCode(xinanStaff(), ids['溪南社区']!, pasted), 200));
    expect(confirmed).toMatchObject({ id: report.id, status: 'confirmed', memberName: '列表确认党员' });
    expect(await statusInDb(report.id)).toBe('confirmed');
  });

  it('answers 409 CERTIFICATE_INVALID to a code no report waiting here holds, and confirms nothing', async () => {
    const { report, certificate } = await certifiedAtXinan();
    expectError(await byCode(xinanStaff(), ids['溪南社区']!, otherCode(certificate.code)), 409, 'CERTIFICATE_INVALID');
    // The right code, at another community's list, is not that community's report.
    expectError(await byCode(as(STAFF_OF.中山社区), ids['中山社区']!, certificate.code), 409, 'CERTIFICATE_INVALID');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('is for the community’s staff only', async () => {
    const { report, certificate } = await certifiedAtXinan();
    expectError(await byCode(as(STAFF_OF.中山社区), ids['溪南社区']!, certificate.code), 404, 'NOT_FOUND');
    expectError(await byCode(schoolAdmin(), ids['溪南社区']!, certificate.code), 403, 'FORBIDDEN');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });
});

describe('staff reject a pending report only with a reason', () => {
  it('rejects with the reason, which the member then sees', async () => {
    const { member, report } = await certifiedAtXinan();
    const rejected = reportSchema.parse(expectStatus(await reject(xinanStaff(), report.id, { reason: '  未在本社区居住  ' }), 200));
    expect(rejected).toMatchObject({ id: report.id, status: 'rejected', rejectReason: '未在本社区居住' });
    expect(rejected.decidedAt).not.toBeNull();
    expect((await me(t.app, member)).report).toMatchObject({ id: report.id, status: 'rejected', rejectReason: '未在本社区居住', certificate: null });
  });

  it.each([
    ['no body field', {}],
    ['an empty reason', { reason: '' }],
    ['a reason of spaces', { reason: '   ' }],
  ])('refuses %s with 400 VALIDATION_FAILED and leaves the report pending', async (_what, body) => {
    const { report } = await pendingAtXinan();
    expectError(await reject(xinanStaff(), report.id, body), 400, 'VALIDATION_FAILED');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('refuses a reason over 500 characters with 400 VALIDATION_FAILED', async () => {
    const { report } = await pendingAtXinan();
    expectError(await reject(xinanStaff(), report.id, { reason: '长'.repeat(501) }), 400, 'VALIDATION_FAILED');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('refuses to reject a confirmed report, with 409 REPORT_STATE_CONFLICT', async () => {
    const { report, certificate } = await certifiedAtXinan();
    await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    expectError(await reject(xinanStaff(), report.id, { reason: '晚了' }), 409, 'REPORT_STATE_CONFLICT');
    expect(await statusInDb(report.id)).toBe('confirmed');
  });

  it('refuses to confirm a rejected report, with 409 REPORT_STATE_CONFLICT', async () => {
    const { report, certificate } = await certifiedAtXinan();
    expectStatus(await reject(xinanStaff(), report.id, { reason: '材料不全' }), 200);
    expectError(await confirm(t.app, xinanStaff(), report.id, certificate.code), 409, 'REPORT_STATE_CONFLICT');
    expect(await statusInDb(report.id)).toBe('rejected');
  });
});

describe('every transition of a report writes its audit row', () => {
  it('records creation, the certificate, and confirmation, each with its actor', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    const rows = await auditOf(t.app, 'report', report.id);
    expect(rows.map((r) => [r.action, r.actorId, r.fromState, r.toState])).toEqual([
      ['report.create', Number(member.user.id), null, 'pending_offline'],
      ['report.certify', Number(schoolAdmin().user.id), 'pending_offline', 'pending_offline'],
      ['report.confirm', Number(xinanStaff().user.id), 'pending_offline', 'confirmed'],
    ]);
    expect(rows[0]!.details).toEqual({ communityId: Number(ids['溪南社区']), basis: 'residence' });
  });

  it('records a rejection with its reason', async () => {
    const { report } = await pendingAtXinan();
    expectStatus(await reject(xinanStaff(), report.id, { reason: '重复报到' }), 200);
    const last = (await auditOf(t.app, 'report', report.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'report.reject', actorId: Number(xinanStaff().user.id), fromState: 'pending_offline', toState: 'rejected', details: { reason: '重复报到' } });
  });

  it('records a withdrawal by the member', async () => {
    const { member, report } = await pendingAtXinan();
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${report.id}/withdraw`), 200);
    const last = (await auditOf(t.app, 'report', report.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'report.withdraw', actorId: Number(member.user.id), fromState: 'pending_offline', toState: 'withdrawn' });
  });

  it('records a certificate issued again as reissued', async () => {
    const { report } = await certifiedAtXinan();
    await issueCertificate(t.app, schoolAdmin(), report.id);
    const certified = (await auditOf(t.app, 'report', report.id)).filter((r) => r.action === 'report.certify');
    expect(certified.map((r) => r.details)).toEqual([{ reissued: false }, { reissued: true }]);
  });

  it('writes no row for a refused confirmation', async () => {
    const { report, certificate } = await certifiedAtXinan();
    const before = await auditOf(t.app, 'report', report.id);
    expectError(await confirm(t.app, xinanStaff(), report.id, otherCode(certificate.code)), 409, 'CERTIFICATE_INVALID');
    expectError(await confirm(t.app, as(STAFF_OF.龙津社区), report.id, certificate.code), 404, 'NOT_FOUND');
    expect(await auditOf(t.app, 'report', report.id)).toEqual(before);
  });
});

describe('the people a report concerns are told of each change', () => {
  const ofReport = async (who: Session, reportId: string) =>
    (await notificationsOf(t.app, who, '?limit=100')).items.filter((n) => n.entity === 'report' && n.entityId === reportId);

  it('tells the unit’s admins of a new report', async () => {
    const { report } = await pendingAtXinan();
    expect((await ofReport(schoolAdmin(), report.id)).map((n) => n.kind)).toEqual(['report.created']);
    expect(await ofReport(hospitalAdmin(), report.id)).toEqual([]);
  });

  it('tells the member when the certificate is issued and when the report is confirmed, newest first', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    expect((await ofReport(member, report.id)).map((n) => n.kind)).toEqual(['report.certified']);
    await confirmReport(t.app, xinanStaff(), report.id, certificate.code);
    const told = await ofReport(member, report.id);
    expect(told.map((n) => n.kind)).toEqual(['report.confirmed', 'report.certified']);
    expect(told[0]!).toMatchObject({ read: false, title: expect.stringMatching(/\p{Script=Han}/u) });
    expect(told[0]!.body).toContain('溪南社区');
  });

  it('tells the member of a rejection, with the reason', async () => {
    const { member, report } = await pendingAtXinan();
    expectStatus(await reject(xinanStaff(), report.id, { reason: '请携带身份证' }), 200);
    const told = await ofReport(member, report.id);
    expect(told.map((n) => n.kind)).toEqual(['report.rejected']);
    expect(told[0]!.body).toContain('请携带身份证');
  });

  it('tells nobody of a refused confirmation', async () => {
    const { member, report, certificate } = await certifiedAtXinan();
    expectError(await confirm(t.app, xinanStaff(), report.id, otherCode(certificate.code)), 409, 'CERTIFICATE_INVALID');
    expect((await ofReport(member, report.id)).map((n) => n.kind)).toEqual(['report.certified']);
  });
});

describe('guesses at a report’s code are limited, and only attempts by staff who may confirm it count', () => {
  it('holds off the report’s staff with 429 RATE_LIMITED after ten wrong codes, even with the right one', async () => {
    const { report, certificate } = await certifiedAtXinan();
    for (let i = 0; i < 10; i++) {
      expectError(await confirm(t.app, xinanStaff(), report.id, otherCode(certificate.code)), 409, 'CERTIFICATE_INVALID');
    }
    expectError(await confirm(t.app, xinanStaff(), report.id, certificate.code), 429, 'RATE_LIMITED');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('counts the tries per report however its id is written (leading zeros name the same report)', async () => {
    const { report, certificate } = await certifiedAtXinan();
    const wrong = otherCode(certificate.code);
    for (let i = 0; i < 10; i++) expectError(await confirm(t.app, xinanStaff(), report.id, wrong), 409, 'CERTIFICATE_INVALID');
    expectError(await confirm(t.app, xinanStaff(), report.id, wrong), 429, 'RATE_LIMITED');
    expectError(await confirm(t.app, xinanStaff(), `0${report.id}`, wrong), 429, 'RATE_LIMITED');
    expectError(await confirm(t.app, xinanStaff(), `00${report.id}`, certificate.code), 429, 'RATE_LIMITED');
    expect(await statusInDb(report.id)).toBe('pending_offline');
  });

  it('lets the report’s staff confirm after others, who may not confirm it, tried ten times', async () => {
    // Anyone may sign up, and report ids count up: refused attempts must not lock a report.
    const { report, certificate } = await certifiedAtXinan();
    for (let i = 0; i < 5; i++) expectError(await confirm(t.app, as(RESIDENT), report.id, otherCode(certificate.code)), 403, 'FORBIDDEN');
    for (let i = 0; i < 5; i++) expectError(await confirm(t.app, as(STAFF_OF.龙津社区), report.id, otherCode(certificate.code)), 404, 'NOT_FOUND');
    expect((await confirmReport(t.app, xinanStaff(), report.id, certificate.code)).status).toBe('confirmed');
  });
});
