import { z } from 'zod';
import {
  gridGroupSchema,
  householdSchema,
  listEnvelope,
  postSchema,
  recordSchema,
  reportingFiguresSchema,
  rosterImportResultSchema,
  rosterMemberSchema,
  wishSchema,
  type GridGroup,
  type Household,
  type Post,
  type RosterImportResult,
  type RosterMember,
  type Session,
  type Wish,
} from '@huijia/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, households, notifications, orgNodes, pairings, pointsLedger, postSeats, reports, rosterEntries, serviceRecords, units } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError, freshPhone } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  UNIT_ADMIN_OF,
  call,
  confirm,
  confirmedMember,
  csv,
  expectStatus,
  me,
  newMember,
  newUnit,
  notificationsOf,
  pendingReport,
  rosterFile,
  signInAll,
  submitReport,
} from './support/reporting';
import { postBody, recordBody, session as serviceSession } from './support/service';

// A member's life on the rolls (domain.md): a roster import that replaces the roster marks the
// members it no longer lists departed (离开名册), never deleting them; one member can leave with a
// reason; whoever leaves takes their live report with them, and with it what they held in its
// community; a departed member listed again comes back.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;
const staff = () => as(STAFF_OF.龙津社区);
const longjin = () => ids['龙津社区']!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [UNIT_ADMIN_OF.龙岩市第一医院, UNIT_ADMIN_OF.新罗区实验小学, STAFF_OF.龙津社区, DISTRICT_ADMIN, RESIDENT, '13900000101']);
}, 120_000);
afterAll(() => t.close());

const HEADER = ['姓名', '手机号', '支部'];
type Listed = { name: string; phone: string; branch?: string };
const fileOf = (people: Listed[]) => rosterFile(csv([HEADER, ...people.map((p) => [p.name, p.phone, p.branch ?? '第一党支部'])]));

let unitCounter = 0;
/** A unit of one test, paired with 龙津社区, with its admin. */
const aUnit = () => newUnit(t.app, as(DISTRICT_ADMIN), { name: `离开名册测试单位${process.pid}-${++unitCounter}`, paired: [longjin()] });

async function importRoster(unitId: string, admin: Session, people: Listed[], query = ''): Promise<RosterImportResult> {
  const file = fileOf(people);
  return rosterImportResultSchema.parse(expectStatus(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster${query}`, file.payload, file.headers), 200));
}
const replaceRoster = (unitId: string, admin: Session, people: Listed[]) => importRoster(unitId, admin, people, '?mode=replace');
const previewReplace = (unitId: string, admin: Session, people: Listed[]) => importRoster(unitId, admin, people, '?mode=replace&dryRun=1');

const memberList = listEnvelope(rosterMemberSchema).extend({ figures: reportingFiguresSchema });
async function membersOf(unitId: string, admin: Session, query = ''): Promise<RosterMember[]> {
  return memberList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units/${unitId}/members${query}`), 200)).items;
}
const depart = (unitId: string, who: Session, entryId: string, reason: unknown = '调往外地工作') =>
  call(t.app, who, 'POST', `/api/units/${unitId}/roster/${entryId}/depart`, { reason });
const entryOf = async (unitId: string, phone: string) =>
  (await t.app.db.select().from(rosterEntries).where(and(eq(rosterEntries.unitId, Number(unitId)), eq(rosterEntries.phone, phone))))[0]!;
const reportRow = async (id: string) => (await t.app.db.select().from(reports).where(eq(reports.id, Number(id))))[0]!;
const auditRows = (action: string, entity: string, entityIds: (string | number)[]) =>
  t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, entity), inArray(auditLog.entityId, entityIds.map(String))))
    .orderBy(asc(auditLog.id));
const pathOf = async (orgId: string) => (await t.app.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, Number(orgId))))[0]!.path;
const unitPath = async (unitId: string) =>
  (await t.app.db.select({ path: orgNodes.path }).from(units).innerJoin(orgNodes, eq(orgNodes.id, units.orgId)).where(eq(units.id, Number(unitId))))[0]!.path;
const listedAs = (member: Session, name = member.user.name): Listed => ({ name, phone: member.user.phone! });

/** What a confirmed member holds in 龙津社区: a post seat, a pairing, a claimed wish and a fulfilled one, and the lead of a volunteer team. */
async function holdings(member: Session): Promise<{ post: Post; household: Household; claimed: Wish; fulfilled: Wish; team: GridGroup }> {
  const ok = <T>(parse: (v: unknown) => T, res: Parameters<typeof expectStatus>[0], status = 200) => parse(expectStatus(res, status));
  const post = ok(postSchema.parse, await call(t.app, staff(), 'POST', '/api/posts', postBody(longjin())), 201);
  ok(postSchema.parse, await call(t.app, member, 'POST', `/api/posts/${post.id}/claim`, { commitment: '我承诺按时到岗，接受社区和群众监督。' }));
  const household = ok(
    householdSchema.parse,
    await call(t.app, staff(), 'POST', '/api/households', { communityId: longjin(), name: '张德顺', needs: '独居老人，需要每周探访。', address: '阳光花园 3 栋 201 室' }),
    201,
  );
  expectStatus(await call(t.app, member, 'POST', `/api/households/${household.id}/pair`), 200);
  const wish = async (title: string) => {
    const body = { communityId: longjin(), title, description: '厨房水龙头一直漏水，老人独居不会修。', category: 'repair', contactPhone: '15800001111', address: '阳光花园 1 栋 301 室' };
    const posted = ok(wishSchema.parse, await call(t.app, as(RESIDENT), 'POST', '/api/wishes', body), 201);
    ok(wishSchema.parse, await call(t.app, staff(), 'POST', `/api/wishes/${posted.id}/approve`));
    return ok(wishSchema.parse, await call(t.app, member, 'POST', `/api/wishes/${posted.id}/claim`));
  };
  const claimed = await wish('帮忙修理水龙头');
  let fulfilled = await wish('帮忙换灯泡');
  ok(wishSchema.parse, await call(t.app, member, 'POST', `/api/wishes/${fulfilled.id}/contact`));
  fulfilled = ok(wishSchema.parse, await call(t.app, member, 'POST', `/api/wishes/${fulfilled.id}/fulfil`, { note: '已上门更换' }));
  const team = ok(gridGroupSchema.parse, await call(t.app, staff(), 'POST', `/api/communities/${longjin()}/grid`, { kind: 'team', name: `助老志愿服务队${++unitCounter}` }), 201);
  ok(gridGroupSchema.parse, await call(t.app, staff(), 'POST', `/api/grid/${team.id}/members`, { memberId: member.user.id }));
  ok(gridGroupSchema.parse, await call(t.app, staff(), 'PUT', `/api/grid/groups/${team.id}/leader`, { memberId: member.user.id }));
  return { post, household, claimed, fulfilled, team };
}

describe('a replacing import marks the members its file leaves out departed, never deleting them', () => {
  it('departs them with the date and why, ends their live reports and hands back what they held in the community, with messages and audit rows', async () => {
    const { unitId, admin } = await aUnit();
    const stays = (await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '留任党员' })).member;
    const { member: leaves, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '调离党员' });
    const pending = await pendingReport(t.app, { unitId, community: longjin(), unitAdmin: admin, name: '待报到党员' });
    const noAccount: Listed = { name: '未注册党员', phone: freshPhone() };
    expect(await importRoster(unitId, admin, [listedAs(stays), listedAs(leaves), listedAs(pending.member), noAccount])).toMatchObject({ added: 1, unchanged: 3 });
    const held = await holdings(leaves);

    const newcomer: Listed = { name: '新入职党员', phone: freshPhone() };
    const before = Date.now();
    const result = await replaceRoster(unitId, admin, [listedAs(stays), newcomer]);
    const gone = [await entryOf(unitId, leaves.user.phone!), await entryOf(unitId, pending.member.user.phone!), await entryOf(unitId, noAccount.phone)];
    expect(result).toEqual({
      dryRun: false,
      added: 1,
      updated: 0,
      unchanged: 1,
      departed: 3,
      returned: 0,
      departing: gone.map((e) => ({ id: String(e.id), name: e.name, branch: '第一党支部' })),
      rejected: [],
    });

    // Kept, with the date and why.
    for (const entry of gone) {
      expect(entry.departReason).toBe('名册更新未列入');
      expect(entry.departedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    expect((await entryOf(unitId, stays.user.phone!)).departedAt).toBeNull();

    // The confirmed report and the pending one end; the pending one's 报到证 confirms nobody now.
    expect(await reportRow(report.id)).toMatchObject({ status: 'ended', endReason: 'departed', endedAt: expect.any(Date) });
    expect(await reportRow(pending.report.id)).toMatchObject({ status: 'ended', endReason: 'departed' });
    expectError(await confirm(t.app, staff(), pending.report.id, pending.certificate.code), 409, 'REPORT_STATE_CONFLICT');
    expect((await me(t.app, stays)).report).toMatchObject({ status: 'confirmed' });

    // The seat is left and the post has room again; the pairing ends; the claimed wish is published
    // again; the fulfilled one keeps its claimant, whose work its confirmation still pays.
    const post = postSchema.parse(expectStatus(await call(t.app, staff(), 'GET', `/api/posts/${held.post.id}`), 200));
    expect(post.seatsTaken).toBe(0);
    expect((await t.app.db.select().from(postSeats).where(eq(postSeats.postId, Number(held.post.id))))[0]).toMatchObject({ status: 'left', endedAt: expect.any(Date) });
    expect((await t.app.db.select().from(pairings).where(eq(pairings.householdId, Number(held.household.id))))[0]).toMatchObject({ status: 'ended' });
    expect((await t.app.db.select().from(households).where(eq(households.id, Number(held.household.id))))[0]!.activePairings).toBe(0);
    const wishNow = async (id: string) => wishSchema.parse(expectStatus(await call(t.app, staff(), 'GET', `/api/wishes/${id}`), 200));
    expect(await wishNow(held.claimed.id)).toMatchObject({ status: 'published', claimantName: null, claimedAt: null });
    expect(await wishNow(held.fulfilled.id)).toMatchObject({ status: 'fulfilled', claimantName: '调离党员' });
    // Published again: another member of the community may claim it.
    expectStatus(await call(t.app, stays, 'POST', `/api/wishes/${held.claimed.id}/claim`), 200);

    // Messages: the member hears what happened; the resident and staff hear of the wish, staff of the household.
    const toLeaver = (await notificationsOf(t.app, leaves, '?limit=100')).items.filter((n) => n.kind === 'roster.departed');
    expect(toLeaver).toHaveLength(1);
    expect(toLeaver[0]!.body).toContain('名册更新未列入');
    expect(toLeaver[0]!.body).toContain('您在龙津社区的报到已结束，1 个岗位、1 户结对、1 个认领的心愿已交回社区');
    expect((await notificationsOf(t.app, pending.member, '?limit=100')).items.map((n) => n.kind)).toContain('roster.departed');
    const about = async (who: Session, kind: string, entityId: string) =>
      (await notificationsOf(t.app, who, '?limit=100')).items.filter((n) => n.kind === kind && n.entityId === entityId);
    expect(await about(as(RESIDENT), 'wish.released', held.claimed.id)).toHaveLength(1);
    expect(await about(staff(), 'wish.released', held.claimed.id)).toHaveLength(1);
    expect(await about(staff(), 'pairing.ended', held.household.id)).toHaveLength(1);

    // Out of the grid: the team they led is left without members or a leader, and staff are told.
    const grid = z.object({ items: z.array(gridGroupSchema) }).parse(expectStatus(await call(t.app, staff(), 'GET', `/api/communities/${longjin()}/grid`), 200));
    expect(grid.items.find((g) => g.id === held.team.id)).toMatchObject({ members: [], leaderId: null });
    expect(await about(staff(), 'grid.leader_gone', held.team.id)).toHaveLength(1);
    expect((await auditRows('grid.unassign', 'grid_group', [held.team.id])).map((r) => r.details)).toEqual([
      { memberId: Number(leaves.user.id), reportEnded: 'departed', leaderId: null },
    ]);

    // Audit: each departure under the unit's node, each ending under the community's.
    const departures = await auditRows('roster.depart', 'roster_entry', gone.map((e) => e.id));
    expect(departures).toHaveLength(3);
    const unitNode = await unitPath(unitId);
    expect(departures.every((r) => r.orgPath === unitNode && r.actorId === Number(admin.user.id))).toBe(true);
    const ended = await auditRows('report.end', 'report', [report.id, pending.report.id]);
    expect(ended.map((r) => [r.entityId, r.fromState, r.toState])).toEqual(
      expect.arrayContaining([
        [report.id, 'confirmed', 'ended'],
        [pending.report.id, 'pending_offline', 'ended'],
      ]),
    );
    expect(ended.every((r) => r.orgPath === ended[0]!.orgPath)).toBe(true);
    expect(ended[0]!.orgPath).toBe(await pathOf(longjin()));
    const seat = (await t.app.db.select().from(postSeats).where(eq(postSeats.postId, Number(held.post.id))))[0]!;
    expect(await auditRows('post.leave', 'post_seat', [seat.id])).toHaveLength(1);
    expect(await auditRows('wish.release', 'wish', [held.claimed.id])).toHaveLength(1);
    const pairing = (await t.app.db.select().from(pairings).where(eq(pairings.householdId, Number(held.household.id))))[0]!;
    expect(await auditRows('pairing.end', 'pairing', [pairing.id])).toHaveLength(1);
  });

  it('changes nothing on a preview (dryRun=1), and answers exactly what the import then does', async () => {
    const { unitId, admin } = await aUnit();
    const { member: leaves, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '将离开的党员' });
    const renamed = { name: '改名前', phone: freshPhone() };
    const same = { name: '不变的党员', phone: freshPhone() };
    const alsoLeaves = { name: '也将离开', phone: freshPhone() };
    await importRoster(unitId, admin, [listedAs(leaves), renamed, same, alsoLeaves]);
    const file = [{ ...renamed, name: '改名后' }, same, { name: '新党员', phone: freshPhone() }];

    const audits = (await t.app.db.select().from(auditLog)).length;
    const messages = (await t.app.db.select().from(notifications)).length;
    const preview = await previewReplace(unitId, admin, file);
    const leaving = [await entryOf(unitId, leaves.user.phone!), await entryOf(unitId, alsoLeaves.phone)];
    expect(preview).toEqual({
      dryRun: true,
      added: 1,
      updated: 1,
      unchanged: 1,
      departed: 2,
      returned: 0,
      departing: leaving.map((e) => ({ id: String(e.id), name: e.name, branch: '第一党支部' })),
      rejected: [],
    });
    expect(leaving.every((e) => e.departedAt === null)).toBe(true);
    expect((await entryOf(unitId, renamed.phone)).name).toBe('改名前');
    expect(await reportRow(report.id)).toMatchObject({ status: 'confirmed', endedAt: null });
    expect(await t.app.db.select().from(auditLog)).toHaveLength(audits);
    expect(await t.app.db.select().from(notifications)).toHaveLength(messages);
    expect((await me(t.app, leaves)).roles).toContainEqual({ role: 'member', unitId, scopeName: expect.any(String) });

    expect(await replaceRoster(unitId, admin, file)).toEqual({ ...preview, dryRun: false });
  });

  it('still replaces with a file that lists none of the roster (the wrong file), the preview showing everyone leaving', async () => {
    const { unitId, admin } = await aUnit();
    const roster = [{ name: '甲', phone: freshPhone() }, { name: '乙', phone: freshPhone() }];
    await importRoster(unitId, admin, roster);
    const wrong = [{ name: '别的单位的人', phone: freshPhone() }];
    const preview = await previewReplace(unitId, admin, wrong);
    expect(preview).toMatchObject({ added: 1, updated: 0, unchanged: 0, departed: 2, departing: [{ name: '甲' }, { name: '乙' }] });
    expect(await replaceRoster(unitId, admin, wrong)).toMatchObject({ dryRun: false, departed: 2 });
    expect((await membersOf(unitId, admin)).map((m) => m.name)).toEqual(['别的单位的人']);
  });

  it('refuses a replacing file without one valid row with 400 ROSTER_FILE_REQUIRED, and departs nobody', async () => {
    const { unitId, admin } = await aUnit();
    const member = { name: '在册党员', phone: freshPhone() };
    await importRoster(unitId, admin, [member]);
    const bad = rosterFile(csv([HEADER, ['号码错误', '12345', ''], ['', freshPhone(), '']]));
    for (const query of ['?mode=replace', '?mode=replace&dryRun=1']) {
      const error = expectError(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster${query}`, bad.payload, bad.headers), 400, 'ROSTER_FILE_REQUIRED');
      expect(error.message).toContain('整体替换');
    }
    expect((await entryOf(unitId, member.phone)).departedAt).toBeNull();
    // Adding the same file is harmless: nothing to add, its rows refused.
    const added = expectStatus(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster`, bad.payload, bad.headers), 200);
    expect(rosterImportResultSchema.parse(added)).toMatchObject({ added: 0, departed: 0, rejected: [{ row: 2 }, { row: 3 }] });
  });

  it('refuses a mode or dryRun it does not know with 400 VALIDATION_FAILED', async () => {
    const { unitId, admin } = await aUnit();
    const file = fileOf([{ name: '甲', phone: freshPhone() }]);
    for (const query of ['?mode=merge', '?dryRun=yes']) {
      expectError(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster${query}`, file.payload, file.headers), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('a departed member listed again comes back', () => {
  it('clears the departure, counts them as returned, gives back the member role, and lets them report again', async () => {
    const { unitId, admin } = await aUnit();
    const { member, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '回来的党员' });
    const other = { name: '另一党员', phone: freshPhone() };
    await importRoster(unitId, admin, [listedAs(member), other]);
    await replaceRoster(unitId, admin, [other]);
    expect(await reportRow(report.id)).toMatchObject({ status: 'ended' });

    const back = await importRoster(unitId, admin, [listedAs(member)]);
    expect(back).toMatchObject({ dryRun: false, added: 0, updated: 0, unchanged: 0, returned: 1, departed: 0 });
    const entry = await entryOf(unitId, member.user.phone!);
    expect(entry).toMatchObject({ departedAt: null, departReason: null });
    expect(await auditRows('roster.return', 'roster_entry', [entry.id])).toHaveLength(1);
    expect((await me(t.app, member)).roles).toContainEqual({ role: 'member', unitId, scopeName: expect.any(String) });
    const again = await submitReport(t.app, member, longjin());
    expect(again).toMatchObject({ status: 'pending_offline', unitId });
    expect(again.id).not.toBe(report.id);
  });

  it('brings them back through a replacing import too, and through a preview says so', async () => {
    const { unitId, admin } = await aUnit();
    const a = { name: '甲', phone: freshPhone() };
    const b = { name: '乙', phone: freshPhone() };
    await importRoster(unitId, admin, [a, b]);
    await replaceRoster(unitId, admin, [a]);
    expect(await previewReplace(unitId, admin, [a, b])).toMatchObject({ dryRun: true, returned: 1, unchanged: 1, departed: 0 });
    expect(await replaceRoster(unitId, admin, [a, b])).toMatchObject({ dryRun: false, returned: 1, unchanged: 1, departed: 0 });
    expect((await membersOf(unitId, admin)).map((m) => m.name)).toEqual(['甲', '乙']);
  });
});

describe('one member leaves the roster with a reason (POST /api/units/:id/roster/:entryId/depart)', () => {
  it('answers the departed entry, ends their report with what they held, tells them, and writes the audit rows', async () => {
    const { unitId, admin } = await aUnit();
    const { member, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '退休党员' });
    const held = await holdings(member);
    const entry = await entryOf(unitId, member.user.phone!);

    const answer = rosterMemberSchema.parse(expectStatus(await depart(unitId, admin, String(entry.id), '已退休，组织关系转出'), 200));
    expect(answer).toMatchObject({ id: String(entry.id), name: '退休党员', departReason: '已退休，组织关系转出', departedAt: expect.any(String), reportId: null, reportStatus: null });
    expect(await reportRow(report.id)).toMatchObject({ status: 'ended', endReason: 'departed' });
    expect(postSchema.parse(expectStatus(await call(t.app, staff(), 'GET', `/api/posts/${held.post.id}`), 200)).seatsTaken).toBe(0);
    expect(wishSchema.parse(expectStatus(await call(t.app, staff(), 'GET', `/api/wishes/${held.claimed.id}`), 200)).status).toBe('published');
    const told = (await notificationsOf(t.app, member, '?limit=100')).items.find((n) => n.kind === 'roster.departed');
    expect(told?.body).toContain('已退休，组织关系转出');
    expect(await auditRows('roster.depart', 'roster_entry', [entry.id])).toEqual([
      expect.objectContaining({ actorId: Number(admin.user.id), toState: 'departed', orgPath: await unitPath(unitId), details: { unitId: Number(unitId), reason: '已退休，组织关系转出' } }),
    ]);
    expect(await auditRows('report.end', 'report', [report.id])).toHaveLength(1);
  });

  it('answers 409 ROSTER_ENTRY_DEPARTED the second time, and changes nothing more', async () => {
    const { unitId, admin } = await aUnit();
    const phone = freshPhone();
    await importRoster(unitId, admin, [{ name: '离开两次', phone }]);
    const entry = await entryOf(unitId, phone);
    expectStatus(await depart(unitId, admin, String(entry.id)), 200);
    const first = (await entryOf(unitId, phone)).departedAt;
    expectError(await depart(unitId, admin, String(entry.id), '再离开一次'), 409, 'ROSTER_ENTRY_DEPARTED');
    expect((await entryOf(unitId, phone)).departedAt).toEqual(first);
    expect(await auditRows('roster.depart', 'roster_entry', [entry.id])).toHaveLength(1);
  });

  it('refuses a reason that is missing or too short with 400 VALIDATION_FAILED', async () => {
    const { unitId, admin } = await aUnit();
    const phone = freshPhone();
    await importRoster(unitId, admin, [{ name: '无原因', phone }]);
    const entry = await entryOf(unitId, phone);
    for (const reason of [undefined, '', ' 走 ']) {
      const error = expectError(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster/${entry.id}/depart`, reason === undefined ? {} : { reason }), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain('body.reason');
    }
    expect((await entryOf(unitId, phone)).departedAt).toBeNull();
  });

  it('is the unit admin’s alone: another unit’s admin 404; staff, a district admin, a member and a resident 403', async () => {
    const hospital = ids['龙岩市第一医院']!;
    const phone = freshPhone();
    await importRoster(hospital, as(UNIT_ADMIN_OF.龙岩市第一医院), [{ name: '不该离开', phone }]);
    const entry = String((await entryOf(hospital, phone)).id);
    expectError(await depart(hospital, as(UNIT_ADMIN_OF.新罗区实验小学), entry), 404, 'NOT_FOUND');
    for (const who of [STAFF_OF.龙津社区, DISTRICT_ADMIN, '13900000101', RESIDENT]) {
      expectError(await depart(hospital, as(who), entry), 403, 'FORBIDDEN');
    }
    expect((await entryOf(hospital, phone)).departedAt).toBeNull();
  });

  it('answers 404 for an entry of another unit, one that does not exist, or a unit that does not exist', async () => {
    const hospital = ids['龙岩市第一医院']!;
    const school = ids['新罗区实验小学']!;
    const phone = freshPhone();
    await importRoster(school, as(UNIT_ADMIN_OF.新罗区实验小学), [{ name: '小学的党员', phone }]);
    const schoolEntry = String((await entryOf(school, phone)).id);
    expectError(await depart(hospital, as(UNIT_ADMIN_OF.龙岩市第一医院), schoolEntry), 404, 'NOT_FOUND');
    expectError(await depart(hospital, as(UNIT_ADMIN_OF.龙岩市第一医院), '999999999'), 404, 'NOT_FOUND');
    expectError(await depart(hospital, as(UNIT_ADMIN_OF.龙岩市第一医院), 'abc'), 404, 'NOT_FOUND');
    expectError(await depart('999999', as(UNIT_ADMIN_OF.龙岩市第一医院), schoolEntry), 404, 'NOT_FOUND');
    expect((await entryOf(school, phone)).departedAt).toBeNull();
  });
});

describe('a departed entry does not make its person a member', () => {
  it('takes the member role away at the next request, with the token signed before', async () => {
    const { unitId, admin } = await aUnit();
    const { member } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '旧令牌党员' });
    expect((await me(t.app, member)).roles).toContainEqual({ role: 'member', unitId, scopeName: expect.any(String) });
    const wish = wishSchema.parse(
      expectStatus(
        await call(t.app, as(RESIDENT), 'POST', '/api/wishes', { communityId: longjin(), title: '帮忙搬东西', description: '家里要搬一个旧柜子下楼。', category: 'daily_life', contactPhone: '15800002222', address: '阳光花园 2 栋 101 室' }),
        201,
      ),
    );
    expectStatus(await call(t.app, staff(), 'POST', `/api/wishes/${wish.id}/approve`), 200);

    expectStatus(await depart(unitId, admin, String((await entryOf(unitId, member.user.phone!)).id)), 200);

    const after = await me(t.app, member);
    expect(after.roles).toEqual([{ role: 'resident' }]);
    expect(after.member).toBeNull();
    expectError(await call(t.app, member, 'GET', '/api/reports/options'), 403, 'NOT_ON_ROSTER');
    expectError(await call(t.app, member, 'POST', '/api/reports', { communityId: longjin(), basis: 'residence' }), 403, 'NOT_ON_ROSTER');
    expect((await call(t.app, member, 'POST', `/api/wishes/${wish.id}/claim`)).statusCode).toBe(403);
  });

  it('keeps the report of a member another unit’s roster still lists (变更单位): it moves to that unit', async () => {
    const old = await aUnit();
    const next = await aUnit();
    const { member, report } = await confirmedMember(t.app, { unitId: old.unitId, community: longjin(), unitAdmin: old.admin, staff: staff(), name: '换单位的党员' });
    await importRoster(next.unitId, next.admin, [listedAs(member)]);

    expectStatus(await depart(old.unitId, old.admin, String((await entryOf(old.unitId, member.user.phone!)).id), '调往新单位'), 200);

    expect(await reportRow(report.id)).toMatchObject({ status: 'confirmed', endedAt: null, unitId: Number(next.unitId) });
    expect((await me(t.app, member)).roles.filter((r) => r.role === 'member').map((r) => r.unitId)).toEqual([next.unitId]);
    expect(await membersOf(next.unitId, next.admin, '?status=confirmed')).toEqual([expect.objectContaining({ phone: member.user.phone, reportId: report.id })]);
    expect(await auditRows('report.change_unit', 'report', [report.id])).toEqual([
      expect.objectContaining({ details: { fromUnitId: Number(old.unitId), toUnitId: Number(next.unitId) } }),
    ]);
    const told = (await notificationsOf(t.app, member, '?limit=100')).items.find((n) => n.kind === 'roster.departed');
    expect(told?.body).toContain('报到继续有效');
  });
});

describe('信息比对 shows departed members only when asked', () => {
  it('leaves them out of the list and its filters, and lists them with when and why under ?status=departed', async () => {
    const { unitId, admin } = await aUnit();
    const reported = (await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '已报到将离开' })).member;
    const signedUp = await newMember(t.app, { unitIds: [unitId], home: longjin(), name: '未报到将离开' });
    const stays = { name: '留在名册', phone: freshPhone() };
    await importRoster(unitId, admin, [stays]);
    for (const m of [reported, signedUp]) expectStatus(await depart(unitId, admin, String((await entryOf(unitId, m.user.phone!)).id), '调往外地工作'), 200);

    expect((await membersOf(unitId, admin)).map((m) => m.name)).toEqual(['留在名册']);
    expect((await membersOf(unitId, admin, '?status=not_reported')).map((m) => m.name)).toEqual(['留在名册']);
    expect(await membersOf(unitId, admin, '?status=confirmed')).toEqual([]);
    const departed = await membersOf(unitId, admin, '?status=departed');
    expect(departed.map((m) => [m.name, m.departReason, m.reportStatus])).toEqual([
      ['已报到将离开', '调往外地工作', null],
      ['未报到将离开', '调往外地工作', null],
    ]);
    expect(departed.every((m) => m.departedAt !== null && !Number.isNaN(Date.parse(m.departedAt)))).toBe(true);
    // Pages of departed members go on by cursor like the rest.
    const first = memberList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units/${unitId}/members?status=departed&limit=1`), 200));
    expect(first.items.map((m) => m.name)).toEqual(['已报到将离开']);
    const second = memberList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units/${unitId}/members?status=departed&limit=1&cursor=${first.nextCursor}`), 200));
    expect(second.items.map((m) => m.name)).toEqual(['未报到将离开']);
  });

  it('keeps their history: the entry, the ended report, the verified records and the points they earned', async () => {
    const { unitId, admin } = await aUnit();
    const { member, report } = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff: staff(), name: '有历史的党员' });
    const record = recordSchema.parse(
      expectStatus(await call(t.app, member, 'POST', '/api/records', recordBody({ type: 'other' }, serviceSession(new Date(), 120))), 201),
    );
    expectStatus(await call(t.app, staff(), 'POST', `/api/records/${record.id}/verify`), 200);
    const earned = await t.app.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, Number(member.user.id)));
    expect(earned.length).toBeGreaterThan(0);

    await replaceRoster(unitId, admin, [{ name: '别人', phone: freshPhone() }]);

    expect(await t.app.db.select().from(rosterEntries).where(eq(rosterEntries.phone, member.user.phone!))).toEqual([
      expect.objectContaining({ name: '有历史的党员', departReason: '名册更新未列入' }),
    ]);
    expect(await reportRow(report.id)).toMatchObject({ status: 'ended', decidedAt: expect.any(Date) });
    expect((await t.app.db.select().from(serviceRecords).where(eq(serviceRecords.id, Number(record.id))))[0]).toMatchObject({ status: 'verified' });
    expect(await t.app.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, Number(member.user.id)))).toEqual(earned);
  });
});
