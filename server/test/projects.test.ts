import { chinaToday, listEnvelope, type ProjectDetail, projectDetailSchema, projectSchema } from '@huijia/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, notifications, projectEvents, projects, serviceRecords } from '../src/db/schema';
import { shiftDays } from './support/agreements';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone, signUp } from './support/identity';
import { api, APP_START_TIMEOUT, callerOf, callersOf, expectCode, expectOk, uploadImage, type Caller } from './support/wishes';

// 项目认领 (domain.md, "Partnership and projects"): 龙津社区's staff publish; a paired unit, a
// volunteer team, a party representative or a reported member claims, exclusively; the lead posts
// progress and reports it done; staff accept or send it back; residents rate what was completed.

/** Demo logins (src/seed/demo-city.ts) by what they are to a project of 龙津社区. */
const PEOPLE = {
  /** 张丽华, staff of 龙津社区. */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区. */
  otherStaff: '13900000012',
  /** 林秀英, street admin of 东城街道 (above 龙津社区). */
  streetAdmin: '13900000002',
  /** 黄志强, street admin of 西城街道. */
  otherStreetAdmin: '13900000003',
  /** 郑明辉, admin of 龙岩市第一医院 (paired with 龙津社区). */
  hospitalAdmin: '13900000021',
  /** 罗晓燕, admin of 新罗区实验小学 (not paired with 龙津社区). */
  schoolAdmin: '13900000022',
  /** 李志远, confirmed in 龙津社区, leads 龙津红色志愿服务队; on 龙岩市第一医院's roster. */
  teamLeader: '13900000101',
  /** 赵雪梅, confirmed in 龙津社区; on 龙岩市第一医院's roster. */
  member: '13900000102',
  /** 孙浩然, confirmed in 中山社区 only. */
  memberElsewhere: '13900000103',
  /** 邱国华, party representative of 新罗区. */
  partyRep: '13900000004',
  /** 王秀兰, lives in 龙津社区, on no roster. */
  resident: '13900000201',
  /** 陈阿婆, lives in 龙津社区. */
  otherResident: '13900000202',
  /** 曾美玲, a member living in 龙津社区 who has not reported. */
  unreported: '13900000110',
  /** 冯晓东, member of 新罗区实验小学, confirmed in 溪南社区. */
  schoolMember: '13900000106',
} as const;
type Person = keyof typeof PEOPLE;

let t: TestApp;
let ids: Record<string, string>;
let who: Record<Person, Caller>;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock, jobs: false } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const longjin = () => ids['龙津社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const school = () => ids['新罗区实验小学']!;
const today = () => chinaToday(clock);

const asDetail = (res: LightMyRequestResponse, status = 200): ProjectDetail => projectDetailSchema.parse(expectOk(res, status));
const asList = (res: LightMyRequestResponse) => listEnvelope(projectSchema).parse(expectOk(res));

let seq = 0;
const projectBody = (overrides: Record<string, unknown> = {}) => ({
  communityId: longjin(),
  category: 'livelihood',
  title: `楼道扶手加装${++seq}`,
  description: '为老旧楼道加装不锈钢扶手，方便老人上下楼。',
  needs: ['funds', 'people'],
  dueOn: shiftDays(today(), 30),
  ...overrides,
});

const publish = (by: Caller, overrides: Record<string, unknown> = {}) => api(t.app, by, 'POST', '/api/projects', projectBody(overrides));
const published = async (overrides: Record<string, unknown> = {}) => asDetail(await publish(who.staff, overrides), 201);
const get = (by: Caller, id: string) => api(t.app, by, 'GET', `/api/projects/${id}`);
const claim = (by: Caller, id: string, body: Record<string, unknown>) => api(t.app, by, 'POST', `/api/projects/${id}/claim`, body);
const asUnit = (unitId = hospital()) => ({ as: 'unit', unitId });
const asTeam = () => ({ as: 'team', teamId: teamId() });
const asSelf = { as: 'self' };
const step = (by: Caller, id: string, action: 'complete' | 'accept' | 'send-back' | 'hand-back' | 'withdraw' | 'updates', body?: Record<string, unknown>) =>
  api(t.app, by, 'POST', `/api/projects/${id}/${action}`, body ?? (action === 'accept' ? undefined : action === 'complete' || action === 'updates' ? { content: '已完成第一阶段施工' } : { reason: '情况有变化' }));
const rate = (by: Caller, id: string, stars = 5) => api(t.app, by, 'POST', `/api/projects/${id}/rating`, { stars, comment: '做得好' });

let team = '';
const teamId = () => team;

beforeAll(async () => {
  const rows = (await t.app.db.execute(sql`select id from grid_groups where name = '龙津红色志愿服务队'`)) as unknown as { rows: { id: string | number }[] };
  team = String(rows.rows[0]!.id);
});

const stored = async (id: string) => (await t.app.db.select().from(projects).where(eq(projects.id, Number(id))))[0]!;
const eventsOf = async (id: string) => (await t.app.db.select().from(projectEvents).where(eq(projectEvents.projectId, Number(id))).orderBy(projectEvents.id)).map((e) => e.kind);
const auditOf = async (id: string) => (await t.app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, id))).orderBy(auditLog.id)).map((a) => a.action);
const toldAbout = async (c: Caller, id: string) =>
  (await t.app.db.select().from(notifications).where(and(eq(notifications.userId, c.userId), eq(notifications.entity, 'project'), eq(notifications.entityId, id)))).map((n) => n.kind);

/** A project claimed by the hospital (its admin), optionally reported. */
async function claimedByHospital(reported = false): Promise<ProjectDetail> {
  const p = await published();
  asDetail(await claim(who.hospitalAdmin, p.id, asUnit()));
  return reported ? asDetail(await step(who.hospitalAdmin, p.id, 'complete')) : asDetail(await get(who.staff, p.id));
}

async function completedByHospital(): Promise<ProjectDetail> {
  const p = await claimedByHospital(true);
  return asDetail(await step(who.staff, p.id, 'accept'));
}

describe('publishing', () => {
  it('lets the community’s staff publish: open, a published event by 社区, the audit row, paired units’ admins told', async () => {
    const p = await published();
    expect(p).toMatchObject({ status: 'open', communityName: '龙津社区', lead: null, overdue: false, updateCount: 0, rating: null, viewerActors: ['community'] });
    expect(p.events.map((e) => [e.kind, e.byName])).toEqual([['published', '社区']]);
    expect(await auditOf(p.id)).toEqual(['project.publish']);
    expect(await toldAbout(who.hospitalAdmin, p.id)).toEqual(['project.published']);
    expect(await toldAbout(who.schoolAdmin, p.id)).toEqual([]);
    expect(JSON.stringify(p)).not.toMatch(/1390000/);
  });

  it('refuses staff of another community (404), and admins above, unit admins, members and residents (403)', async () => {
    const before = (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(projects))[0]!.n;
    expectCode(await publish(who.otherStaff), 404, 'NOT_FOUND');
    for (const c of [who.streetAdmin, who.hospitalAdmin, who.member, who.resident, who.partyRep]) expectCode(await publish(c), 403, 'FORBIDDEN');
    expect((await t.app.db.select({ n: sql<number>`count(*)::int` }).from(projects))[0]!.n).toBe(before);
  });

  it('refuses a due date before China’s today (PROJECT_DUE_PAST) and a malformed body (VALIDATION_FAILED)', async () => {
    expectCode(await publish(who.staff, { dueOn: shiftDays(today(), -1) }), 400, 'PROJECT_DUE_PAST');
    expectOk(await publish(who.staff, { dueOn: today() }), 201);
    expectCode(await publish(who.staff, { title: '' }), 400, 'VALIDATION_FAILED');
    expectCode(await publish(who.staff, { category: 'fun' }), 400, 'VALIDATION_FAILED');
    expectCode(await publish(who.staff, { dueOn: '2025-13-40' }), 400, 'VALIDATION_FAILED');
    expectCode(await publish(who.staff, { communityId: ids['东城街道']! }), 404, 'NOT_FOUND');
  });
});

describe('claiming', () => {
  it('a paired unit’s admin claims for the unit: the lead is the unit, the timeline names it, staff are told', async () => {
    const p = await published();
    const seen = asDetail(await get(who.hospitalAdmin, p.id));
    expect(seen.viewerActors).toEqual(['eligible']);
    expect(seen.claimOptions).toEqual([{ as: 'unit', unitId: hospital(), leadKind: 'unit', label: '龙岩市第一医院' }]);
    const c = asDetail(await claim(who.hospitalAdmin, p.id, asUnit()));
    expect(c).toMatchObject({ status: 'claimed', lead: { kind: 'unit', name: '龙岩市第一医院', unitId: hospital(), teamId: null }, viewerActors: ['eligible', 'lead'], claimOptions: [] });
    expect(c.events.map((e) => [e.kind, e.byName])).toEqual([
      ['published', '社区'],
      ['claimed', '龙岩市第一医院'],
    ]);
    const row = await stored(p.id);
    expect(row).toMatchObject({ leadKind: 'unit', leadUnitId: Number(hospital()), leadUserId: who.hospitalAdmin.userId });
    expect(row.firstClaimedAt).toEqual(row.claimedAt);
    expect(await toldAbout(who.staff, p.id)).toEqual(['project.claimed']);
    expect(await auditOf(p.id)).toEqual(['project.publish', 'project.claim']);
  });

  it('refuses a unit not paired with the community (PROJECT_LEAD_INVALID), and a unit its caller does not admin', async () => {
    const p = await published();
    expectCode(await claim(who.schoolAdmin, p.id, asUnit(school())), 403, 'PROJECT_LEAD_INVALID');
    expectCode(await claim(who.schoolAdmin, p.id, asUnit(hospital())), 403, 'PROJECT_LEAD_INVALID');
    expectCode(await claim(who.hospitalAdmin, p.id, asUnit(school())), 403, 'PROJECT_LEAD_INVALID');
    expect(await stored(p.id)).toMatchObject({ status: 'open', leadKind: null });
    expect(await eventsOf(p.id)).toEqual(['published']);
  });

  it('the leader of one of the community’s volunteer teams claims for the team', async () => {
    const p = await published();
    const c = asDetail(await claim(who.teamLeader, p.id, asTeam()));
    expect(c.lead).toEqual({ kind: 'team', name: '龙津红色志愿服务队', unitId: null, teamId: teamId() });
    // A member of the team who does not lead it may not claim for it.
    const q = await published();
    expectCode(await claim(who.member, q.id, asTeam()), 403, 'PROJECT_LEAD_INVALID');
  });

  it('a party representative over the community claims as themselves (party_rep)', async () => {
    const p = await published();
    expect(asDetail(await get(who.partyRep, p.id)).claimOptions).toEqual([{ as: 'self', leadKind: 'party_rep', label: '邱国华（党代表）' }]);
    const c = asDetail(await claim(who.partyRep, p.id, asSelf));
    expect(c.lead).toEqual({ kind: 'party_rep', name: '邱国华', unitId: null, teamId: null });
  });

  it('a member reported in the community claims as themselves (member)', async () => {
    const p = await published();
    const c = asDetail(await claim(who.member, p.id, asSelf));
    expect(c.lead).toMatchObject({ kind: 'member', name: '赵雪梅' });
  });

  it('refuses a resident, a member not reported there, a member reported elsewhere and staff (PROJECT_LEAD_INVALID)', async () => {
    const p = await published();
    for (const c of [who.resident, who.unreported, who.memberElsewhere, who.staff]) {
      expect(asDetail(await get(c, p.id)).claimOptions).toEqual([]);
      expectCode(await claim(c, p.id, asSelf), 403, 'PROJECT_LEAD_INVALID');
    }
    expect(await stored(p.id)).toMatchObject({ status: 'open', leadUserId: null });
  });

  it('a second claim is answered 409 PROJECT_ALREADY_CLAIMED, and the first lead stays', async () => {
    const p = await published();
    asDetail(await claim(who.member, p.id, asSelf));
    expectCode(await claim(who.hospitalAdmin, p.id, asUnit()), 409, 'PROJECT_ALREADY_CLAIMED');
    expectCode(await claim(who.member, p.id, asSelf), 409, 'PROJECT_ALREADY_CLAIMED');
    expect(await stored(p.id)).toMatchObject({ leadKind: 'member', leadUserId: who.member.userId });
    expect(await eventsOf(p.id)).toEqual(['published', 'claimed']);
  });

  it('refuses a malformed claim (400) and an unknown project (404)', async () => {
    const p = await published();
    expectCode(await claim(who.member, p.id, { as: 'nobody' }), 400, 'VALIDATION_FAILED');
    expectCode(await claim(who.member, p.id, { as: 'unit' }), 400, 'VALIDATION_FAILED');
    expectCode(await claim(who.member, '999999999', asSelf), 404, 'NOT_FOUND');
    expectCode(await claim(who.member, 'abc', asSelf), 404, 'NOT_FOUND');
  });
});

describe('carrying it out', () => {
  it('the lead posts progress with photos; another resident reads the timeline and the photo', async () => {
    const p = await claimedByHospital();
    const photo = await uploadImage(t.app, who.hospitalAdmin);
    const u = asDetail(await step(who.hospitalAdmin, p.id, 'updates', { content: '扶手材料已到场', photoIds: [photo.id] }), 201);
    expect(u.updateCount).toBe(1);
    const seen = asDetail(await get(who.otherResident, p.id));
    const progress = seen.events.find((e) => e.kind === 'progress')!;
    expect(progress).toMatchObject({ byName: '龙岩市第一医院', content: '扶手材料已到场', photos: [{ id: photo.id }] });
    const image = await api(t.app, who.otherResident, 'GET', progress.photos[0]!.url);
    expect(image.statusCode).toBe(200);
  });

  it('refuses progress from anyone but the lead (403) and on a project not being carried out (409)', async () => {
    const p = await claimedByHospital();
    for (const c of [who.staff, who.member, who.teamLeader, who.schoolAdmin]) expectCode(await step(c, p.id, 'updates'), 403, 'FORBIDDEN');
    const open = await published();
    expectCode(await step(who.staff, open.id, 'updates'), 403, 'FORBIDDEN');
    const done = await completedByHospital();
    expectCode(await step(who.hospitalAdmin, done.id, 'updates'), 409, 'PROJECT_STATE_CONFLICT');
    expect(await eventsOf(p.id)).toEqual(['published', 'claimed']);
  });

  it('the lead reports it done; staff are told; the report carries its words', async () => {
    const p = await claimedByHospital();
    const r = asDetail(await step(who.hospitalAdmin, p.id, 'complete', { content: '两栋楼扶手全部安装完毕' }));
    expect(r.status).toBe('reported');
    expect(r.reportedAt).not.toBeNull();
    expect(r.events.at(-1)).toMatchObject({ kind: 'completed_reported', byName: '龙岩市第一医院', content: '两栋楼扶手全部安装完毕' });
    expect(await toldAbout(who.staff, p.id)).toContain('project.reported');
  });

  it('refuses completing someone else’s project (403) and leaves it claimed', async () => {
    const p = await claimedByHospital();
    for (const c of [who.member, who.teamLeader, who.staff, who.schoolAdmin, who.partyRep]) expectCode(await step(c, p.id, 'complete'), 403, 'FORBIDDEN');
    expect(await stored(p.id)).toMatchObject({ status: 'claimed', reportedAt: null });
  });

  it('another admin of the leading unit acts as its lead too', async () => {
    const p = await claimedByHospital();
    const phone = freshPhone();
    await signUp(t.app, { phone, name: '医院第二管理员' });
    const second = await callerOf(t.app, phone);
    await t.app.db.execute(sql`insert into role_grants (user_id, role, unit_id) values (${second.userId}, 'unit_admin', ${Number(hospital())})`);
    expect(asDetail(await step(second, p.id, 'complete')).status).toBe('reported');
  });
});

describe('acceptance', () => {
  it('staff accept a reported project: completed, the lead told', async () => {
    const p = await claimedByHospital(true);
    const a = asDetail(await step(who.staff, p.id, 'accept'));
    expect(a).toMatchObject({ status: 'completed', overdue: false });
    expect(a.completedAt).not.toBeNull();
    expect((await stored(p.id)).acceptedBy).toBe(who.staff.userId);
    expect(await toldAbout(who.hospitalAdmin, p.id)).toContain('project.accepted');
    expect(await auditOf(p.id)).toEqual(['project.publish', 'project.claim', 'project.complete', 'project.accept']);
  });

  it('staff send it back with a reason: claimed again, the reason shown, the lead told; then it is reported again', async () => {
    const p = await claimedByHospital(true);
    const b = asDetail(await api(t.app, who.staff, 'POST', `/api/projects/${p.id}/send-back`, { reason: '请补充安装照片' }));
    expect(b).toMatchObject({ status: 'claimed', sentBackReason: '请补充安装照片', reportedAt: null });
    expect(await toldAbout(who.hospitalAdmin, p.id)).toContain('project.sent_back');
    expect(asDetail(await step(who.hospitalAdmin, p.id, 'complete')).status).toBe('reported');
  });

  it('refuses accepting or sending back by anyone but the community’s staff (403/404), and out of state (409)', async () => {
    const p = await claimedByHospital(true);
    for (const c of [who.hospitalAdmin, who.streetAdmin, who.otherStaff, who.member, who.resident]) {
      expectCode(await step(c, p.id, 'accept'), 403, 'FORBIDDEN');
      expectCode(await step(c, p.id, 'send-back'), 403, 'FORBIDDEN');
    }
    expect(await stored(p.id)).toMatchObject({ status: 'reported', completedAt: null });
    const claimed = await claimedByHospital();
    expectCode(await step(who.staff, claimed.id, 'accept'), 409, 'PROJECT_STATE_CONFLICT');
    expectCode(await step(who.staff, claimed.id, 'send-back'), 409, 'PROJECT_STATE_CONFLICT');
    expect(await stored(claimed.id)).toMatchObject({ status: 'claimed' });
  });
});

describe('handing back and withdrawing', () => {
  it('the lead hands it back: open again, the lead cleared, first_claimed_at kept, staff told; another may claim', async () => {
    const p = await claimedByHospital(true);
    const first = (await stored(p.id)).firstClaimedAt;
    const h = asDetail(await step(who.hospitalAdmin, p.id, 'hand-back', { reason: '人手不足' }));
    expect(h).toMatchObject({ status: 'open', lead: null, claimedAt: null, reportedAt: null });
    expect(h.events.at(-1)).toMatchObject({ kind: 'handed_back', byName: '龙岩市第一医院', content: '人手不足' });
    const row = await stored(p.id);
    expect(row).toMatchObject({ leadKind: null, leadUnitId: null, leadUserId: null });
    expect(row.firstClaimedAt).toEqual(first);
    expect(await toldAbout(who.staff, p.id)).toContain('project.handed_back');
    expect(asDetail(await claim(who.member, p.id, asSelf)).lead).toMatchObject({ kind: 'member' });
    // The old lead is no longer its lead.
    expectCode(await step(who.hospitalAdmin, p.id, 'complete'), 403, 'FORBIDDEN');
  });

  it('refuses handing back by anyone but the lead, and a completed project (409)', async () => {
    const p = await claimedByHospital();
    for (const c of [who.staff, who.member, who.schoolAdmin]) expectCode(await step(c, p.id, 'hand-back'), 403, 'FORBIDDEN');
    expect(await stored(p.id)).toMatchObject({ status: 'claimed' });
    const done = await completedByHospital();
    expectCode(await step(who.hospitalAdmin, done.id, 'hand-back'), 409, 'PROJECT_STATE_CONFLICT');
  });

  it('staff withdraw an open project; it leaves the board except for overseers', async () => {
    const p = await published();
    const w = asDetail(await step(who.staff, p.id, 'withdraw', { reason: '街道已统一安排' }));
    expect(w.status).toBe('withdrawn');
    expectCode(await get(who.resident, p.id), 404, 'NOT_FOUND');
    expectCode(await claim(who.member, p.id, asSelf), 404, 'NOT_FOUND');
    expect(asDetail(await get(who.streetAdmin, p.id)).status).toBe('withdrawn');
    const board = asList(await api(t.app, who.resident, 'GET', `/api/projects?communityId=${longjin()}&limit=100`));
    expect(board.items.map((i) => i.id)).not.toContain(p.id);
    const staffBoard = asList(await api(t.app, who.staff, 'GET', `/api/projects?communityId=${longjin()}&status=withdrawn&limit=100`));
    expect(staffBoard.items.map((i) => i.id)).toContain(p.id);
  });

  it('refuses withdrawing a claimed project (409) and withdrawing by others (403)', async () => {
    const p = await claimedByHospital();
    expectCode(await step(who.staff, p.id, 'withdraw'), 409, 'PROJECT_STATE_CONFLICT');
    const open = await published();
    for (const c of [who.hospitalAdmin, who.streetAdmin, who.resident]) expectCode(await step(c, open.id, 'withdraw'), 403, 'FORBIDDEN');
    expect(await stored(open.id)).toMatchObject({ status: 'open', withdrawnAt: null });
    expectCode(await step(who.staff, open.id, 'withdraw', { reason: '' }), 400, 'VALIDATION_FAILED');
  });
});

describe('lists', () => {
  it('the board of a community is read by anyone signed in, newest first, paged', async () => {
    const a = await published();
    const b = await published();
    const first = asList(await api(t.app, who.memberElsewhere, 'GET', `/api/projects?communityId=${longjin()}&limit=1`));
    expect(first.items.map((i) => i.id)).toEqual([b.id]);
    const second = asList(await api(t.app, who.memberElsewhere, 'GET', `/api/projects?communityId=${longjin()}&limit=1&cursor=${first.nextCursor}`));
    expect(second.items.map((i) => i.id)).toEqual([a.id]);
    expect(second.items.every((i) => i.communityName === '龙津社区')).toBe(true);
  });

  it('mine: what the caller, their unit or their team leads', async () => {
    const byUnit = await claimedByHospital();
    const byTeam = await published();
    asDetail(await claim(who.teamLeader, byTeam.id, asTeam()));
    const hospitalMine = asList(await api(t.app, who.hospitalAdmin, 'GET', '/api/projects?mine=1&limit=100')).items.map((i) => i.id);
    expect(hospitalMine).toContain(byUnit.id);
    expect(hospitalMine).not.toContain(byTeam.id);
    const leaderMine = asList(await api(t.app, who.teamLeader, 'GET', '/api/projects?mine=1&limit=100')).items.map((i) => i.id);
    expect(leaderMine).toContain(byTeam.id);
    expect(leaderMine).not.toContain(byUnit.id);
    expect(asList(await api(t.app, who.resident, 'GET', '/api/projects?mine=1')).items).toEqual([]);
  });

  it('claimable: open projects where the caller has a claim option; with nothing asked, the same for non-staff', async () => {
    const open = await published();
    const taken = await claimedByHospital();
    for (const c of [who.hospitalAdmin, who.member, who.partyRep]) {
      const items = asList(await api(t.app, c, 'GET', '/api/projects?claimable=1&limit=100')).items;
      expect(items.map((i) => i.id)).toContain(open.id);
      expect(items.map((i) => i.id)).not.toContain(taken.id);
      expect(items.every((i) => i.status === 'open' && i.claimOptions.length > 0)).toBe(true);
    }
    for (const c of [who.schoolAdmin, who.memberElsewhere, who.resident]) {
      expect(asList(await api(t.app, c, 'GET', '/api/projects?claimable=1&limit=100')).items.map((i) => i.id)).not.toContain(open.id);
    }
    expect(asList(await api(t.app, who.member, 'GET', '/api/projects?limit=100')).items.map((i) => i.id)).toContain(open.id);
  });

  it('orgId: a subtree’s projects to its overseers; others are refused', async () => {
    const p = await published();
    const street = ids['东城街道']!;
    expect(asList(await api(t.app, who.streetAdmin, 'GET', `/api/projects?orgId=${street}&limit=100`)).items.map((i) => i.id)).toContain(p.id);
    expectCode(await api(t.app, who.otherStreetAdmin, 'GET', `/api/projects?orgId=${street}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.resident, 'GET', `/api/projects?orgId=${street}`), 403, 'FORBIDDEN');
    // With nothing asked, staff see their subtree.
    expect(asList(await api(t.app, who.staff, 'GET', '/api/projects?limit=100')).items.map((i) => i.id)).toContain(p.id);
    expect(asList(await api(t.app, who.otherStaff, 'GET', '/api/projects?limit=100')).items.map((i) => i.id)).not.toContain(p.id);
  });

  it('filters by status, category and overdue', async () => {
    const p = await published({ category: 'public_good' });
    await t.app.db.update(projects).set({ dueOn: shiftDays(today(), -2) }).where(eq(projects.id, Number(p.id)));
    const overdue = asList(await api(t.app, who.staff, 'GET', `/api/projects?communityId=${longjin()}&overdue=1&category=public_good&status=open&limit=100`)).items;
    expect(overdue.map((i) => i.id)).toContain(p.id);
    expect(overdue.every((i) => i.overdue && i.category === 'public_good' && i.status === 'open')).toBe(true);
    expect(asList(await api(t.app, who.staff, 'GET', `/api/projects?communityId=${longjin()}&category=party_building&limit=100`)).items.map((i) => i.id)).not.toContain(p.id);
    expectCode(await api(t.app, who.staff, 'GET', '/api/projects?status=lost'), 400, 'VALIDATION_FAILED');
  });
});

describe('rating', () => {
  it('a resident of the community rates a completed project once; the average moves', async () => {
    const p = await completedByHospital();
    expect(asDetail(await get(who.resident, p.id)).mayRate).toBe(true);
    const r = asDetail(await rate(who.resident, p.id, 4));
    expect(r).toMatchObject({ myStars: 4, mayRate: false, rating: { average: 4, count: 1 } });
    expectCode(await rate(who.resident, p.id, 2), 409, 'PROJECT_ALREADY_RATED');
    const r2 = asDetail(await rate(who.member, p.id, 5));
    expect(r2.rating).toEqual({ average: 4.5, count: 2 });
    expect(await stored(p.id)).toMatchObject({ ratingSum: 9, ratingCount: 2 });
  });

  it('refuses the lead’s side, people of other communities and a project not completed (PROJECT_NOT_RATEABLE)', async () => {
    const p = await completedByHospital();
    for (const c of [who.hospitalAdmin, who.memberElsewhere, who.otherStaff]) expectCode(await rate(c, p.id), 403, 'PROJECT_NOT_RATEABLE');
    const byTeam = await published();
    asDetail(await claim(who.teamLeader, byTeam.id, asTeam()));
    expectCode(await rate(who.resident, byTeam.id), 403, 'PROJECT_NOT_RATEABLE');
    asDetail(await step(who.teamLeader, byTeam.id, 'complete'));
    asDetail(await step(who.staff, byTeam.id, 'accept'));
    expectCode(await rate(who.teamLeader, byTeam.id), 403, 'PROJECT_NOT_RATEABLE');
    expect(await stored(p.id)).toMatchObject({ ratingSum: 0, ratingCount: 0 });
    expectCode(await api(t.app, who.resident, 'POST', `/api/projects/${p.id}/rating`, { stars: 6 }), 400, 'VALIDATION_FAILED');
  });
});

describe('service records against a project', () => {
  const session = () => {
    const end = new Date(clock.getTime() - 60 * 60 * 1000);
    return { startedAt: new Date(end.getTime() - 2 * 60 * 60 * 1000).toISOString(), endedAt: end.toISOString() };
  };
  const logFor = (c: Caller, projectId: string) =>
    api(t.app, c, 'POST', '/api/records', { source: { type: 'project', id: projectId }, ...session(), content: '参与楼道扶手安装' });

  it('a member on the leading unit’s roster logs a record in the project’s community, titled by the project', async () => {
    const p = await claimedByHospital();
    expect(asDetail(await get(who.member, p.id)).mayLogRecords).toBe(true);
    const record = expectOk(await logFor(who.member, p.id), 201) as { communityId: string; source: { type: string; id: string; title: string } };
    expect(record.communityId).toBe(longjin());
    expect(record.source).toEqual({ type: 'project', id: p.id, title: p.title });
    const rows = await t.app.db.select().from(serviceRecords).where(and(eq(serviceRecords.sourceType, 'project'), eq(serviceRecords.sourceId, Number(p.id))));
    expect(rows).toHaveLength(1);
  });

  it('refuses people outside the lead, and a project not claimed (RECORD_SOURCE_INVALID)', async () => {
    const p = await claimedByHospital();
    for (const c of [who.schoolMember, who.resident, who.staff]) expect(asDetail(await get(c, p.id)).mayLogRecords).toBe(false);
    expectCode(await logFor(who.schoolMember, p.id), 400, 'RECORD_SOURCE_INVALID');
    const open = await published();
    expectCode(await logFor(who.member, open.id), 400, 'RECORD_SOURCE_INVALID');
  });

  it('a member of the leading team logs too; a member of the community outside the team does not', async () => {
    const p = await published();
    asDetail(await claim(who.teamLeader, p.id, asTeam()));
    expect(asDetail(await get(who.teamLeader, p.id)).mayLogRecords).toBe(true);
    expectOk(await logFor(who.teamLeader, p.id), 201);
    // 赵雪梅 is in the grid branch, not the team.
    expect(asDetail(await get(who.member, p.id)).mayLogRecords).toBe(false);
    expectCode(await logFor(who.member, p.id), 400, 'RECORD_SOURCE_INVALID');
  });
});
