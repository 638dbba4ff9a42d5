// Reports that follow people (domain.md, "A member's life on the rolls"): a member who moves asks
// to transfer (转移报到) and is counted in the old community until the new one confirms, then in
// the new one, never twice nor nowhere, even while the figures are read during the confirmation; a
// report ends (退休、调离、去世) by its member or their unit's admin, handing back what they held.
import {
  myReportSchema,
  reportDetailSchema,
  type MyReport,
  type ReportDetail,
  type Session,
} from '@huijia/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { postSeats, reports } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  UNIT_ADMIN_OF,
  call,
  confirm,
  confirmedMember,
  expectStatus,
  issueCertificate,
  me,
  newUnit,
  notificationsOf,
  signInAll,
} from './support/reporting';
import { postBody } from './support/service';

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;
const longjin = () => ids['龙津社区']!;
const zhongshan = () => ids['中山社区']!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [UNIT_ADMIN_OF.龙岩市第一医院, UNIT_ADMIN_OF.新罗区实验小学, STAFF_OF.龙津社区, STAFF_OF.中山社区, DISTRICT_ADMIN, RESIDENT]);
}, 120_000);
afterAll(() => t.close());

let unitCounter = 0;
/** A unit of one test, paired with 龙津社区, with its admin. */
const aUnit = () => newUnit(t.app, as(DISTRICT_ADMIN), { name: `转移报到测试单位${process.pid}-${++unitCounter}`, paired: [longjin()] });

/** A member of a new unit confirmed at 龙津社区. */
async function reportedAtLongjin() {
  const { unitId, admin } = await aUnit();
  const { member, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: as(STAFF_OF.龙津社区) });
  return { unitId, admin, member, report };
}

const detail = async (who: Session, id: string): Promise<ReportDetail> => reportDetailSchema.parse(expectStatus(await call(t.app, who, 'GET', `/api/reports/${id}`), 200));

/** The member moves to 中山社区 and asks to transfer there. */
async function moveToZhongshan(member: Session, reportId: string): Promise<MyReport> {
  expectStatus(await call(t.app, member, 'PATCH', '/api/me', { homeCommunityId: zhongshan() }), 200);
  return myReportSchema.parse(expectStatus(await call(t.app, member, 'POST', `/api/reports/${reportId}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 201));
}

/** Where the view that every figure reads places each of these phones, and whether as reported. */
async function placed(phones: readonly string[]) {
  const result = (await t.app.db.execute(
    sql`select phone, community_id::text as community, report_status::text as status from expected_members where phone = any(${`{${phones.join(',')}}`}::text[])`,
  )) as unknown as { rows: { phone: string; community: string; status: string | null }[] };
  return result.rows;
}

describe('GET /api/reports/:id', () => {
  it('shows a report to its member (with the 报到证), their unit’s admin and the community’s staff, and to nobody else', async () => {
    const { admin, member, report } = await reportedAtLongjin();
    const own = await detail(member, report.id);
    expect(own).toMatchObject({ id: report.id, status: 'confirmed', transfer: null, transferredFrom: null, mayTransfer: true, mayEnd: true, endedAt: null });
    expect(await detail(admin, report.id)).toMatchObject({ certificate: null, mayTransfer: false, mayEnd: true });
    expect(await detail(as(STAFF_OF.龙津社区), report.id)).toMatchObject({ certificate: null, mayTransfer: false, mayEnd: false });
    for (const stranger of [as(RESIDENT), as(STAFF_OF.中山社区), as(UNIT_ADMIN_OF.新罗区实验小学)]) {
      expectError(await call(t.app, stranger, 'GET', `/api/reports/${report.id}`), 404, 'NOT_FOUND');
    }
    expectError(await call(t.app, member, 'GET', '/api/reports/99999999'), 404, 'NOT_FOUND');
    expectError(await call(t.app, member, 'GET', '/api/reports/abc'), 404, 'NOT_FOUND');
  });
});

describe('转移报到', () => {
  it('opens a pending report in the new community while the old one stays confirmed; the confirmation ends the old one and hands back what was held there', async () => {
    const { admin, member, report } = await reportedAtLongjin();
    // The member holds a post seat at 龙津社区.
    const held = expectStatus(await call(t.app, as(STAFF_OF.龙津社区), 'POST', '/api/posts', postBody(longjin())), 201) as { id: string };
    expectStatus(await call(t.app, member, 'POST', `/api/posts/${held.id}/claim`, { commitment: '我承诺按时到岗，接受社区和群众监督。' }), 200);

    const asked = await moveToZhongshan(member, report.id);
    expect(asked).toMatchObject({ id: report.id, status: 'confirmed', transfer: { status: 'pending_offline', communityId: zhongshan(), transferOf: report.id, certificate: null } });
    const transferId = asked.transfer!.id;
    expect((await placed([member.user.phone!]))).toEqual([{ phone: member.user.phone, community: longjin(), status: 'confirmed' }]);
    expect(await detail(member, report.id)).toMatchObject({ transfer: { id: transferId, status: 'pending_offline' }, mayTransfer: false });
    expect(await detail(member, transferId)).toMatchObject({ transferredFrom: { id: report.id }, status: 'pending_offline' });
    // The new community's staff see it among their pending reports, as a transfer.
    const pending = expectStatus(await call(t.app, as(STAFF_OF.中山社区), 'GET', `/api/communities/${zhongshan()}/reports?status=pending_offline`), 200) as { items: { id: string; transferOf: string | null }[] };
    expect(pending.items.find((r) => r.id === transferId)).toMatchObject({ transferOf: report.id });

    // Asking twice, or for the community one is already in, changes nothing.
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 409, 'REPORT_TRANSFER_EXISTS');
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: longjin(), basis: 'residence' }), 409, 'REPORT_TRANSFER_SAME_COMMUNITY');
    expectError(await call(t.app, admin, 'POST', `/api/reports/${report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 403, 'FORBIDDEN');
    expect((await me(t.app, member)).report!.transfer!.id).toBe(transferId);

    const certificate = await issueCertificate(t.app, admin, transferId);
    expect((await me(t.app, member)).report!.transfer!.certificate!.code).toBe(certificate.code);
    expectStatus(await confirm(t.app, as(STAFF_OF.中山社区), transferId, certificate.code), 200);

    const old = await detail(member, report.id);
    expect(old).toMatchObject({ status: 'ended', endReason: 'transferred', transfer: { id: transferId, status: 'confirmed' }, mayTransfer: false, mayEnd: false });
    expect(old.endedAt).not.toBeNull();
    expect((await me(t.app, member)).report).toMatchObject({ id: transferId, status: 'confirmed', transfer: null });
    expect(await placed([member.user.phone!])).toEqual([{ phone: member.user.phone, community: zhongshan(), status: 'confirmed' }]);
    const [seat] = await t.app.db.select().from(postSeats).where(and(eq(postSeats.postId, Number(held.id)), eq(postSeats.memberId, Number(member.user.id))));
    expect(seat?.status).toBe('left');
    // The member and the old community's staff hear of it.
    expect((await notificationsOf(t.app, member)).items[0]).toMatchObject({ title: '转移报到成功' });
    expect((await notificationsOf(t.app, as(STAFF_OF.龙津社区))).items.map((n) => n.title)).toContain('党员已转移报到');
  });

  it('leaves the confirmed report as it was when the transfer is withdrawn or rejected, and lets the member ask again', async () => {
    const { member, report } = await reportedAtLongjin();
    const first = (await moveToZhongshan(member, report.id)).transfer!;
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${first.id}/withdraw`), 200);
    expect(await detail(member, report.id)).toMatchObject({ status: 'confirmed', transfer: null, mayTransfer: true });
    const second = myReportSchema.parse(expectStatus(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 201)).transfer!;
    expectStatus(await call(t.app, as(STAFF_OF.中山社区), 'POST', `/api/reports/${second.id}/reject`, { reason: '请先到社区登记住址' }), 200);
    expect(await detail(member, report.id)).toMatchObject({ status: 'confirmed', transfer: null });
    expect(await placed([member.user.phone!])).toEqual([{ phone: member.user.phone, community: longjin(), status: 'confirmed' }]);
  });

  it('refuses a transfer of a report that is not confirmed, to a community the member does not live in, or of another’s report', async () => {
    const { member, report } = await reportedAtLongjin();
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 400, 'REPORT_BASIS_MISMATCH');
    const other = await reportedAtLongjin();
    expectError(await call(t.app, member, 'POST', `/api/reports/${other.report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 404, 'NOT_FOUND');
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: 'x', basis: 'nowhere' }), 400, 'VALIDATION_FAILED');
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${report.id}/end`, { reason: 'reassigned' }), 200);
    expectStatus(await call(t.app, member, 'PATCH', '/api/me', { homeCommunityId: zhongshan() }), 200);
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/transfer`, { communityId: zhongshan(), basis: 'residence' }), 409, 'REPORT_STATE_CONFLICT');
  });

  it('never counts a member twice or nowhere while transfers are confirmed and the figures are read at the same time', async () => {
    const { unitId, admin } = await aUnit();
    const movers: { member: Session; transferId: string; code: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const { member, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: as(STAFF_OF.龙津社区) });
      const transfer = (await moveToZhongshan(member, report.id)).transfer!;
      movers.push({ member, transferId: transfer.id, code: (await issueCertificate(t.app, admin, transfer.id)).code });
    }
    const phones = movers.map((m) => m.member.user.phone!);
    let confirming = true;
    const seen: { rows: number; reported: number; bad: string[] }[] = [];
    const reader = (async () => {
      while (confirming) {
        const rows = await placed(phones);
        seen.push({
          rows: rows.length,
          reported: rows.filter((r) => r.status === 'confirmed').length,
          bad: rows.filter((r) => r.community !== longjin() && r.community !== zhongshan()).map((r) => r.phone),
        });
        // Lets the requests in: the embedded database may answer without ever leaving the microtasks.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const answers = await Promise.all(movers.map((m) => confirm(t.app, as(STAFF_OF.中山社区), m.transferId, m.code)));
    confirming = false;
    await reader;
    expect(answers.map((a) => a.statusCode)).toEqual(movers.map(() => 200));
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toEqual({ rows: phones.length, reported: phones.length, bad: [] });
    expect(await placed(phones)).toEqual(expect.arrayContaining(phones.map((phone) => ({ phone, community: zhongshan(), status: 'confirmed' }))));
  });

  it('settles a confirmation racing the end of the old report one way or the other, never with two confirmed reports', async () => {
    const { admin, member, report } = await reportedAtLongjin();
    const transfer = (await moveToZhongshan(member, report.id)).transfer!;
    const { code } = await issueCertificate(t.app, admin, transfer.id);
    const [confirmed, ended] = await Promise.all([
      confirm(t.app, as(STAFF_OF.中山社区), transfer.id, code),
      call(t.app, admin, 'POST', `/api/reports/${report.id}/end`, { reason: 'reassigned' }),
    ]);
    const rows = await t.app.db.select().from(reports).where(inArray(reports.id, [Number(report.id), Number(transfer.id)]));
    const statusOf = (id: string) => rows.find((r) => r.id === Number(id))!.status;
    if (confirmed.statusCode === 200) {
      expect(ended.statusCode).toBe(409);
      expect([statusOf(report.id), statusOf(transfer.id)]).toEqual(['ended', 'confirmed']);
    } else {
      expect([confirmed.statusCode, ended.statusCode]).toEqual([409, 200]);
      expect([statusOf(report.id), statusOf(transfer.id)]).toEqual(['ended', 'withdrawn']);
    }
  });
});

describe('结束报到', () => {
  it('ends a confirmed report by its member or their unit’s admin, with the reason, handing back what was held and telling those concerned', async () => {
    const { admin, member, report } = await reportedAtLongjin();
    const ended = reportDetailSchema.parse(expectStatus(await call(t.app, admin, 'POST', `/api/reports/${report.id}/end`, { reason: 'deceased', note: '家属告知' }), 200));
    expect(ended).toMatchObject({ status: 'ended', endReason: 'deceased', mayEnd: false });
    expect((await notificationsOf(t.app, member)).items[0]).toMatchObject({ title: '您的报到已结束' });
    expect((await notificationsOf(t.app, as(STAFF_OF.龙津社区))).items.map((n) => n.title)).toContain('党员报到已结束');
    expectError(await call(t.app, admin, 'POST', `/api/reports/${report.id}/end`, { reason: 'retired' }), 409, 'REPORT_STATE_CONFLICT');
    expect(await placed([member.user.phone!])).toEqual([{ phone: member.user.phone, community: longjin(), status: null }]);

    const own = await reportedAtLongjin();
    expect(reportDetailSchema.parse(expectStatus(await call(t.app, own.member, 'POST', `/api/reports/${own.report.id}/end`, { reason: 'retired' }), 200))).toMatchObject({ endReason: 'retired' });
  });

  it('withdraws a pending transfer with the report it would replace', async () => {
    const { member, report } = await reportedAtLongjin();
    const transfer = (await moveToZhongshan(member, report.id)).transfer!;
    expectStatus(await call(t.app, member, 'POST', `/api/reports/${report.id}/end`, { reason: 'reassigned' }), 200);
    expect(await detail(member, transfer.id)).toMatchObject({ status: 'withdrawn' });
    expect((await me(t.app, member)).report).toMatchObject({ status: 'ended', transfer: null });
  });

  it('refuses a reason nobody may give, staff and strangers, and a report still pending', async () => {
    const { member, report } = await reportedAtLongjin();
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/end`, { reason: 'transferred' }), 400, 'VALIDATION_FAILED');
    expectError(await call(t.app, member, 'POST', `/api/reports/${report.id}/end`, {}), 400, 'VALIDATION_FAILED');
    expectError(await call(t.app, as(STAFF_OF.龙津社区), 'POST', `/api/reports/${report.id}/end`, { reason: 'retired' }), 403, 'FORBIDDEN');
    expectError(await call(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), 'POST', `/api/reports/${report.id}/end`, { reason: 'retired' }), 404, 'NOT_FOUND');
    const { admin } = await reportedAtLongjin();
    const transfer = (await moveToZhongshan(member, report.id)).transfer!;
    expectError(await call(t.app, admin, 'POST', `/api/reports/${transfer.id}/end`, { reason: 'retired' }), 404, 'NOT_FOUND');
    expectError(await call(t.app, member, 'POST', `/api/reports/${transfer.id}/end`, { reason: 'retired' }), 409, 'REPORT_STATE_CONFLICT');
    expect(await detail(member, report.id)).toMatchObject({ status: 'confirmed' });
  });
});
