import { gridGroupSchema, opinionSchema, type GridGroup, type Session } from '@huijia/shared';
import { z } from 'zod';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import { listen, raceOver } from './support/service';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  STREET_ADMIN_EAST,
  STREET_ADMIN_WEST,
  UNIT_ADMIN_OF,
  auditOf,
  call,
  confirmedMember,
  expectStatus,
  me,
  newMember,
  notificationsOf,
  signInAll,
  submitReport,
} from './support/reporting';

// The grid (立体网格): staff of a community group its confirmed members into grid branches
// (网格临时党支部) and volunteer teams (志愿服务队). Each test makes groups and members of its own.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [
    ...Object.values(STAFF_OF),
    UNIT_ADMIN_OF.龙岩市第一医院,
    DISTRICT_ADMIN,
    STREET_ADMIN_EAST,
    STREET_ADMIN_WEST,
    RESIDENT,
    '13900000101', // 李志远, confirmed at 龙津社区, in the demo grid
  ]);
});
afterAll(() => t.close());

const longjin = () => ids['龙津社区']!;
const longjinStaff = () => as(STAFF_OF.龙津社区);
let groupCounter = 0;
const uniqueName = (prefix: string) => `${prefix}${++groupCounter}`;

const createGroupAs = (who: Session, communityId: string, kind: string, name: string) =>
  call(t.app, who, 'POST', `/api/communities/${communityId}/grid`, { kind, name });
async function createGroup(kind: 'branch' | 'team', name = uniqueName(kind === 'branch' ? '网格支部' : '志愿服务队'), communityId = longjin(), staff = longjinStaff()): Promise<GridGroup> {
  return gridGroupSchema.parse(expectStatus(await createGroupAs(staff, communityId, kind, name), 201));
}
const assign = (who: Session, groupId: string, memberId: string) => call(t.app, who, 'POST', `/api/grid/${groupId}/members`, { memberId });
const unassign = (who: Session, groupId: string, memberId: string) => call(t.app, who, 'POST', `/api/grid/${groupId}/members/${memberId}/remove`);
const gridOf = async (who: Session, communityId = longjin()) =>
  z.object({ items: z.array(gridGroupSchema) }).parse(expectStatus(await call(t.app, who, 'GET', `/api/communities/${communityId}/grid`), 200)).items;
/** A member of 龙岩市第一医院 confirmed at `community` (龙津社区 unless said). */
const confirmedAt = async (community: keyof typeof STAFF_OF = '龙津社区', name = '网格党员') =>
  (
    await confirmedMember(t.app, {
      unitId: ids['龙岩市第一医院']!,
      community: ids[community]!,
      unitAdmin: as(UNIT_ADMIN_OF.龙岩市第一医院),
      staff: as(STAFF_OF[community]),
      name,
    })
  ).member;

describe('staff create branches and teams in their community, each name once per kind', () => {
  it('creates a branch and a team, empty', async () => {
    const branch = await createGroup('branch', '阳光花园第二网格');
    expect(branch).toEqual({ id: expect.any(String), communityId: longjin(), kind: 'branch', name: '阳光花园第二网格', members: [], leaderId: null });
    const team = await createGroup('team', '龙津敬老志愿服务队');
    expect(team).toMatchObject({ communityId: longjin(), kind: 'team', name: '龙津敬老志愿服务队', members: [] });
    const names = (await gridOf(longjinStaff())).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['阳光花园第二网格', '龙津敬老志愿服务队', '阳光花园网格党支部', '龙津红色志愿服务队']));
  });

  it('refuses a second group of the same kind and name with 409 GRID_NAME_TAKEN, spaces around the name or not', async () => {
    const name = uniqueName('重名网格');
    await createGroup('branch', name);
    expectError(await createGroupAs(longjinStaff(), longjin(), 'branch', name), 409, 'GRID_NAME_TAKEN');
    expectError(await createGroupAs(longjinStaff(), longjin(), 'branch', `  ${name} `), 409, 'GRID_NAME_TAKEN');
    expect((await gridOf(longjinStaff())).filter((g) => g.name === name)).toHaveLength(1);
  });

  it('refuses the demo city’s own branch name again', async () => {
    expectError(await createGroupAs(longjinStaff(), longjin(), 'branch', '阳光花园网格党支部'), 409, 'GRID_NAME_TAKEN');
  });

  it('allows the same name for a team and a branch, and in another community', async () => {
    const name = uniqueName('同名');
    await createGroup('branch', name);
    await createGroup('team', name);
    await createGroup('branch', name, ids['中山社区']!, as(STAFF_OF.中山社区));
  });

  it('writes an audit row for a new group', async () => {
    const group = await createGroup('team');
    expect(await auditOf(t.app, 'grid_group', group.id)).toMatchObject([
      { action: 'grid.create', actorId: Number(longjinStaff().user.id), toState: 'team', details: { name: group.name } },
    ]);
  });

  it('refuses a kind other than branch or team, and an empty name, with 400 VALIDATION_FAILED', async () => {
    expectError(await createGroupAs(longjinStaff(), longjin(), 'committee', '委员会'), 400, 'VALIDATION_FAILED');
    expectError(await createGroupAs(longjinStaff(), longjin(), 'branch', '   '), 400, 'VALIDATION_FAILED');
  });

  it('answers staff of another community 404 and creates nothing', async () => {
    const name = uniqueName('越权网格');
    expectError(await createGroupAs(as(STAFF_OF.溪南社区), longjin(), 'branch', name), 404, 'NOT_FOUND');
    expect((await gridOf(longjinStaff())).map((g) => g.name)).not.toContain(name);
  });

  it('answers a street admin (who may read the grid), a unit admin, a member and a resident 403', async () => {
    for (const who of [STREET_ADMIN_EAST, UNIT_ADMIN_OF.龙岩市第一医院, '13900000101', RESIDENT]) {
      expectError(await createGroupAs(as(who), longjin(), 'branch', uniqueName('无权网格')), 403, 'FORBIDDEN');
    }
  });

  it('answers 404 for a node that is not a community', async () => {
    expectError(await createGroupAs(longjinStaff(), ids['龙津社区/阳光花园']!, 'branch', uniqueName('小区网格')), 404, 'NOT_FOUND');
  });
});

describe('staff assign to a group only members confirmed in that community', () => {
  it('assigns a confirmed member, tells them, and records it', async () => {
    const member = await confirmedAt('龙津社区', '编入党员');
    const branch = await createGroup('branch');
    const updated = gridGroupSchema.parse(expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200));
    expect(updated.members).toEqual([{ id: member.user.id, name: '编入党员' }]);
    const told = (await notificationsOf(t.app, member)).items.filter((n) => n.kind === 'grid.assigned');
    expect(told).toMatchObject([{ entity: 'grid_group', entityId: branch.id, read: false }]);
    expect(told[0]!.body).toContain(branch.name);
    expect((await auditOf(t.app, 'grid_group', branch.id)).map((r) => [r.action, r.details])).toContainEqual(['grid.assign', { memberId: Number(member.user.id) }]);
  });

  it('refuses a member whose report there is only pending with 409 NOT_REPORTED_HERE', async () => {
    const member = await newMember(t.app, { unitIds: [ids['龙岩市第一医院']!], home: longjin() });
    await submitReport(t.app, member, longjin());
    const branch = await createGroup('branch');
    expectError(await assign(longjinStaff(), branch.id, member.user.id), 409, 'NOT_REPORTED_HERE');
    expect((await gridOf(longjinStaff())).find((g) => g.id === branch.id)!.members).toEqual([]);
  });

  it('refuses a member confirmed in another community with 409 NOT_REPORTED_HERE', async () => {
    const member = await confirmedAt('中山社区');
    const team = await createGroup('team');
    expectError(await assign(longjinStaff(), team.id, member.user.id), 409, 'NOT_REPORTED_HERE');
  });

  it('refuses a resident who never reported, and an unknown account, with 409 NOT_REPORTED_HERE', async () => {
    const team = await createGroup('team');
    expectError(await assign(longjinStaff(), team.id, as(RESIDENT).user.id), 409, 'NOT_REPORTED_HERE');
    expectError(await assign(longjinStaff(), team.id, '999999'), 409, 'NOT_REPORTED_HERE');
  });

  it('refuses a second branch for the same member with 409 GRID_KIND_TAKEN, yet allows a team beside the branch', async () => {
    const member = await confirmedAt();
    const [first, second, team] = [await createGroup('branch'), await createGroup('branch'), await createGroup('team')];
    expectStatus(await assign(longjinStaff(), first.id, member.user.id), 200);
    expectError(await assign(longjinStaff(), second.id, member.user.id), 409, 'GRID_KIND_TAKEN');
    expectStatus(await assign(longjinStaff(), team.id, member.user.id), 200);
    const grid = await gridOf(longjinStaff());
    expect(grid.find((g) => g.id === second.id)!.members).toEqual([]);
  });

  it('refuses the demo member already in the demo branch a second branch', async () => {
    const branch = await createGroup('branch');
    expectError(await assign(longjinStaff(), branch.id, as('13900000101').user.id), 409, 'GRID_KIND_TAKEN');
  });

  it('answers staff of another community 404, for assigning and for removing', async () => {
    const member = await confirmedAt();
    const branch = await createGroup('branch');
    expectError(await assign(as(STAFF_OF.中山社区), branch.id, member.user.id), 404, 'NOT_FOUND');
    expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200);
    expectError(await unassign(as(STAFF_OF.中山社区), branch.id, member.user.id), 404, 'NOT_FOUND');
    expect((await gridOf(longjinStaff())).find((g) => g.id === branch.id)!.members.map((m) => m.id)).toEqual([member.user.id]);
  });

  it('answers a unit admin and the member themselves 403', async () => {
    const member = await confirmedAt();
    const branch = await createGroup('branch');
    expectError(await assign(as(UNIT_ADMIN_OF.龙岩市第一医院), branch.id, member.user.id), 403, 'FORBIDDEN');
    expectError(await assign(member, branch.id, member.user.id), 403, 'FORBIDDEN');
  });

  it('answers 404 for a group that does not exist', async () => {
    const member = await confirmedAt();
    expectError(await assign(longjinStaff(), '999999', member.user.id), 404, 'NOT_FOUND');
  });
});

describe('staff remove a member from a group', () => {
  it('removes the member, records it, and the group lists them no more', async () => {
    const member = await confirmedAt();
    const team = await createGroup('team');
    expectStatus(await assign(longjinStaff(), team.id, member.user.id), 200);
    const after = gridGroupSchema.parse(expectStatus(await unassign(longjinStaff(), team.id, member.user.id), 200));
    expect(after.members).toEqual([]);
    expect((await auditOf(t.app, 'grid_group', team.id)).map((r) => r.action)).toEqual(['grid.create', 'grid.assign', 'grid.unassign']);
  });

  it('lets a removed member be assigned to another group of the kind', async () => {
    const member = await confirmedAt();
    const [first, second] = [await createGroup('branch'), await createGroup('branch')];
    expectStatus(await assign(longjinStaff(), first.id, member.user.id), 200);
    expectStatus(await unassign(longjinStaff(), first.id, member.user.id), 200);
    expectStatus(await assign(longjinStaff(), second.id, member.user.id), 200);
  });

  it('answers 404 for a member not in the group', async () => {
    const member = await confirmedAt();
    const team = await createGroup('team');
    expectError(await unassign(longjinStaff(), team.id, member.user.id), 404, 'NOT_FOUND');
  });
});

describe('the member sees their branch and team in GET /api/me', () => {
  it('shows the branch and the team once assigned, and neither once removed', async () => {
    const member = await confirmedAt();
    expect((await me(t.app, member)).grid).toBeNull();
    const branch = await createGroup('branch');
    const team = await createGroup('team');
    expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200);
    expect((await me(t.app, member)).grid).toEqual({ branch: { id: branch.id, name: branch.name }, team: null });
    expectStatus(await assign(longjinStaff(), team.id, member.user.id), 200);
    expect((await me(t.app, member)).grid).toEqual({ branch: { id: branch.id, name: branch.name }, team: { id: team.id, name: team.name } });
    expectStatus(await unassign(longjinStaff(), branch.id, member.user.id), 200);
    expectStatus(await unassign(longjinStaff(), team.id, member.user.id), 200);
    expect((await me(t.app, member)).grid).toBeNull();
  });

  it('shows the demo member 李志远 in the demo branch and team', async () => {
    expect((await me(t.app, as('13900000101'))).grid).toEqual({
      branch: { id: expect.any(String), name: '阳光花园网格党支部' },
      team: { id: expect.any(String), name: '龙津红色志愿服务队' },
    });
  });
});

describe('who may read a community’s grid', () => {
  it('lets its staff and the street and district admins above read it', async () => {
    const demo = await gridOf(longjinStaff());
    expect(demo.find((g) => g.name === '阳光花园网格党支部')!.members.map((m) => m.name)).toEqual(['李志远', '赵雪梅']);
    expect((await gridOf(as(STREET_ADMIN_EAST))).map((g) => g.id)).toEqual(demo.map((g) => g.id));
    expect((await gridOf(as(DISTRICT_ADMIN))).map((g) => g.id)).toEqual(demo.map((g) => g.id));
  });

  it('answers staff of another community and the admin of another street 404', async () => {
    for (const who of [STAFF_OF.溪南社区, STREET_ADMIN_WEST]) {
      expectError(await call(t.app, as(who), 'GET', `/api/communities/${longjin()}/grid`), 404, 'NOT_FOUND');
    }
  });

  it('answers a unit admin, a member and a resident 403', async () => {
    for (const who of [UNIT_ADMIN_OF.龙岩市第一医院, '13900000101', RESIDENT]) {
      expectError(await call(t.app, as(who), 'GET', `/api/communities/${longjin()}/grid`), 403, 'FORBIDDEN');
    }
  });
});

describe('a group’s leader (负责人): one of its members, named by the community’s staff', () => {
  const lead = (who: Session, groupId: string, memberId: string | null) => call(t.app, who, 'PUT', `/api/grid/groups/${groupId}/leader`, { memberId });
  const opinionIn = async (branchLeader: Session) => {
    const opinion = opinionSchema.parse(
      expectStatus(
        await call(t.app, as(RESIDENT), 'POST', '/api/opinions', { communityId: longjin(), category: 'road', title: '路面破损', description: '小区门口路面坑洼，雨天积水' }),
        201,
      ),
    );
    const queue = z.object({ items: z.array(opinionSchema) }).parse(expectStatus(await call(t.app, branchLeader, 'GET', '/api/opinions?queue=1&limit=100'), 200));
    return { opinion, queued: queue.items.some((o) => o.id === opinion.id) };
  };

  it('names a member leader, tells them and records it; a branch’s leader then holds 建议 of the community’s opinions', async () => {
    const member = await confirmedAt('龙津社区', '网格负责人');
    const branch = await createGroup('branch');
    expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200);
    expect((await opinionIn(member)).queued).toBe(false);
    const led = gridGroupSchema.parse(expectStatus(await lead(longjinStaff(), branch.id, member.user.id), 200));
    expect(led).toMatchObject({ id: branch.id, leaderId: member.user.id });
    expect((await gridOf(longjinStaff())).find((g) => g.id === branch.id)!.leaderId).toBe(member.user.id);
    expect((await notificationsOf(t.app, member)).items.filter((n) => n.kind === 'grid.leader')).toMatchObject([{ entity: 'grid_group', entityId: branch.id }]);
    expect((await auditOf(t.app, 'grid_group', branch.id)).map((r) => [r.action, r.details])).toContainEqual(['grid.leader', { leaderId: Number(member.user.id) }]);
    const { opinion, queued } = await opinionIn(member);
    expect(queued).toBe(true);
    expect(opinionSchema.parse(expectStatus(await call(t.app, member, 'POST', `/api/opinions/${opinion.id}/resolve`, { reply: '已组织网格党员修补' }), 200))).toMatchObject({
      status: 'resolved',
      history: expect.arrayContaining([expect.objectContaining({ action: 'resolve', actorRole: '网格党支部' })]),
    });
  });

  it('refuses someone not in the group with 409 GRID_LEADER_NOT_MEMBER, and changes nothing', async () => {
    const [member, outsider] = [await confirmedAt(), await confirmedAt()];
    const branch = await createGroup('branch');
    expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200);
    expectStatus(await lead(longjinStaff(), branch.id, member.user.id), 200);
    for (const id of [outsider.user.id, as(RESIDENT).user.id, '999999', 'abc']) {
      expectError(await lead(longjinStaff(), branch.id, id), 409, 'GRID_LEADER_NOT_MEMBER');
    }
    expect((await gridOf(longjinStaff())).find((g) => g.id === branch.id)!.leaderId).toBe(member.user.id);
  });

  it('clears the leader with null, and when the leader is removed from the group (who then no longer holds 建议)', async () => {
    const [leader, other] = [await confirmedAt(), await confirmedAt()];
    const branch = await createGroup('branch');
    for (const m of [leader, other]) expectStatus(await assign(longjinStaff(), branch.id, m.user.id), 200);
    expectStatus(await lead(longjinStaff(), branch.id, leader.user.id), 200);
    expect(gridGroupSchema.parse(expectStatus(await lead(longjinStaff(), branch.id, null), 200)).leaderId).toBeNull();
    expectStatus(await lead(longjinStaff(), branch.id, leader.user.id), 200);
    // Removing another member leaves the leader; removing the leader leaves none.
    expect(gridGroupSchema.parse(expectStatus(await unassign(longjinStaff(), branch.id, other.user.id), 200)).leaderId).toBe(leader.user.id);
    const { opinion } = await opinionIn(leader);
    expect(gridGroupSchema.parse(expectStatus(await unassign(longjinStaff(), branch.id, leader.user.id), 200)).leaderId).toBeNull();
    expect((await opinionIn(leader)).queued).toBe(false);
    expectError(await call(t.app, leader, 'POST', `/api/opinions/${opinion.id}/resolve`, { reply: '已处理' }), 403, 'FORBIDDEN');
    expect((await auditOf(t.app, 'grid_group', branch.id)).map((r) => r.action)).toEqual([
      'grid.create', 'grid.assign', 'grid.assign', 'grid.leader', 'grid.leader', 'grid.leader', 'grid.unassign', 'grid.unassign',
    ]);
  });

  it('names a team’s leader too, who holds no level of 四议一呼', async () => {
    const member = await confirmedAt();
    const team = await createGroup('team');
    expectStatus(await assign(longjinStaff(), team.id, member.user.id), 200);
    expect(gridGroupSchema.parse(expectStatus(await lead(longjinStaff(), team.id, member.user.id), 200)).leaderId).toBe(member.user.id);
    expect((await opinionIn(member)).queued).toBe(false);
  });

  it('answers staff of another community 404, a street admin, the member and a resident 403, an unknown group 404, a bad body 400', async () => {
    const member = await confirmedAt();
    const branch = await createGroup('branch');
    expectStatus(await assign(longjinStaff(), branch.id, member.user.id), 200);
    expectError(await lead(as(STAFF_OF.中山社区), branch.id, member.user.id), 404, 'NOT_FOUND');
    for (const who of [as(STREET_ADMIN_EAST), member, as(RESIDENT)]) expectError(await lead(who, branch.id, member.user.id), 403, 'FORBIDDEN');
    expectError(await lead(longjinStaff(), '999999', member.user.id), 404, 'NOT_FOUND');
    expectError(await call(t.app, longjinStaff(), 'PUT', `/api/grid/groups/${branch.id}/leader`, {}), 400, 'VALIDATION_FAILED');
    expect((await gridOf(longjinStaff())).find((g) => g.id === branch.id)!.leaderId).toBeNull();
  });

  it('shows the demo branch led by 李志远', async () => {
    const demo = (await gridOf(longjinStaff())).find((g) => g.name === '阳光花园网格党支部')!;
    expect(demo.leaderId).toBe(as('13900000101').user.id);
  });
});

describe('a report ending while staff assign its member', () => {
  it('never leaves a member in the grid of a community whose report has ended, whichever goes first', async () => {
    const base = await listen(t.app);
    for (let round = 0; round < 8; round++) {
      const member = await confirmedAt('龙津社区', `网格竞态党员${round}`);
      const report = (await me(t.app, member)).report!;
      const team = await createGroup('team');
      const answers = await raceOver(base, ['assign', 'end'] as const, (move) =>
        move === 'assign'
          ? { method: 'POST', path: `/api/grid/${team.id}/members`, token: longjinStaff().accessToken, body: { memberId: member.user.id } }
          : { method: 'POST', path: `/api/reports/${report.id}/end`, token: member.accessToken, body: { reason: 'reassigned' } },
      );
      const [assigned, ended] = answers;
      expect(ended!.status).toBe(200);
      // Assigned first and then taken out with the report, or refused as no longer reported here.
      expect([200, 409]).toContain(assigned!.status);
      if (assigned!.status === 409) expect(assigned!.body).toContain('NOT_REPORTED_HERE');
      expect((await gridOf(longjinStaff())).find((g) => g.id === team.id)!.members).toEqual([]);
    }
  });
});
