import { grantSchema, meSchema, orgNodeSchema, unitSchema, type Session } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { auditLog, rosterEntries, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, freshPhone, signIn, signUp } from './support/identity';

let t: TestApp;
let ids: Record<string, string>;
let districtAdmin: Session;
let staffLongjin: Session;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  districtAdmin = await signIn(t.app, DEMO.districtAdmin);
  staffLongjin = await signIn(t.app, DEMO.staffLongjin);
});
afterAll(() => t.close());

const rolesOf = async (session: Session) =>
  meSchema.parse((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(session.accessToken) })).json());
const putOnRoster = (unit: string, phone: string, branch: string | null = '第一党支部') =>
  t.app.db.insert(rosterEntries).values({ unitId: Number(ids[unit]), name: '在职党员', phone, branch });
const auditRows = (action: string, entity: string, entityId: string) =>
  t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)));

describe('an account whose phone is on a roster holds the member role, whichever came first', () => {
  it('gives the role to an account signed up after its phone was put on a roster', async () => {
    const phone = freshPhone();
    await putOnRoster('龙岩市第一医院', phone, '内科党支部');
    const me = await rolesOf(await signUp(t.app, { phone }));
    expect(me.roles).toContainEqual({ role: 'member', unitId: ids['龙岩市第一医院'], scopeName: '龙岩市第一医院' });
    expect(me.member).toEqual({ unitId: ids['龙岩市第一医院'], unitName: '龙岩市第一医院', branch: '内科党支部' });
  });

  it('gives the role to an existing account as soon as its phone is put on a roster, without signing in again', async () => {
    const session = await signUp(t.app, { phone: freshPhone() });
    const before = await rolesOf(session);
    expect(before.roles).toEqual([{ role: 'resident' }]);
    expect(before.member).toBeNull();

    await putOnRoster('新罗区实验小学', session.user.phone!);
    const after = await rolesOf(session);
    expect(after.roles).toEqual([{ role: 'resident' }, { role: 'member', unitId: ids['新罗区实验小学'], scopeName: '新罗区实验小学' }]);
    expect(after.member).toMatchObject({ unitId: ids['新罗区实验小学'], unitName: '新罗区实验小学' });
  });

  it('gives nothing to an account whose phone is on no roster while other phones are', async () => {
    const session = await signUp(t.app, { phone: freshPhone() });
    await putOnRoster('龙岩市第一医院', freshPhone());
    expect((await rolesOf(session)).roles).toEqual([{ role: 'resident' }]);
  });

  it('shows a phone on two units’ rosters as a member of each', async () => {
    const phone = freshPhone();
    await putOnRoster('龙岩市第一医院', phone);
    const session = await signUp(t.app, { phone });
    await putOnRoster('新罗区实验小学', phone);
    const members = (await rolesOf(session)).roles.filter((r) => r.role === 'member').map((r) => r.unitId);
    expect(members.sort()).toEqual([ids['龙岩市第一医院'], ids['新罗区实验小学']].sort());
  });
});

describe('granting a role writes its audit row in the same change', () => {
  const grant = (session: Session, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/staff', headers: bearer(session.accessToken), payload: body });

  it('records who granted which role to whom, where', async () => {
    const res = await grant(districtAdmin, { phone: freshPhone(), name: '新街道管理员', role: 'street_admin', orgId: ids['西城街道'], initialPassword: 'initial-password' });
    expect(res.statusCode).toBe(201);
    const granted = grantSchema.parse(res.json());
    const rows = await auditRows('role.grant', 'user', granted.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: Number(districtAdmin.user.id),
      toState: 'street_admin',
      details: { orgId: Number(ids['西城街道']), unitId: null },
    });
  });

  it('writes no second row when the same grant is made again, and answers the same grant', async () => {
    const body = { phone: freshPhone(), name: '新社区工作人员', role: 'community_staff', orgId: ids['龙津社区'], initialPassword: 'initial-password' };
    const first = grantSchema.parse((await grant(staffLongjin, body)).json());
    const again = await grant(staffLongjin, body);
    expect(again.statusCode).toBe(201);
    expect(grantSchema.parse(again.json())).toEqual(first);
    expect(await auditRows('role.grant', 'user', first.userId)).toHaveLength(1);
  });

  it('writes neither the account nor a row when the grant is refused', async () => {
    const phone = freshPhone();
    const before = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'role.grant'));
    expectError(await grant(districtAdmin, { phone, name: '没有密码', role: 'community_staff', orgId: ids['溪南社区'] }), 400, 'INITIAL_PASSWORD_REQUIRED');
    expect(await t.app.db.select().from(users).where(eq(users.phone, phone))).toEqual([]);
    expect(await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'role.grant'))).toHaveLength(before.length);
  });
});

describe('a role granted to an existing account leaves its password as it was', () => {
  const grant = (session: Session, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/staff', headers: bearer(session.accessToken), payload: body });

  it('ignores initialPassword for a phone that has an account: the old password still signs in, the offered one does not', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone, password: 'residents-own-password' });
    const res = await grant(staffLongjin, { phone, name: '改名不生效', role: 'community_staff', orgId: ids['龙津社区'], initialPassword: 'granters-password' });
    expect(res.statusCode).toBe(201);
    const promoted = await signIn(t.app, phone, 'residents-own-password');
    expect((await rolesOf(promoted)).roles).toContainEqual({ role: 'community_staff', orgId: ids['龙津社区'], scopeName: '龙津社区' });
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/auth/password', remoteAddress: '10.250.0.1', payload: { phone, password: 'granters-password' } }),
      401,
      'BAD_CREDENTIALS',
    );
  });
});

describe('creating an org node writes its audit row in the same change', () => {
  const create = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(staffLongjin.accessToken), payload: body });

  it('records the new node, its kind, name and parent, and who made it', async () => {
    const res = await create({ parentId: ids['龙津社区'], kind: 'compound', name: '审计花园' });
    expect(res.statusCode).toBe(201);
    const node = orgNodeSchema.parse(res.json());
    const rows = await auditRows('org.create', 'org_node', node.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: Number(staffLongjin.user.id),
      toState: 'compound',
      details: { name: '审计花园', parentId: Number(ids['龙津社区']) },
    });
  });

  it('writes no row for a node refused as a duplicate', async () => {
    const before = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'org.create'));
    expectError(await create({ parentId: ids['龙津社区'], kind: 'compound', name: '阳光花园' }), 409, 'ORG_NAME_TAKEN');
    const after = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'org.create'));
    expect(after).toHaveLength(before.length);
  });
});

describe('registering a unit writes its audit row in the same change', () => {
  it('records the unit, its name and paired communities, and who registered it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: bearer(districtAdmin.accessToken),
      payload: { name: '龙岩市税务局', pairedCommunityIds: [ids['龙津社区'], ids['莲东社区']] },
    });
    expect(res.statusCode).toBe(201);
    const unit = unitSchema.parse(res.json());
    const rows = await auditRows('unit.create', 'unit', unit.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: Number(districtAdmin.user.id),
      details: { name: '龙岩市税务局', pairedCommunityIds: [Number(ids['龙津社区']), Number(ids['莲东社区'])] },
    });
  });
});
