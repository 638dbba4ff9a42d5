import { createHmac } from 'node:crypto';
import { meSchema, sessionSchema, type Session } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import { refreshTokens, users } from '../src/db/schema';
import { TEST_JWT_SECRET, buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, freshPhone, request, signIn, signUp, smsCode } from './support/identity';

let t: TestApp;
let ids: Record<string, string>;
/** How far the app's clock runs ahead of the real one (refresh tokens expire by the app's clock). */
let clockShiftMs = 0;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => new Date(Date.now() + clockShiftMs) } });
  ids = await demoIds(t.app);
});
afterAll(() => t.close());

const register = (payload: Record<string, unknown>) => request(t.app, { method: 'POST', url: '/api/auth/register', payload: { agreed: true, ...payload } });
/** A sign-up with the SMS code sent to its phone. */
const registerWithCode = async (payload: { phone: string } & Record<string, unknown>) => register({ ...payload, smsCode: await smsCode(t.app, payload.phone) });
const askCode = (phone: string) => request(t.app, { method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'register' } });
const login = (phone: string, password: string) => request(t.app, { method: 'POST', url: '/api/auth/password', payload: { phone, password } });
const refresh = (refreshToken: string) => request(t.app, { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
const me = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/me', headers });
const updateMe = (method: 'PATCH' | 'PUT', token: string, payload: unknown) =>
  t.app.inject({ method, url: '/api/me', headers: bearer(token), payload: payload as Record<string, unknown> });
const fieldPaths = (details: unknown) => (details as { path: string }[]).map((d) => d.path).sort();

/** An HS256 JWT built by hand, to present tokens the server did not sign itself. */
function handMadeJwt(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part(header)}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The same string with the character at `index` replaced by another of the base64url alphabet. */
function flipAt(s: string, index: number): string {
  const c = s[index]!;
  return s.slice(0, index) + (c === 'A' ? 'B' : 'A') + s.slice(index + 1);
}

describe('signing up makes a resident account with a session', () => {
  it('answers 201 with tokens and the new user, and the access token signs in', async () => {
    const phone = freshPhone();
    const res = await registerWithCode({ phone, password: 'a-good-password', name: '  林小梅 ' });
    expect(res.statusCode).toBe(201);
    const session = sessionSchema.parse(res.json());
    expect(session.expiresIn).toBe(15 * 60);
    expect(session.refreshToken).not.toBe(session.accessToken);
    expect(session.user).toMatchObject({ phone, name: '林小梅', homeCommunityId: null, pioneerRoles: [] });
    const mine = await me(bearer(session.accessToken));
    expect(mine.statusCode).toBe(200);
    expect(meSchema.parse(mine.json()).user.id).toBe(session.user.id);
  });

  it('takes agreeing to the 用户协议 and 隐私政策, and keeps when it was given', async () => {
    const phone = freshPhone();
    for (const agreed of [undefined, false]) {
      const error = expectError(await register({ phone, password: 'a-good-password', name: '林小梅', smsCode: '123456', agreed }), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(error)).toContain('用户协议');
    }
    const session = sessionSchema.parse((await registerWithCode({ phone, password: 'a-good-password', name: '林小梅' })).json());
    const [row] = await t.app.db.select({ consentedAt: users.consentedAt }).from(users).where(eq(users.id, Number(session.user.id)));
    expect(row!.consentedAt).toBeInstanceOf(Date);
  });

  it('gives the account the resident role and nothing more, living in the community it named', async () => {
    const session = await signUp(t.app, { phone: freshPhone(), communityId: ids['中山社区'] });
    expect(session.user.homeCommunityId).toBe(ids['中山社区']);
    const body = meSchema.parse((await me(bearer(session.accessToken))).json());
    expect(body.roles).toEqual([{ role: 'resident' }]);
    expect(body.member).toBeNull();
    expect(body.user.homeCommunityId).toBe(ids['中山社区']);
  });
});

describe('a phone signs up once', () => {
  it('answers 409 PHONE_TAKEN to a code asked to sign up again with the same phone, and the code it had is used', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    expect((await register({ phone, password: 'a-good-password', name: '新居民', smsCode: code })).statusCode).toBe(201);
    expectError(await askCode(phone), 409, 'PHONE_TAKEN');
    expectError(await register({ phone, password: 'another-password', name: '别人', smsCode: code }), 400, 'SMS_CODE_INVALID');
  });

  it('answers 409 PHONE_TAKEN for the phone of an existing demo account', async () => {
    expectError(await askCode(DEMO.resident), 409, 'PHONE_TAKEN');
  });
});

describe('a sign-up is validated field by field', () => {
  const good = () => ({ phone: freshPhone(), password: 'a-good-password', name: '林小梅' });

  it.each([
    ['a phone that is not a mainland mobile number', { phone: '12345' }, 'body.phone'],
    ['a phone of eleven digits starting 12', { phone: '12345678901' }, 'body.phone'],
    ['a password of 7 characters', { password: '1234567' }, 'body.password'],
    ['a name of spaces only', { name: '   ' }, 'body.name'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_what, change, path) => {
    const error = expectError(await register({ ...good(), ...change }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(error.details)).toEqual([path]);
  });

  it('refuses a missing name with 400 VALIDATION_FAILED naming body.name', async () => {
    const { name: _name, ...body } = good();
    const error = expectError(await register(body), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(error.details)).toEqual(['body.name']);
  });

  it('lists every bad field at once', async () => {
    const error = expectError(await register({ phone: '12345', password: 'short' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(error.details)).toEqual(['body.name', 'body.password', 'body.phone']);
  });
});

describe('the community named at sign-up must be a community', () => {
  it('refuses a street with 400 NOT_A_COMMUNITY, creates no account, and leaves the SMS code good', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    expectError(await register({ phone, password: 'a-good-password', name: '林小梅', communityId: ids['东城街道'], smsCode: code }), 400, 'NOT_A_COMMUNITY');
    expect(await t.app.db.select().from(users).where(eq(users.phone, phone))).toEqual([]);
    expect((await register({ phone, password: 'a-good-password', name: '林小梅', smsCode: code })).statusCode).toBe(201);
  });

  it('refuses a compound with 400 NOT_A_COMMUNITY', async () => {
    const res = await registerWithCode({ phone: freshPhone(), password: 'a-good-password', name: '林小梅', communityId: ids['龙津社区/阳光花园'] });
    expectError(res, 400, 'NOT_A_COMMUNITY');
  });

  it('answers 404 NOT_FOUND for a community id that names no node', async () => {
    expectError(await registerWithCode({ phone: freshPhone(), password: 'a-good-password', name: '林小梅', communityId: '987654321' }), 404, 'NOT_FOUND');
  });

  it.each(['abc', '99999999999999999999'])('answers 404 NOT_FOUND, never 500, for the id %s that cannot be a node', async (communityId) => {
    expectError(await registerWithCode({ phone: freshPhone(), password: 'a-good-password', name: '林小梅', communityId }), 404, 'NOT_FOUND');
  });
});

describe('signing in with a password', () => {
  it('answers a session for the right password', async () => {
    const res = await login(DEMO.resident, 'huijia2026');
    expect(res.statusCode).toBe(200);
    const session = sessionSchema.parse(res.json());
    expect(session.user).toMatchObject({ phone: DEMO.resident, name: '王秀兰', homeCommunityId: ids['龙津社区'] });
    expect((await me(bearer(session.accessToken))).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown phone alike: 401 BAD_CREDENTIALS with the same message', async () => {
    const wrongPassword = await login(DEMO.resident, 'not-the-password');
    const unknownPhone = await login(freshPhone(), 'huijia2026');
    expectError(wrongPassword, 401, 'BAD_CREDENTIALS');
    expectError(unknownPhone, 401, 'BAD_CREDENTIALS');
    expect(unknownPhone.json()).toEqual(wrongPassword.json());
  });

  it('signs in a new account with the password it signed up with, and only that one', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone, password: 'my-own-password' });
    expect((await login(phone, 'my-own-password')).statusCode).toBe(200);
    expectError(await login(phone, 'My-own-password'), 401, 'BAD_CREDENTIALS');
  });
});

describe('passwords are stored as argon2id hashes', () => {
  it('keeps a salted argon2id PHC string, never the password', async () => {
    const [a, b] = [freshPhone(), freshPhone()];
    await signUp(t.app, { phone: a, password: 'same-password-for-both' });
    await signUp(t.app, { phone: b, password: 'same-password-for-both' });
    const rows = await t.app.db.select({ phone: users.phone, hash: users.passwordHash }).from(users).where(eq(users.phone, a));
    const [other] = await t.app.db.select({ hash: users.passwordHash }).from(users).where(eq(users.phone, b));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(rows[0]!.hash).not.toContain('same-password-for-both');
    expect(other!.hash).not.toBe(rows[0]!.hash);
  });
});

describe('refresh tokens rotate on every use', () => {
  let session: Session;
  beforeEach(async () => {
    session = await signUp(t.app, { phone: freshPhone() });
  });

  it('answers a new pair whose access token works and whose refresh token refreshes again', async () => {
    const res = await refresh(session.refreshToken);
    expect(res.statusCode).toBe(200);
    const next = sessionSchema.parse(res.json());
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.id).toBe(session.user.id);
    expect((await me(bearer(next.accessToken))).statusCode).toBe(200);
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
  });

  it('stores only a hash of the refresh token', async () => {
    const stored = await t.app.db.select({ hash: refreshTokens.tokenHash }).from(refreshTokens).where(eq(refreshTokens.userId, Number(session.user.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.hash).not.toBe(session.refreshToken);
    expect(stored[0]!.hash).not.toContain(session.refreshToken);
  });

  it('answers 401 REFRESH_TOKEN_INVALID to a token it never issued', async () => {
    expectError(await refresh('this-token-was-never-issued-0123456789'), 401, 'REFRESH_TOKEN_INVALID');
  });

  it('answers 401 REFRESH_TOKEN_INVALID to a refresh token past its 30 days', async () => {
    clockShiftMs = 31 * 24 * 60 * 60 * 1000;
    try {
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    } finally {
      clockShiftMs = 0;
    }
  });

  it('lets exactly one of two simultaneous refreshes with one token win', async () => {
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
  });
});

describe('a reused refresh token revokes its whole family', () => {
  it('answers 401 REFRESH_TOKEN_REUSED to the used token, and then the new token of the family is dead too', async () => {
    const first = await signUp(t.app, { phone: freshPhone() });
    const second = sessionSchema.parse((await refresh(first.refreshToken)).json());
    expectError(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    const after = await refresh(second.refreshToken);
    expect(after.statusCode).toBe(401);
    expect(['REFRESH_TOKEN_REUSED', 'REFRESH_TOKEN_INVALID']).toContain((after.json() as { error: { code: string } }).error.code);
  });

  it('leaves the same person’s other sign-ins alone', async () => {
    const phone = freshPhone();
    const web = await signUp(t.app, { phone, password: 'a-good-password' });
    const phoneApp = sessionSchema.parse((await login(phone, 'a-good-password')).json());
    await refresh(web.refreshToken);
    expectError(await refresh(web.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    expect((await refresh(phoneApp.refreshToken)).statusCode).toBe(200);
  });
});

describe('signing out revokes the refresh family', () => {
  const logout = (accessToken: string | null, refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: accessToken ? bearer(accessToken) : {}, payload: { refreshToken } });

  it('answers 204, and the refresh token no longer refreshes', async () => {
    const session = await signUp(t.app, { phone: freshPhone() });
    expect((await logout(session.accessToken, session.refreshToken)).statusCode).toBe(204);
    const res = await refresh(session.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(['REFRESH_TOKEN_REUSED', 'REFRESH_TOKEN_INVALID']).toContain((res.json() as { error: { code: string } }).error.code);
  });

  it('also kills the tokens the family rotated into', async () => {
    const session = await signUp(t.app, { phone: freshPhone() });
    const next = sessionSchema.parse((await refresh(session.refreshToken)).json());
    expect((await logout(next.accessToken, session.refreshToken)).statusCode).toBe(204);
    expect((await refresh(next.refreshToken)).statusCode).toBe(401);
  });

  it('wants a signed-in caller: 401 UNAUTHENTICATED without an access token', async () => {
    const session = await signUp(t.app, { phone: freshPhone() });
    expectError(await logout(null, session.refreshToken), 401, 'UNAUTHENTICATED');
    expect((await refresh(session.refreshToken)).statusCode).toBe(200);
  });

  it('does not revoke another person’s family when handed their refresh token', async () => {
    const victim = await signUp(t.app, { phone: freshPhone() });
    const attacker = await signUp(t.app, { phone: freshPhone() });
    await logout(attacker.accessToken, victim.refreshToken);
    expect((await refresh(victim.refreshToken)).statusCode).toBe(200);
  });
});

describe('an access token is required and must be one the server signed and still valid', () => {
  let session: Session;
  beforeAll(async () => {
    session = await signUp(t.app, { phone: freshPhone() });
  });
  const sub = () => session.user.id;

  it('answers 401 UNAUTHENTICATED without an Authorization header', async () => {
    expectError(await me(), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bearer with nothing', 'Bearer '],
  ])('answers 401 UNAUTHENTICATED to %s', async (_what, authorization) => {
    expectError(await me({ authorization }), 401, 'UNAUTHENTICATED');
  });

  it('accepts a token hand-made with the server’s own secret (so the refusals below are about the one change)', async () => {
    const token = handMadeJwt({ sub: sub(), iat: nowSeconds(), exp: nowSeconds() + 600 }, TEST_JWT_SECRET);
    expect((await me(bearer(token))).statusCode).toBe(200);
  });

  it('answers 401 to a token whose signature has one character changed', async () => {
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    const tampered = `${header}.${payload}.${flipAt(signature, 10)}`;
    expectError(await me(bearer(tampered)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a token whose payload has one character changed', async () => {
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    expectError(await me(bearer(`${header}.${flipAt(payload, 5)}.${signature}`)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a token whose payload names another user under the original signature', async () => {
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
    expectError(await me(bearer(`${header}.${forged}.${signature}`)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a token signed with another secret', async () => {
    const token = handMadeJwt({ sub: sub(), iat: nowSeconds(), exp: nowSeconds() + 600 }, 'another-secret-that-is-long-enough-for-hs256-xyz');
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to an unsigned token (alg none)', async () => {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: sub(), iat: nowSeconds(), exp: nowSeconds() + 600 })}.`;
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to an expired token', async () => {
    const token = handMadeJwt({ sub: sub(), iat: nowSeconds() - 16 * 60, exp: nowSeconds() - 60 }, TEST_JWT_SECRET);
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 once a token signed by the app for one second has run out', async () => {
    const token = t.app.jwt.sign({ sub: sub() }, { expiresIn: 1 });
    expect((await me(bearer(token))).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a well-signed token for a user that does not exist', async () => {
    const token = handMadeJwt({ sub: '987654321', iat: nowSeconds(), exp: nowSeconds() + 600 }, TEST_JWT_SECRET);
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /api/me shows every role held, with where it applies', () => {
  it('shows a resident only the resident role', async () => {
    const session = await signIn(t.app, DEMO.resident);
    const body = meSchema.parse((await me(bearer(session.accessToken))).json());
    expect(body.roles).toEqual([{ role: 'resident' }]);
    expect(body.member).toBeNull();
  });

  it('shows a phone on a roster the member role with its unit, and the roster entry', async () => {
    const session = await signIn(t.app, DEMO.memberHospital);
    const body = meSchema.parse((await me(bearer(session.accessToken))).json());
    expect(body.roles).toEqual([{ role: 'resident' }, { role: 'member', unitId: ids['龙岩市第一医院'], scopeName: '龙岩市第一医院' }]);
    expect(body.member).toEqual({ unitId: ids['龙岩市第一医院'], unitName: '龙岩市第一医院', branch: '内科党支部' });
  });

  it('shows community staff their community by id and name, besides the resident role', async () => {
    const session = await signIn(t.app, DEMO.staffLongjin);
    const body = meSchema.parse((await me(bearer(session.accessToken))).json());
    expect(body.roles).toEqual([{ role: 'resident' }, { role: 'community_staff', orgId: ids['龙津社区'], scopeName: '龙津社区' }]);
  });

  it('shows a unit admin their unit by id and name', async () => {
    const session = await signIn(t.app, DEMO.unitAdminSchool);
    const body = meSchema.parse((await me(bearer(session.accessToken))).json());
    expect(body.roles).toContainEqual({ role: 'unit_admin', unitId: ids['新罗区实验小学'], scopeName: '新罗区实验小学' });
  });
});

describe('PATCH and PUT /api/me change name, pioneer roles and home community', () => {
  let session: Session;
  beforeEach(async () => {
    session = await signUp(t.app, { phone: freshPhone(), name: '原来的名字' });
  });
  const current = async () => meSchema.parse((await me(bearer(session.accessToken))).json());

  it.each(['PATCH', 'PUT'] as const)('%s changes the name, and GET /api/me shows it', async (method) => {
    const res = await updateMe(method, session.accessToken, { name: '新名字' });
    expect(res.statusCode).toBe(200);
    expect(meSchema.parse(res.json()).user.name).toBe('新名字');
    expect((await current()).user.name).toBe('新名字');
  });

  it.each(['PATCH', 'PUT'] as const)('%s sets the pioneer roles, each once', async (method) => {
    const res = await updateMe(method, session.accessToken, { pioneerRoles: ['volunteer', 'policy', 'volunteer'] });
    expect(res.statusCode).toBe(200);
    expect([...(await current()).pioneerRoles].sort()).toEqual(['policy', 'volunteer']);
  });

  it('changes only what the body names', async () => {
    await updateMe('PATCH', session.accessToken, { pioneerRoles: ['mediation'] });
    await updateMe('PATCH', session.accessToken, { homeCommunityId: ids['溪南社区'] });
    const body = await current();
    expect(body.user).toMatchObject({ name: '原来的名字', homeCommunityId: ids['溪南社区'] });
    expect(body.pioneerRoles).toEqual(['mediation']);
  });

  it('refuses an unknown pioneer role with 400 VALIDATION_FAILED naming it', async () => {
    const error = expectError(await updateMe('PATCH', session.accessToken, { pioneerRoles: ['volunteer', 'hero'] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(error.details)).toEqual(['body.pioneerRoles.1']);
    expect((await current()).pioneerRoles).toEqual([]);
  });

  it('sets a community as home, and null clears it', async () => {
    expect(meSchema.parse((await updateMe('PUT', session.accessToken, { homeCommunityId: ids['莲东社区'] })).json()).user.homeCommunityId).toBe(ids['莲东社区']);
    expect(meSchema.parse((await updateMe('PATCH', session.accessToken, { homeCommunityId: null })).json()).user.homeCommunityId).toBeNull();
  });

  it('refuses a street as home with 400 NOT_A_COMMUNITY, changing nothing else in the same body', async () => {
    const res = await updateMe('PATCH', session.accessToken, { name: '不该生效', homeCommunityId: ids['西城街道'] });
    expectError(res, 400, 'NOT_A_COMMUNITY');
    expect((await current()).user).toMatchObject({ name: '原来的名字', homeCommunityId: null });
  });

  it.each(['abc', '99999999999999999999'])('answers 404 NOT_FOUND, never 500, for the home community id %s', async (homeCommunityId) => {
    expectError(await updateMe('PATCH', session.accessToken, { homeCommunityId }), 404, 'NOT_FOUND');
  });

  it.each(['PATCH', 'PUT'] as const)('%s refuses an empty body with 400', async (method) => {
    expectError(await updateMe(method, session.accessToken, {}), 400, 'VALIDATION_FAILED');
  });

  it('wants a signed-in caller: 401 without an access token', async () => {
    expectError(await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { name: '匿名' } }), 401, 'UNAUTHENTICATED');
  });
});
