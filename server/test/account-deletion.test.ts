import { eq } from 'drizzle-orm';
import { postSchema } from '@huijia/shared';
import { roleGrants, users } from '../src/db/schema';
import { DELETED_NAME } from '../src/modules/users/deletion';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, freshPhone, request, signIn, signUp } from './support/identity';
import { PEOPLE, api, callersOf, expectOk, holdSeat, newPost, pendingRecord, pointsOf, reportedMember, verify, type Caller } from './support/service';

// 注销账号 (个人信息保护法): the person deletes their own account and the personal information in it;
// what they did for the community stays counted, under 已注销用户.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
});
afterAll(() => t.close());

const remove = (token: string, body: object = {}) => request(t.app, { method: 'POST', url: '/api/me/delete', payload: body, headers: bearer(token) });
const rowOf = async (id: number | string) => (await t.app.db.select().from(users).where(eq(users.id, Number(id))))[0]!;

describe('a resident deletes their account', () => {
  it('takes the password; then the name, phone and sign-ins are gone, a waiting wish is withdrawn, and the phone may sign up again', async () => {
    const phone = freshPhone();
    const session = await signUp(t.app, { phone, name: '注销居民', communityId: ids['龙津社区'] });
    const wish = await request(t.app, {
      method: 'POST',
      url: '/api/wishes',
      headers: bearer(session.accessToken),
      payload: { communityId: ids['龙津社区'], title: '帮忙修水龙头', description: '厨房水龙头一直滴水。', category: 'repair', contactPhone: phone, address: '阳光花园 1 栋 101' },
    });
    expect(wish.statusCode).toBe(201);

    expectError(await remove(session.accessToken, { password: 'not-the-password' }), 400, 'CURRENT_PASSWORD_WRONG');
    expect((await rowOf(session.user.id)).phone).toBe(phone);

    expect((await remove(session.accessToken, { password: 'a-good-password' })).statusCode).toBe(204);
    const row = await rowOf(session.user.id);
    expect(row).toMatchObject({ name: DELETED_NAME, phone: null, passwordHash: null, homeCommunityId: null });
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    // Signed out everywhere: the token no longer works, the password no longer signs in.
    expect((await request(t.app, { method: 'GET', url: '/api/me', headers: bearer(session.accessToken) })).statusCode).toBe(401);
    expect((await request(t.app, { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
    expectError(await request(t.app, { method: 'POST', url: '/api/auth/password', payload: { phone, password: 'a-good-password' } }), 401, 'BAD_CREDENTIALS');
    const staff = await signIn(t.app, DEMO.staffLongjin);
    const seen = await request(t.app, { method: 'GET', url: `/api/wishes/${wish.json().id}`, headers: bearer(staff.accessToken) });
    expect(seen.json()).toMatchObject({ status: 'withdrawn' });
    // The phone is free: no account holds it, so the same person may sign up anew.
    expect(await t.app.db.select({ id: users.id }).from(users).where(eq(users.phone, phone))).toEqual([]);
  });
});

describe('a member deletes their account', () => {
  it('ends their report and hands back their post, leaves the grid, and their verified hours stay counted', async () => {
    const member = await reportedMember(t.app, { communityId: ids['龙津社区']!, unitId: ids['龙岩市第一医院']! });
    const team = expectOk(await api(t.app, who.staff, 'POST', `/api/communities/${ids['龙津社区']}/grid`, { kind: 'team', name: '注销测试服务队' }), 201) as { id: string };
    expectOk(await api(t.app, who.staff, 'POST', `/api/grid/${team.id}/members`, { memberId: String(member.userId) }));
    expectOk(await api(t.app, who.staff, 'PUT', `/api/grid/groups/${team.id}/leader`, { memberId: String(member.userId) }));
    const { record } = await pendingRecord(t.app, { staff: who.staff, member, communityId: ids['龙津社区']!, now: clock });
    await verify(t.app, who.staff, record.id);
    const points = (await pointsOf(t.app, member)).balance;
    expect(points).toBeGreaterThan(0);
    const post = await newPost(t.app, who.staff, ids['龙津社区']!);
    await holdSeat(t.app, member, post.id);

    expect((await remove(member.token)).statusCode).toBe(204);

    const after = postSchema.parse((await api(t.app, who.staff, 'GET', `/api/posts/${post.id}`)).json());
    expect(after.seatsTaken).toBe(0);
    const kept = await api(t.app, who.staff, 'GET', `/api/records/${record.id}`);
    expect(kept.json()).toMatchObject({ status: 'verified', memberName: DELETED_NAME });
    const grid = expectOk(await api(t.app, who.staff, 'GET', `/api/communities/${ids['龙津社区']}/grid`)) as { items: { id: string; leaderId: string | null; members: unknown[] }[] };
    expect(grid.items.find((g) => g.id === team.id)).toMatchObject({ leaderId: null, members: [] });
  });
});

describe('staff and admins cannot delete their account while they hold their roles', () => {
  it('answers 409 ACCOUNT_HAS_ROLES and changes nothing', async () => {
    const staff = await signIn(t.app, DEMO.staffLongjin);
    expectError(await remove(staff.accessToken, { password: 'huijia2026' }), 409, 'ACCOUNT_HAS_ROLES');
    expect((await rowOf(staff.user.id)).name).toBe('张丽华');
  });
});

describe('a role granted while the account is being deleted', () => {
  it('either lands first and the deletion is refused, or finds the phone free and makes a new account: never a role on a deleted one', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const phone = freshPhone();
        const session = await signUp(t.app, { phone, name: `注销竞争${i}`, communityId: ids['龙津社区'] });
        const grantBody = { phone, name: `新同事${i}`, role: 'community_staff', orgId: ids['龙津社区'], initialPassword: 'staff-password-1' };
        const [deleted, granted] = await Promise.all([remove(session.accessToken, { password: 'a-good-password' }), api(t.app, who.staff, 'POST', '/api/staff', grantBody)]);
        return { userId: Number(session.user.id), phone, deleted, granted };
      }),
    );
    for (const { userId, phone, deleted, granted } of rounds) {
      expect([200, 201]).toContain(granted.statusCode);
      const holder = (await t.app.db.select().from(users).where(eq(users.phone, phone)))[0]!;
      const roles = await t.app.db.select().from(roleGrants).where(eq(roleGrants.userId, userId));
      if (deleted.statusCode === 204) {
        // Deleted first: the grant made a new account for the freed phone; the deleted one holds nothing.
        expect(holder.id).not.toBe(userId);
        expect(roles).toEqual([]);
      } else {
        expectError(deleted, 409, 'ACCOUNT_HAS_ROLES');
        expect(holder.id).toBe(userId);
        expect(holder.deactivatedAt).toBeNull();
        expect(roles.map((r) => r.role)).toEqual(['community_staff']);
      }
    }
  });
});
