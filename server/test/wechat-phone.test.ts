// A WeChat user proves their phone with the getPhoneNumber button (issue 18, item 1): the server
// exchanges the button's code at WeChat's getuserphonenumber with an access token it keeps in the
// database for every process, binds the phone (one person, one account), and a roster phone makes
// a member at once — all against a fake WeChat over real HTTP.
import { meSchema, sessionSchema, type Session } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db';
import { rosterEntries, users, wechatAccessTokens } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { FakeWechat } from './support/fake-wechat';
import { bearer, demoIds, expectError, freshPhone } from './support/identity';
import { STAFF_OF, UNIT_ADMIN_OF, call, confirmReport, expectStatus, issueCertificate, signInAll } from './support/reporting';

const wechat = new FakeWechat();
let apiBase: string;
let t: TestApp;
let ids: Record<string, string>;

beforeAll(async () => {
  apiBase = await wechat.start();
  t = await buildTestApp({ env: { ...wechat.env(apiBase), SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await wechat.stop();
});

let codes = 0;
/** A getPhoneNumber code WeChat will answer with `phone`, once. */
function phoneCode(phone: string): string {
  const code = `phone-code-${++codes}`;
  wechat.phoneCodes.set(code, phone);
  return code;
}

const wechatLogin = async (app: TestApp['app'], code: string): Promise<Session> =>
  sessionSchema.parse(expectStatus(await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code, agreed: true } }), 200));
const bind = (app: TestApp['app'], session: Session, code: string) =>
  app.inject({ method: 'POST', url: '/api/auth/wechat/phone', headers: bearer(session.accessToken), payload: { code } });
const meOf = async (app: TestApp['app'], session: Session) =>
  meSchema.parse(expectStatus(await app.inject({ method: 'GET', url: '/api/me', headers: bearer(session.accessToken) }), 200));
const userRow = async (id: string) => (await t.app.db.select().from(users).where(eq(users.id, Number(id))))[0]!;

describe('binding the phone WeChat vouches for', () => {
  it('gives a new WeChat account the phone, marked verified, and asks getuserphonenumber with the code and a token', async () => {
    const session = await wechatLogin(t.app, 'alice.1');
    const phone = freshPhone();
    const bound = sessionSchema.parse(expectStatus(await bind(t.app, session, phoneCode(phone)), 200));
    expect(bound.user).toMatchObject({ id: session.user.id, phone });
    expect((await userRow(session.user.id)).phoneVerifiedAt).not.toBeNull();
    const asked = wechat.requests.filter((r) => r.url.pathname === '/wxa/business/getuserphonenumber').at(-1)!;
    expect(asked.method).toBe('POST');
    expect(asked.url.searchParams.get('access_token')).toMatch(/^token-\d+$/);
    expect(asked.body).toEqual({ code: expect.stringMatching(/^phone-code-/) });
  });

  it('makes a roster phone a member at once, who reports and is confirmed: from 微信一键登录 to a confirmed member', async () => {
    const phone = freshPhone();
    await t.app.db.insert(rosterEntries).values({ unitId: Number(ids['龙岩市第一医院']), name: '微信党员', phone, branch: '内科党支部' });
    const first = await wechatLogin(t.app, 'bob.1');
    expect((await meOf(t.app, first)).member).toBeNull();
    const member = sessionSchema.parse(expectStatus(await bind(t.app, first, phoneCode(phone)), 200));
    expect((await meOf(t.app, member)).member).toMatchObject({ unitName: '龙岩市第一医院' });

    expectStatus(await call(t.app, member, 'PATCH', '/api/me', { homeCommunityId: ids['龙津社区'] }), 200);
    const report = expectStatus(await call(t.app, member, 'POST', '/api/reports', { communityId: ids['龙津社区'], basis: 'residence' }), 201) as { id: string };
    const staff = await signInAll(t.app, [UNIT_ADMIN_OF.龙岩市第一医院, STAFF_OF.龙津社区]);
    const certificate = await issueCertificate(t.app, staff.get(UNIT_ADMIN_OF.龙岩市第一医院)!, report.id);
    await confirmReport(t.app, staff.get(STAFF_OF.龙津社区)!, report.id, certificate.code);
    expect((await meOf(t.app, member)).report).toMatchObject({ status: 'confirmed', communityName: '龙津社区' });
  });

  it('joins the account that already has the phone: the openid moves there, the WeChat account closes', async () => {
    // 王秀兰 signed up on the web (13900000201) and now opens the mini-program.
    const [owner] = await t.app.db.select().from(users).where(eq(users.phone, '13900000201'));
    const wechatOnly = await wechatLogin(t.app, 'wang.1');
    const joined = sessionSchema.parse(expectStatus(await bind(t.app, wechatOnly, phoneCode('13900000201')), 200));
    expect(joined.user).toMatchObject({ id: String(owner!.id), phone: '13900000201', name: '王秀兰' });
    expect((await userRow(wechatOnly.user.id))).toMatchObject({ wechatOpenId: null, deactivatedAt: expect.any(Date) });
    expectError(await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(wechatOnly.accessToken) }), 401, 'UNAUTHENTICATED');
    // The next 微信一键登录 signs into 王秀兰's account, which still signs in with its password too.
    expect((await wechatLogin(t.app, 'wang.2')).user.id).toBe(String(owner!.id));
    expectStatus(await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { phone: '13900000201', password: 'huijia2026' } }), 200);
  });

  it('refuses a code WeChat does not know or that was used, a full quota, an account of another phone, and a password account', async () => {
    const session = await wechatLogin(t.app, 'carol.1');
    expectError(await bind(t.app, session, 'never-issued'), 400, 'WECHAT_PHONE_CODE_INVALID');
    const code = phoneCode(freshPhone());
    expectStatus(await bind(t.app, session, code), 200);
    expectError(await bind(t.app, session, code), 400, 'WECHAT_PHONE_CODE_INVALID');
    expectError(await bind(t.app, session, 'quota'), 429, 'WECHAT_QUOTA_EXCEEDED');
    expectError(await bind(t.app, session, phoneCode(freshPhone())), 409, 'PHONE_ALREADY_BOUND');
    // A phone bound to another WeChat cannot be taken over.
    const other = await wechatLogin(t.app, 'dora.1');
    expectError(await bind(t.app, other, phoneCode(session.user.phone ?? (await userRow(session.user.id)).phone!)), 409, 'PHONE_TAKEN');
    const password = sessionSchema.parse(expectStatus(await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { phone: '13900000202', password: 'huijia2026' } }), 200));
    expectError(await bind(t.app, password, phoneCode('13900000202')), 403, 'WECHAT_ONLY');
    expectError(await bind(t.app, session, ''), 400, 'VALIDATION_FAILED');
  });
});

describe('the access token, one for every process', () => {
  it('is fetched once for many requests at once, kept in the database, and fetched again when WeChat says it expired', async () => {
    const fresh = await buildTestApp({ env: wechat.env(apiBase) });
    try {
      const sessions = await Promise.all(['erin', 'fay', 'gus', 'hal', 'ivy'].map((name) => wechatLogin(fresh.app, `${name}.1`)));
      wechat.tokenDelayMs = 300;
      const before = wechat.tokensIssued;
      const answers = await Promise.all(sessions.map((s) => bind(fresh.app, s, phoneCode(freshPhone()))));
      expect(answers.map((a) => a.statusCode)).toEqual(sessions.map(() => 200));
      expect(wechat.tokensIssued).toBe(before + 1);
      const [stored] = await fresh.app.db.select().from(wechatAccessTokens);
      expect(stored).toMatchObject({ appId: wechat.appId, token: `token-${wechat.tokensIssued}` });
      expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7000_000);

      // WeChat expires it: the next call fetches one new token and goes through.
      wechat.expireTokens();
      const late = await wechatLogin(fresh.app, 'kim.1');
      expectStatus(await bind(fresh.app, late, phoneCode(freshPhone())), 200);
      expect(wechat.tokensIssued).toBe(before + 2);
    } finally {
      wechat.tokenDelayMs = 0;
      await fresh.close();
    }
  });

  // PGlite is one process's database: two processes share one only on PostgreSQL.
  (TEST_DB === 'postgres' ? it : it.skip)('is shared by two processes: one fetch when both need one at once, the stored one reused, a replaced one read', async () => {
    const fresh = await buildTestApp({ env: wechat.env(apiBase) });
    const second = await buildApp(fresh.config, { webRoot: null, database: await openDatabase(fresh.target) });
    try {
      await second.ready();
      const login = (app: TestApp['app'], name: string) => wechatLogin(app, `${name}.1`);
      const [a, b] = [await login(fresh.app, 'max'), await login(second, 'ned')];
      wechat.tokenDelayMs = 300;
      const before = wechat.tokensIssued;
      const answers = await Promise.all([bind(fresh.app, a, phoneCode(freshPhone())), bind(second, b, phoneCode(freshPhone()))]);
      expect(answers.map((x) => x.statusCode)).toEqual([200, 200]);
      expect(wechat.tokensIssued).toBe(before + 1);

      // WeChat expires it; the second process fetches a new one, the first reads it from the database.
      wechat.expireTokens();
      expectStatus(await bind(second, await login(second, 'oda'), phoneCode(freshPhone())), 200);
      expect(wechat.tokensIssued).toBe(before + 2);
      expectStatus(await bind(fresh.app, await login(fresh.app, 'pia'), phoneCode(freshPhone())), 200);
      expect(wechat.tokensIssued).toBe(before + 2);
    } finally {
      wechat.tokenDelayMs = 0;
      await second.close();
      await fresh.close();
    }
  });

  it('answers WECHAT_CONFIG_INVALID when WeChat refuses the app’s secret', async () => {
    const wrong = await buildTestApp({ env: { ...wechat.env(apiBase), WECHAT_SECRET: 'not-the-secret' } });
    try {
      const session = await wechatLogin(wrong.app, 'oli.1');
      expectError(await bind(wrong.app, session, phoneCode(freshPhone())), 503, 'WECHAT_CONFIG_INVALID');
    } finally {
      await wrong.close();
    }
  });
});
