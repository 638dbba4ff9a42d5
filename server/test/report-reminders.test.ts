import {
  REMINDER_LEDGER_LABEL,
  listEnvelope,
  orgRemindersResultSchema,
  reminderDay,
  reminderSchema,
  type OrgRemindersResult,
  type Reminder,
  type Session,
} from '@huijia/shared';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, orgNodes, reportReminderMembers, reportReminders, reports, rosterEntries, units } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError, freshPhone } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  STREET_ADMIN_EAST,
  UNIT_ADMIN_OF,
  call,
  confirmedMember,
  expectStatus,
  newMember,
  newUnit,
  notificationsOf,
  pendingReport,
  signInAll,
} from './support/reporting';
import { column, sheetOf } from './support/sheets';

// 催报 (domain.md, "A member's life on the rolls"): a unit reminds every member on its roster who
// has not reported, in one step, at most once a China day; members with an account read a message
// in the app, the others are listed for the unit to phone. A district does it for every unit below.
// Who was reminded exports as a ledger.

const DAY_MS = 24 * 60 * 60 * 1000;
/** The app's clock: fixed, so that the China day cannot turn during a test; moved a day on for "tomorrow". */
let clock = new Date();

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;
const longjin = () => ids['龙津社区']!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [UNIT_ADMIN_OF.新罗区实验小学, STAFF_OF.龙津社区, DISTRICT_ADMIN, STREET_ADMIN_EAST, RESIDENT, '13900000101']);
}, 120_000);
afterAll(() => t.close());

let unitCounter = 0;
/** A unit of one test, paired with 龙津社区, registered under `orgId` (else 新罗区), with its admin. */
const aUnit = (orgId?: string) =>
  newUnit(t.app, as(DISTRICT_ADMIN), { name: `催报测试单位${process.pid}-${++unitCounter}`, paired: [longjin()], ...(orgId ? { orgId } : {}) });

/** A person on `unitId`'s roster who has no account. */
async function withoutAccount(unitId: string, name = '未注册党员'): Promise<{ name: string; phone: string }> {
  const phone = freshPhone();
  await t.app.db.insert(rosterEntries).values({ unitId: Number(unitId), name, phone, branch: '第二党支部' });
  return { name, phone };
}

const remind = (unitId: string, who: Session) => call(t.app, who, 'POST', `/api/units/${unitId}/reminders`);
const remindOk = async (unitId: string, who: Session): Promise<Reminder> => reminderSchema.parse(expectStatus(await remind(unitId, who), 201));
const remindBelow = async (orgId: string, who: Session): Promise<OrgRemindersResult> =>
  orgRemindersResultSchema.parse(expectStatus(await call(t.app, who, 'POST', `/api/orgs/${orgId}/reminders`), 200));
const reminderList = listEnvelope(reminderSchema);
const remindersOf = async (unitId: string, who: Session, query = '') =>
  reminderList.parse(expectStatus(await call(t.app, who, 'GET', `/api/units/${unitId}/reminders${query}`), 200));
const exportOf = (who: Session, query: string) => call(t.app, who, 'GET', `/api/exports/reminders.xlsx?${query}`);

/** The messages of 催报 a member has had, oldest first. */
const remindersTo = async (member: Session) =>
  (await notificationsOf(t.app, member, '?limit=100')).items.filter((n) => n.kind === 'report.reminded').reverse();
const entryOf = async (unitId: string, phone: string) =>
  (await t.app.db.select().from(rosterEntries).where(and(eq(rosterEntries.unitId, Number(unitId)), eq(rosterEntries.phone, phone))))[0]!;
/** Who a reminder went to, as roster entry ids, in order. */
const recipientsOf = async (reminderId: string) =>
  (
    await t.app.db
      .select({ entryId: reportReminderMembers.entryId })
      .from(reportReminderMembers)
      .where(eq(reportReminderMembers.reminderId, Number(reminderId)))
      .orderBy(asc(reportReminderMembers.entryId))
  ).map((r) => r.entryId);
const unitPath = async (unitId: string) =>
  (await t.app.db.select({ path: orgNodes.path }).from(units).innerJoin(orgNodes, eq(orgNodes.id, units.orgId)).where(eq(units.id, Number(unitId))))[0]!.path;

/** Runs `body` with the clock a day on, then puts it back. */
async function tomorrow<T>(body: () => Promise<T>): Promise<T> {
  const today = clock;
  clock = new Date(today.getTime() + DAY_MS);
  try {
    return await body();
  } finally {
    clock = today;
  }
}

/**
 * A unit whose roster holds one member of each kind: confirmed; pending (reported online, not yet
 * confirmed); confirmed with a transfer (转移报到) pending beside it; with an account and no report;
 * with no account; and one who left the roster.
 */
async function mixedUnit(orgId?: string) {
  const { unitId, admin } = await aUnit(orgId);
  const staff = as(STAFF_OF.龙津社区);
  const confirmed = (await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff, name: '已报到党员' })).member;
  const pending = (await pendingReport(t.app, { unitId, community: longjin(), unitAdmin: admin, name: '待确认党员' })).member;
  const moving = await confirmedMember(t.app, { unitId, community: longjin(), unitAdmin: admin, staff, name: '转移中党员' });
  await t.app.db.insert(reports).values({
    memberId: Number(moving.member.user.id),
    unitId: Number(unitId),
    communityId: Number(ids['中山社区']),
    basis: 'residence',
    transferOf: Number(moving.report.id),
  });
  const notReported = await newMember(t.app, { unitIds: [unitId], home: longjin(), name: '未报到党员' });
  const noAccount = await withoutAccount(unitId);
  const departed = await newMember(t.app, { unitIds: [unitId], home: longjin(), name: '已离开党员' });
  const departing = await entryOf(unitId, departed.user.phone!);
  expectStatus(await call(t.app, admin, 'POST', `/api/units/${unitId}/roster/${departing.id}/depart`, { reason: '调往外地工作' }), 200);
  return { unitId, admin, confirmed, pending, moving: moving.member, notReported, noAccount, departed };
}

describe('催报 reminds exactly the members on the roster who have not reported', () => {
  it('messages the pending and the unreported with accounts, counts those without one, and passes over the reported and the departed', async () => {
    const u = await mixedUnit();
    const reminder = await remindOk(u.unitId, u.admin);
    expect(reminder).toEqual({
      id: expect.any(String),
      unitId: u.unitId,
      unitName: expect.stringMatching(/^催报测试单位/),
      day: reminderDay(clock),
      sentAt: expect.any(String),
      sentByName: '单位管理员',
      reminded: 2,
      withoutAccount: 1,
    });

    // On the list: the pending, the unreported and the one without an account, by roster entry.
    const expected = [await entryOf(u.unitId, u.pending.user.phone!), await entryOf(u.unitId, u.notReported.user.phone!), await entryOf(u.unitId, u.noAccount.phone)];
    expect(await recipientsOf(reminder.id)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));

    // The messages arrive in the inbox of those with accounts, naming the unit; nobody else has one.
    for (const member of [u.pending, u.notReported]) {
      const got = await remindersTo(member);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ title: '报到提醒', body: `您所在单位（${reminder.unitName}）提醒您尽快到居住社区报到`, read: false });
    }
    for (const member of [u.confirmed, u.moving, u.departed]) expect(await remindersTo(member)).toEqual([]);

    // One audit row, under the unit's node, with no phone in it.
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.remind'), eq(auditLog.entity, 'unit'), eq(auditLog.entityId, u.unitId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: Number(u.admin.user.id), orgPath: await unitPath(u.unitId) });
    expect(audit[0]!.details).toMatchObject({ reminded: 2, withoutAccount: 1 });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(u.noAccount.phone);
  });

  it('a member who reported through another unit is reported: neither of their units reminds them', async () => {
    const a = await aUnit();
    const b = await aUnit();
    const { member } = await confirmedMember(t.app, { unitId: a.unitId, community: longjin(), unitAdmin: a.admin, staff: as(STAFF_OF.龙津社区) });
    await t.app.db.insert(rosterEntries).values({ unitId: Number(b.unitId), name: member.user.name, phone: member.user.phone!, branch: '第一党支部' });
    await withoutAccount(b.unitId);
    expect(await remindOk(b.unitId, b.admin)).toMatchObject({ reminded: 0, withoutAccount: 1 });
    expect(await remindersTo(member)).toEqual([]);
  });
});

describe('a unit reminds at most once a day', () => {
  it('a second reminder the same day is 409 REMINDED_TODAY, whoever sends it, and changes nothing', async () => {
    const { unitId, admin } = await aUnit();
    const member = await newMember(t.app, { unitIds: [unitId], home: longjin() });
    await remindOk(unitId, admin);
    expectError(await remind(unitId, admin), 409, 'REMINDED_TODAY');
    expectError(await remind(unitId, as(DISTRICT_ADMIN)), 409, 'REMINDED_TODAY');
    expect((await remindersOf(unitId, admin)).items).toHaveLength(1);
    expect(await remindersTo(member)).toHaveLength(1);
  });

  it('of two reminders sent at once, exactly one is sent (201) and the other answers 409', async () => {
    const { unitId, admin } = await aUnit();
    const member = await newMember(t.app, { unitIds: [unitId], home: longjin() });
    const answers = await Promise.all([remind(unitId, admin), remind(unitId, as(DISTRICT_ADMIN))]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectError(answers.find((r) => r.statusCode === 409)!, 409, 'REMINDED_TODAY');
    expect(await t.app.db.select().from(reportReminders).where(eq(reportReminders.unitId, Number(unitId)))).toHaveLength(1);
    expect(await remindersTo(member)).toHaveLength(1);
  });

  it('the next day it may remind again, and the list shows the newest first, page by page', async () => {
    const { unitId, admin } = await aUnit();
    const member = await newMember(t.app, { unitIds: [unitId], home: longjin() });
    const today = await remindOk(unitId, admin);
    const next = await tomorrow(() => remindOk(unitId, admin));
    expect(next.day).toBe(reminderDay(new Date(clock.getTime() + DAY_MS)));
    expect(next.day > today.day).toBe(true);
    expect(await remindersTo(member)).toHaveLength(2);

    const first = await remindersOf(unitId, admin, '?limit=1');
    expect(first.items).toEqual([next]);
    expect(first.nextCursor).not.toBeNull();
    const second = await remindersOf(unitId, admin, `?limit=1&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [today], nextCursor: null });
    expect((await remindersOf(unitId, as(DISTRICT_ADMIN))).items).toEqual([next, today]);
  });
});

describe('each unit reminds its own roster', () => {
  it("another unit is not affected: its list stays empty and it may still remind today; a person on both rosters hears from each", async () => {
    const a = await aUnit();
    const b = await aUnit();
    const onBoth = await newMember(t.app, { unitIds: [a.unitId, b.unitId], home: longjin() });
    const onlyB = await newMember(t.app, { unitIds: [b.unitId], home: longjin() });
    const fromA = await remindOk(a.unitId, a.admin);
    expect(fromA).toMatchObject({ reminded: 1, withoutAccount: 0 });
    expect(await remindersTo(onlyB)).toEqual([]);
    expect((await remindersOf(b.unitId, b.admin)).items).toEqual([]);

    const fromB = await remindOk(b.unitId, b.admin);
    expect(fromB).toMatchObject({ reminded: 2 });
    expect((await remindersTo(onBoth)).map((n) => n.body)).toEqual([
      `您所在单位（${fromA.unitName}）提醒您尽快到居住社区报到`,
      `您所在单位（${fromB.unitName}）提醒您尽快到居住社区报到`,
    ]);
  });
});

describe('a district reminds every unit registered below a node', () => {
  it('reminds the units below with someone to remind, skips those reminded today, and leaves the others alone', async () => {
    const east = ids['东城街道']!;
    const first = await mixedUnit(east);
    const remindedAlready = await aUnit(east);
    const waiting = await newMember(t.app, { unitIds: [remindedAlready.unitId], home: longjin() });
    await remindOk(remindedAlready.unitId, remindedAlready.admin);
    const allReported = await aUnit(east);
    await confirmedMember(t.app, { unitId: allReported.unitId, community: longjin(), unitAdmin: allReported.admin, staff: as(STAFF_OF.龙津社区) });
    const west = await aUnit(ids['西城街道']);
    const westMember = await newMember(t.app, { unitIds: [west.unitId], home: longjin() });

    expect(await remindBelow(east, as(DISTRICT_ADMIN))).toEqual({ units: 1, skipped: 1, reminded: 2, withoutAccount: 1 });

    const sent = (await remindersOf(first.unitId, first.admin)).items;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sentByName: '陈建国', reminded: 2, withoutAccount: 1, day: reminderDay(clock) });
    expect(await remindersTo(first.notReported)).toHaveLength(1);
    expect(await remindersTo(first.confirmed)).toEqual([]);
    // Skipped: its own reminder stands alone, and its member heard once.
    expect((await remindersOf(remindedAlready.unitId, remindedAlready.admin)).items).toHaveLength(1);
    expect(await remindersTo(waiting)).toHaveLength(1);
    // Everyone reported: no reminder, so its admin still has the day's.
    expect((await remindersOf(allReported.unitId, allReported.admin)).items).toEqual([]);
    // Outside the node.
    expect((await remindersOf(west.unitId, west.admin)).items).toEqual([]);
    expect(await remindersTo(westMember)).toEqual([]);
    // The audit row names the node it was sent for.
    const [audit] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.remind'), eq(auditLog.entityId, first.unitId)));
    expect(audit).toMatchObject({ actorId: Number(as(DISTRICT_ADMIN).user.id), orgPath: await unitPath(first.unitId), details: expect.objectContaining({ orgId: Number(east) }) });

    // Again the same day: everything is skipped, nobody hears twice.
    expect(await remindBelow(east, as(DISTRICT_ADMIN))).toEqual({ units: 0, skipped: 2, reminded: 0, withoutAccount: 0 });
    expect(await remindersTo(first.notReported)).toHaveLength(1);
    // And the next day the district may remind again.
    expect(await tomorrow(() => remindBelow(east, as(DISTRICT_ADMIN)))).toEqual({ units: 2, skipped: 0, reminded: 3, withoutAccount: 1 });
  });

  it('two district reminders at once remind each unit once between them', async () => {
    const west = ids['西城街道']!;
    const made = [await aUnit(west), await aUnit(west)];
    const members = [];
    for (const u of made) members.push(await newMember(t.app, { unitIds: [u.unitId], home: longjin() }));
    const [one, two] = await Promise.all([remindBelow(west, as(DISTRICT_ADMIN)), remindBelow(west, as(DISTRICT_ADMIN))]);
    // Between them every unit with someone to remind, each once: what one sent, the other skipped.
    expect(one!.units + two!.units).toBe(one!.units + one!.skipped);
    expect(one!.units + two!.units).toBe(two!.units + two!.skipped);
    for (const u of made) expect(await t.app.db.select().from(reportReminders).where(eq(reportReminders.unitId, Number(u.unitId)))).toHaveLength(1);
    for (const m of members) expect(await remindersTo(m)).toHaveLength(1);
  });
});

describe('who may remind, list and export', () => {
  let unitId: string;
  let reminderId: string;
  beforeAll(async () => {
    const u = await aUnit(ids['东城街道']);
    unitId = u.unitId;
    await newMember(t.app, { unitIds: [unitId], home: longjin() });
    reminderId = (await remindOk(unitId, u.admin)).id;
  });

  it("another unit's admin is answered 404, as if the unit were not there; the district admin above may", async () => {
    const other = as(UNIT_ADMIN_OF.新罗区实验小学);
    expectError(await remind(unitId, other), 404, 'NOT_FOUND');
    expectError(await call(t.app, other, 'GET', `/api/units/${unitId}/reminders`), 404, 'NOT_FOUND');
    expectError(await exportOf(other, `unitId=${unitId}`), 404, 'NOT_FOUND');
    expect((await remindersOf(unitId, as(DISTRICT_ADMIN))).items.map((r) => r.id)).toEqual([reminderId]);
  });

  it('a resident, a member, community staff and a street admin are refused (403)', async () => {
    for (const phone of [RESIDENT, '13900000101', STAFF_OF.龙津社区, STREET_ADMIN_EAST]) {
      expectError(await remind(unitId, as(phone)), 403, 'FORBIDDEN');
      expectError(await call(t.app, as(phone), 'GET', `/api/units/${unitId}/reminders`), 403, 'FORBIDDEN');
      expectError(await exportOf(as(phone), `unitId=${unitId}&reminderId=${reminderId}`), 403, 'FORBIDDEN');
      expectError(await call(t.app, as(phone), 'POST', `/api/orgs/${ids['东城街道']}/reminders`), 403, 'FORBIDDEN');
    }
  });

  it("a unit admin cannot remind a district (404), nor anyone a node outside the caller's reach", async () => {
    expectError(await call(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), 'POST', `/api/orgs/${ids['新罗区']}/reminders`), 404, 'NOT_FOUND');
    expectError(await call(t.app, as(DISTRICT_ADMIN), 'POST', '/api/orgs/987654321/reminders'), 404, 'NOT_FOUND');
    expectError(await remind('987654321', as(DISTRICT_ADMIN)), 404, 'NOT_FOUND');
  });

  it("a reminder of another unit is not found in this unit's ledger", async () => {
    const other = await aUnit();
    await newMember(t.app, { unitIds: [other.unitId], home: longjin() });
    const elsewhere = await remindOk(other.unitId, other.admin);
    expectError(await exportOf(as(DISTRICT_ADMIN), `unitId=${unitId}&reminderId=${elsewhere.id}`), 404, 'NOT_FOUND');
  });
});

describe('who was reminded exports as a ledger (催报名单)', () => {
  it('lists each recipient with the unit, the day, the phone and the branch, never whether they have an account', async () => {
    const u = await mixedUnit();
    const today = await remindOk(u.unitId, u.admin);
    const res = await exportOf(u.admin, `unitId=${u.unitId}&reminderId=${today.id}`);
    expect(String(res.headers['content-disposition'])).toContain(`reminders-reminder${today.id}-`);
    const sheet = await sheetOf(res);
    expect(sheet.name).toBe(REMINDER_LEDGER_LABEL);
    expect(sheet.headers).toEqual(['单位', '日期', '姓名', '手机号', '支部']);
    const row = (name: string, phone: string, branch: string) => ({
      单位: today.unitName,
      日期: today.day,
      姓名: name,
      手机号: phone,
      支部: branch,
    });
    expect(sheet.rows).toEqual([
      row('待确认党员', u.pending.user.phone!, '第一党支部'),
      row('未报到党员', u.notReported.user.phone!, '第一党支部'),
      row(u.noAccount.name, u.noAccount.phone, '第二党支部'),
    ]);

    // Without a reminder named: every reminder of the unit, the newest first; the district admin above sees the phones too.
    const next = await tomorrow(() => remindOk(u.unitId, u.admin));
    const all = await sheetOf(await exportOf(as(DISTRICT_ADMIN), `unitId=${u.unitId}`));
    expect(column(all, '日期')).toEqual([next.day, next.day, next.day, today.day, today.day, today.day]);
    expect(column(all, '手机号')).toEqual([...column(sheet, '手机号'), ...column(sheet, '手机号')]);
  });

  it('a unit never reminded exports an empty list; an unknown reminder is 404', async () => {
    const { unitId, admin } = await aUnit();
    expect((await sheetOf(await exportOf(admin, `unitId=${unitId}`))).rows).toEqual([]);
    expectError(await exportOf(admin, `unitId=${unitId}&reminderId=987654321`), 404, 'NOT_FOUND');
  });
});
