import { chinaToday, reportOptionsSchema, unitSchema } from '@huijia/shared';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, notifications, orgNodes, rosterEntries, units } from '../src/db/schema';
import { sweepAgreementTerms } from '../src/modules/agreements/sweep';
import { insertOrgNode } from '../src/modules/orgs/repository';
import { agreementBody, agreementsOf, asAgreement, asAgreements, paired, PARTIES, propose, proposed, step, term, type Party } from './support/agreements';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone, signUp } from './support/identity';
import { api, APP_START_TIMEOUT, callerOf, callersOf, expectCode, expectOk, rowsOf, type Caller } from './support/wishes';

// 共建协议 (issue 21, domain.md "Partnership and projects"): staff propose, the unit's admins accept
// or decline, either side ends one early, the clock ends it at its term; and the pair the reporting
// rule reads exists exactly while an agreement is in force.

const DAY = 86_400_000;
let t: TestApp;
let ids: Record<string, string>;
let who: Record<Party, Caller>;
let clock = new Date();
/** A unit of one test at a time, registered in 新罗区 with no pairs, so that pairs start clean. */
let unitSeq = 0;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock, jobs: false } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PARTIES);
}, APP_START_TIMEOUT);
afterAll(() => t.close());
beforeEach(() => {
  clock = new Date();
});

const school = () => ids['新罗区实验小学']!;
const longjin = () => ids['龙津社区']!;

/** A new unit of 新罗区 with an admin (who is also returned), paired with nothing. */
async function newUnit(): Promise<{ id: string; admin: Caller }> {
  const unit = unitSchema.parse(expectOk(await api(t.app, who.districtAdmin, 'POST', '/api/units', { name: `共建测试单位${++unitSeq}`, pairedCommunityIds: [] }), 201));
  const phone = freshPhone();
  await signUp(t.app, { phone, name: '单位管理员' });
  const admin = await callerOf(t.app, phone);
  await t.app.db.execute(sql`insert into role_grants (user_id, role, unit_id) values (${admin.userId}, 'unit_admin', ${Number(unit.id)})`);
  return { id: unit.id, admin };
}

describe('proposing', () => {
  it('lets the community’s staff propose to a unit of the district, tells the unit’s admins, and pairs nothing yet', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expect(a).toMatchObject({ status: 'proposed', inForce: false, unitId: unit, communityName: '龙津社区', proposedByName: '张丽华', viewerActors: ['community'], reason: null });
    expect(await paired(t.app, unit, longjin())).toBe(false);
    const told = await t.app.db.select().from(notifications).where(and(eq(notifications.userId, admin.userId), eq(notifications.entityId, a.id)));
    expect(told.map((n) => n.kind)).toEqual(['agreement.proposed']);
    const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'agreement'), eq(auditLog.entityId, a.id)));
    expect(audit.map((r) => r.action)).toEqual(['agreement.propose']);
  });

  it('refuses staff of another community, a street admin, a unit admin, a member and a resident', async () => {
    const { id: unit, admin } = await newUnit();
    const body = agreementBody(unit, longjin(), term(clock));
    expectCode(await propose(t.app, who.otherStaff, body), 404, 'NOT_FOUND');
    for (const c of [who.streetAdmin, who.districtAdmin, admin, who.member, who.resident]) expectCode(await propose(t.app, c, body), 403, 'FORBIDDEN');
    expect(await agreementsOf(t.app, unit, longjin())).toHaveLength(0);
  });

  it('refuses a term ending before it starts or longer than five years (400), and nothing is stored', async () => {
    const { id: unit } = await newUnit();
    const { startsOn } = term(clock);
    expectCode(await propose(t.app, who.staff, agreementBody(unit, longjin(), { startsOn, endsOn: term(clock, -1).startsOn })), 400, 'VALIDATION_FAILED');
    expectCode(await propose(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 0, 6))), 400, 'VALIDATION_FAILED');
    expect(await agreementsOf(t.app, unit, longjin())).toHaveLength(0);
    // Exactly five years is allowed.
    await proposed(t.app, who.staff, agreementBody(unit, longjin(), { startsOn, endsOn: term(clock, 0, 5).endsOn }));
  });

  it('refuses a unit registered outside the community’s district (AGREEMENT_UNIT_OUT_OF_REACH)', async () => {
    const [root] = await t.app.db.select().from(orgNodes).where(sql`${orgNodes.parentId} is null`);
    const other = await insertOrgNode(t.app.db, root!, 'district', `外区${unitSeq}`);
    const [far] = await t.app.db.insert(units).values({ name: `外区单位${++unitSeq}`, orgId: other.id }).returning();
    expectCode(await propose(t.app, who.staff, agreementBody(String(far!.id), longjin(), term(clock))), 400, 'AGREEMENT_UNIT_OUT_OF_REACH');
    const picker = expectOk(await api(t.app, who.staff, 'GET', `/api/communities/${longjin()}/partner-units`)) as { id: string; name: string; paired: boolean }[];
    expect(picker.map((u) => u.id)).not.toContain(String(far!.id));
    expect(picker).toEqual(expect.arrayContaining([{ id: ids['龙岩市第一医院'], name: '龙岩市第一医院', paired: true }, { id: school(), name: '新罗区实验小学', paired: false }]));
    expect(picker.map((u) => u.name)).toEqual([...picker.map((u) => u.name)].sort());
    expectCode(await api(t.app, who.otherStaff, 'GET', `/api/communities/${longjin()}/partner-units`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'GET', `/api/communities/${longjin()}/partner-units`), 403, 'FORBIDDEN');
  });

  it('refuses an overlapping proposed or active agreement of the pair (409 AGREEMENT_OVERLAPS), not a later one', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expectCode(await propose(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 100))), 409, 'AGREEMENT_OVERLAPS');
    asAgreement(await step(t.app, admin, a.id, 'accept'));
    expectCode(await propose(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 300))), 409, 'AGREEMENT_OVERLAPS');
    // The renewal from the day after its end does not overlap; another community's neither.
    await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 365)));
    await proposed(t.app, who.otherStaff, agreementBody(unit, ids['中山社区']!, term(clock)));
  });
});

describe('deciding, withdrawing and ending, by role and scope', () => {
  it('accepts by the unit’s admin only: the pair is made; another unit’s admin is answered 404, staff 403', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expectCode(await step(t.app, who.otherUnitAdmin, a.id, 'accept'), 404, 'NOT_FOUND');
    expectCode(await step(t.app, who.staff, a.id, 'accept'), 403, 'FORBIDDEN');
    expectCode(await step(t.app, who.streetAdmin, a.id, 'accept'), 403, 'FORBIDDEN');
    expectCode(await step(t.app, who.member, a.id, 'accept'), 403, 'FORBIDDEN');
    expect(await paired(t.app, unit, longjin())).toBe(false);
    const accepted = asAgreement(await step(t.app, admin, a.id, 'accept'));
    expect(accepted).toMatchObject({ status: 'active', inForce: true, viewerActors: ['unit'] });
    expect(accepted.decidedAt).not.toBeNull();
    expect(await paired(t.app, unit, longjin())).toBe(true);
    // Accepted once: a second accept, a decline or a withdrawal is a state conflict.
    expectCode(await step(t.app, admin, a.id, 'accept'), 409, 'AGREEMENT_STATE_CONFLICT');
    expectCode(await step(t.app, admin, a.id, 'decline'), 409, 'AGREEMENT_STATE_CONFLICT');
    expectCode(await step(t.app, who.staff, a.id, 'withdraw'), 409, 'AGREEMENT_STATE_CONFLICT');
  });

  it('an agreement accepted ahead of its term pairs nothing until its term begins (the sweep makes the pair)', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 10)));
    expect(asAgreement(await step(t.app, admin, a.id, 'accept'))).toMatchObject({ status: 'active', inForce: false });
    expect(await paired(t.app, unit, longjin())).toBe(false);
    clock = new Date(clock.getTime() + 10 * DAY);
    await sweepAgreementTerms(t.app.db, clock);
    expect(await paired(t.app, unit, longjin())).toBe(true);
    expect(asAgreement(await api(t.app, admin, 'GET', `/api/agreements/${a.id}`)).inForce).toBe(true);
  });

  it('declines with a reason by the unit’s admin; withdraws by the community’s staff while proposed', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expectCode(await step(t.app, admin, a.id, 'withdraw'), 403, 'FORBIDDEN');
    expectCode(await step(t.app, who.staff, a.id, 'decline'), 403, 'FORBIDDEN');
    const declined = asAgreement(await step(t.app, admin, a.id, 'decline', '暂无余力'));
    expect(declined).toMatchObject({ status: 'declined', reason: '暂无余力', inForce: false });
    expectCode(await step(t.app, who.staff, a.id, 'withdraw'), 409, 'AGREEMENT_STATE_CONFLICT');
    const b = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expectCode(await step(t.app, who.otherStaff, b.id, 'withdraw'), 404, 'NOT_FOUND');
    expect(asAgreement(await step(t.app, who.staff, b.id, 'withdraw'))).toMatchObject({ status: 'withdrawn' });
    expectCode(await step(t.app, admin, b.id, 'accept'), 409, 'AGREEMENT_STATE_CONFLICT');
    expectCode(await step(t.app, admin, b.id, 'decline', '无'), 400, 'VALIDATION_FAILED');
    expect(await paired(t.app, unit, longjin())).toBe(false);
  });

  it('ends early by either side while active, with a reason, and the pair goes unless another agreement holds it', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expectCode(await step(t.app, admin, a.id, 'end'), 409, 'AGREEMENT_STATE_CONFLICT');
    asAgreement(await step(t.app, admin, a.id, 'accept'));
    expectCode(await step(t.app, who.streetAdmin, a.id, 'end'), 403, 'FORBIDDEN');
    expectCode(await step(t.app, who.otherUnitAdmin, a.id, 'end'), 404, 'NOT_FOUND');
    const ended = asAgreement(await step(t.app, who.staff, a.id, 'end', '社区工作调整'));
    expect(ended).toMatchObject({ status: 'ended', reason: '社区工作调整', inForce: false });
    expect(await paired(t.app, unit, longjin())).toBe(false);
    expectCode(await step(t.app, admin, a.id, 'end'), 409, 'AGREEMENT_STATE_CONFLICT');
    // By the unit's side too.
    const b = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    asAgreement(await step(t.app, admin, b.id, 'accept'));
    expect(asAgreement(await step(t.app, admin, b.id, 'end', '单位搬迁'))).toMatchObject({ status: 'ended' });
    expect(await paired(t.app, unit, longjin())).toBe(false);
  });
});

describe('reading', () => {
  it('shows a unit’s to its admins and the admins above, a community’s to its staff, a subtree’s to street and district admins', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    for (const c of [admin, who.staff, who.streetAdmin, who.districtAdmin]) expect(asAgreement(await api(t.app, c, 'GET', `/api/agreements/${a.id}`)).id).toBe(a.id);
    for (const c of [who.otherStaff, who.otherUnitAdmin, who.otherStreetAdmin]) expectCode(await api(t.app, c, 'GET', `/api/agreements/${a.id}`), 404, 'NOT_FOUND');
    for (const c of [who.member, who.resident]) expectCode(await api(t.app, c, 'GET', `/api/agreements/${a.id}`), 403, 'FORBIDDEN');

    expect(asAgreements(await api(t.app, admin, 'GET', `/api/agreements?unitId=${unit}`)).items.map((x) => x.id)).toEqual([a.id]);
    expect(asAgreements(await api(t.app, who.districtAdmin, 'GET', `/api/agreements?unitId=${unit}`)).items.map((x) => x.id)).toEqual([a.id]);
    expectCode(await api(t.app, who.otherUnitAdmin, 'GET', `/api/agreements?unitId=${unit}`), 404, 'NOT_FOUND');
    const community = asAgreements(await api(t.app, who.staff, 'GET', `/api/agreements?communityId=${longjin()}&status=proposed`)).items;
    expect(community.map((x) => x.id)).toContain(a.id);
    expect(community.every((x) => x.status === 'proposed' && x.communityId === longjin())).toBe(true);
    expectCode(await api(t.app, who.otherStaff, 'GET', `/api/agreements?communityId=${longjin()}`), 404, 'NOT_FOUND');
    const street = asAgreements(await api(t.app, who.streetAdmin, 'GET', `/api/agreements?orgId=${ids['东城街道']}`)).items;
    expect(street.map((x) => x.id)).toContain(a.id);
    expectCode(await api(t.app, who.otherStreetAdmin, 'GET', `/api/agreements?orgId=${ids['东城街道']}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.member, 'GET', `/api/agreements?orgId=${ids['东城街道']}`), 403, 'FORBIDDEN');
  });

  it('pages newest first', async () => {
    const all = asAgreements(await api(t.app, who.districtAdmin, 'GET', `/api/agreements?orgId=${ids['新罗区']}&limit=100`)).items;
    const first = asAgreements(await api(t.app, who.districtAdmin, 'GET', `/api/agreements?orgId=${ids['新罗区']}&limit=2`));
    const second = asAgreements(await api(t.app, who.districtAdmin, 'GET', `/api/agreements?orgId=${ids['新罗区']}&limit=2&cursor=${first.nextCursor}`));
    expect([...first.items, ...second.items].map((x) => x.id)).toEqual(all.slice(0, 4).map((x) => x.id));
    const numbers = all.map((x) => Number(x.id));
    expect(numbers).toEqual([...numbers].sort((p, q) => q - p));
  });

  it('the demo has an agreement in every state, and one waiting for 新罗区实验小学', async () => {
    const mine = asAgreements(await api(t.app, who.unitAdmin, 'GET', `/api/agreements?unitId=${school()}&status=proposed`)).items;
    expect(mine.some((x) => x.communityName === '龙津社区' && x.viewerActors.includes('unit'))).toBe(true);
    const states = new Set(asAgreements(await api(t.app, who.districtAdmin, 'GET', `/api/agreements?orgId=${ids['新罗区']}&limit=100`)).items.map((x) => x.status));
    for (const s of ['proposed', 'active', 'declined', 'ended']) expect(states).toContain(s);
  });
});

describe('the pairing follows the agreements, and the reporting rule the pairing', () => {
  it('a member with no home community may report to the community only while an agreement is in force, and is expected there', async () => {
    const { id: unit, admin } = await newUnit();
    const phone = freshPhone();
    const member = await signUp(t.app, { phone, name: '共建党员' });
    await t.app.db.insert(rosterEntries).values({ unitId: Number(unit), name: '共建党员', phone, branch: '第一党支部' });
    const options = async () =>
      reportOptionsSchema.parse(expectOk(await t.app.inject({ method: 'GET', url: '/api/reports/options', headers: { authorization: `Bearer ${member.accessToken}` } })));
    const expectedAt = async () => {
      const rows = rowsOf<{ community_id: string | number | null }>(await t.app.db.execute(sql`select community_id from expected_members where phone = ${phone}`));
      return rows[0]?.community_id == null ? null : String(rows[0].community_id);
    };
    expect((await options()).pairedUnit).toEqual([]);
    expect(await expectedAt()).toBeNull();

    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock)));
    expect((await options()).pairedUnit).toEqual([]);
    asAgreement(await step(t.app, admin, a.id, 'accept'));
    expect((await options()).pairedUnit.map((p) => p.id)).toEqual([longjin()]);
    expect(await expectedAt()).toBe(longjin());

    asAgreement(await step(t.app, who.staff, a.id, 'end', '社区工作调整'));
    expect((await options()).pairedUnit).toEqual([]);
    expect(await expectedAt()).toBeNull();
    const refused = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { communityId: longjin(), basis: 'paired_unit' }, headers: { authorization: `Bearer ${member.accessToken}` } });
    expectCode(refused, 400, 'REPORT_BASIS_MISMATCH');
  });

  it('the sweep ends an agreement at its term (by the clock, no reason) and the pair disappears', async () => {
    const { id: unit, admin } = await newUnit();
    const a = await proposed(t.app, who.staff, agreementBody(unit, longjin(), term(clock, 0, 1)));
    asAgreement(await step(t.app, admin, a.id, 'accept'));
    expect(await paired(t.app, unit, longjin())).toBe(true);
    clock = new Date(clock.getTime() + 364 * DAY);
    await sweepAgreementTerms(t.app.db, clock);
    expect(await paired(t.app, unit, longjin())).toBe(true);
    clock = new Date(clock.getTime() + 2 * DAY);
    expect(chinaToday(clock) > a.endsOn).toBe(true);
    // Read before the sweep, it is no longer in force though still active.
    expect(asAgreement(await api(t.app, admin, 'GET', `/api/agreements/${a.id}`))).toMatchObject({ status: 'active', inForce: false });
    await sweepAgreementTerms(t.app.db, clock);
    expect(asAgreement(await api(t.app, admin, 'GET', `/api/agreements/${a.id}`))).toMatchObject({ status: 'ended', reason: null, inForce: false });
    const [row] = await agreementsOf(t.app, unit, longjin());
    expect(row).toMatchObject({ status: 'ended', endedBy: null, reason: null });
    expect(await paired(t.app, unit, longjin())).toBe(false);
    const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'agreement'), eq(auditLog.entityId, a.id)));
    expect(audit.map((r) => [r.action, r.actorId])).toContainEqual(['agreement.expire', null]);
  });

  it('the district admin’s pairing (单位管理) creates an active agreement, unpairing ends it', async () => {
    const created = unitSchema.parse(
      expectOk(await api(t.app, who.districtAdmin, 'POST', '/api/units', { name: `区级结对单位${++unitSeq}`, pairedCommunityIds: [longjin()] }), 201),
    );
    expect(created.pairedCommunities.map((c) => c.id)).toEqual([longjin()]);
    const [first] = await agreementsOf(t.app, created.id, longjin());
    expect(first).toMatchObject({ status: 'active', content: '区级结对安排', resources: [], startsOn: chinaToday(clock), proposedBy: who.districtAdmin.userId, decidedBy: who.districtAdmin.userId });
    expect(first!.endsOn).toBe(term(clock, 0, 3).endsOn);

    const moved = unitSchema.parse(expectOk(await api(t.app, who.districtAdmin, 'PUT', `/api/units/${created.id}/communities`, { communityIds: [ids['中山社区']] })));
    expect(moved.pairedCommunities.map((c) => c.id)).toEqual([ids['中山社区']]);
    expect(await agreementsOf(t.app, created.id, longjin())).toMatchObject([{ status: 'ended', reason: '区管理员取消结对', endedBy: who.districtAdmin.userId }]);
    expect(await agreementsOf(t.app, created.id, ids['中山社区']!)).toMatchObject([{ status: 'active' }]);
    expect(await paired(t.app, created.id, longjin())).toBe(false);
    expect(await paired(t.app, created.id, ids['中山社区']!)).toBe(true);

    // Pairing again makes a new agreement; a pending proposal of the pair blocks it (409).
    const unit = await newUnit();
    await proposed(t.app, who.staff, agreementBody(unit.id, longjin(), term(clock)));
    expectCode(await api(t.app, who.districtAdmin, 'PUT', `/api/units/${unit.id}/communities`, { communityIds: [longjin()] }), 409, 'AGREEMENT_OVERLAPS');
    expect(await paired(t.app, unit.id, longjin())).toBe(false);
  });
});
