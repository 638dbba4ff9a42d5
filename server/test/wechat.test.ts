import { meSchema, sessionSchema } from '@huijia/shared';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { FakeWechat } from './support/fake-wechat';
import { bearer, expectError } from './support/identity';

const APPID = 'wx-test-appid';
const SECRET = 'wx-test-secret';

const wechat = new FakeWechat();
let t: TestApp;

beforeAll(async () => {
  const apiBase = await wechat.start();
  t = await buildTestApp({ env: { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: apiBase } });
});
afterAll(async () => {
  await t?.close();
  await wechat.stop();
});

const wechatLogin = (app: TestApp['app'], code: string) => app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code, agreed: true } });
const userCount = async () => (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

describe('a WeChat code is exchanged with jscode2session', () => {
  it('sends the appid, the secret, the code and grant_type=authorization_code', async () => {
    expect((await wechatLogin(t.app, 'carol.1')).statusCode).toBe(200);
    const sent = wechat.requests.find((r) => r.url.searchParams.get('js_code') === 'carol.1')?.url;
    expect(sent?.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(sent!.searchParams)).toEqual({
      appid: APPID,
      secret: SECRET,
      js_code: 'carol.1',
      grant_type: 'authorization_code',
    });
  });
});

describe('an openid is bound to one account', () => {
  it('makes an unknown openid a new resident account without a phone', async () => {
    const before = await userCount();
    const res = await wechatLogin(t.app, 'alice.1');
    expect(res.statusCode).toBe(200);
    const session = sessionSchema.parse(res.json());
    expect(session.user.phone).toBeNull();
    expect(await userCount()).toBe(before + 1);
    const [row] = await t.app.db.select().from(users).where(eq(users.wechatOpenId, 'o-alice'));
    expect(String(row!.id)).toBe(session.user.id);
    expect(row!.passwordHash).toBeNull();
    const me = meSchema.parse((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(session.accessToken) })).json());
    expect(me.roles).toEqual([{ role: 'resident' }]);
  });

  it('signs a second login with the same openid into the same account', async () => {
    const first = sessionSchema.parse((await wechatLogin(t.app, 'dave.1')).json());
    const count = await userCount();
    const second = sessionSchema.parse((await wechatLogin(t.app, 'dave.2')).json());
    expect(second.user.id).toBe(first.user.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await userCount()).toBe(count);
  });

  it('gives another openid another account', async () => {
    const erin = sessionSchema.parse((await wechatLogin(t.app, 'erin.1')).json());
    const frank = sessionSchema.parse((await wechatLogin(t.app, 'frank.1')).json());
    expect(frank.user.id).not.toBe(erin.user.id);
  });
});

describe('WeChat refusing a code answers 401 WECHAT_LOGIN_FAILED with WeChat’s errcode', () => {
  it('passes errcode 40029 on in details and creates no account', async () => {
    const before = await userCount();
    const error = expectError(await wechatLogin(t.app, 'bad'), 401, 'WECHAT_LOGIN_FAILED');
    expect(error.details).toMatchObject({ errcode: 40029 });
    expect(await userCount()).toBe(before);
  });
});

describe('a WeChat that does not answer properly answers 503 WECHAT_UNAVAILABLE', () => {
  it(
    'gives up on a WeChat that does not answer within the 5 s timeout',
    async () => {
      const started = Date.now();
      expectError(await wechatLogin(t.app, 'slow'), 503, 'WECHAT_UNAVAILABLE');
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
      expect(Date.now() - started).toBeLessThan(12_000);
    },
    20_000,
  );

  it('answers 503 to an HTTP error from WeChat', async () => {
    expectError(await wechatLogin(t.app, 'busy-http'), 503, 'WECHAT_UNAVAILABLE');
  });

  it('answers 503 to an answer that is not JSON', async () => {
    expectError(await wechatLogin(t.app, 'garbled'), 503, 'WECHAT_UNAVAILABLE');
  });
});

describe('WeChat login needs WECHAT_APPID', () => {
  it('answers 503 WECHAT_NOT_CONFIGURED on an app without it, asking WeChat nothing', async () => {
    const bare = await buildTestApp();
    try {
      const asked = wechat.requests.length;
      expectError(await wechatLogin(bare.app, 'alice.3'), 503, 'WECHAT_NOT_CONFIGURED');
      expect(wechat.requests.length).toBe(asked);
    } finally {
      await bare.close();
    }
  });
});

describe('a WeChat login body is validated', () => {
  it('refuses an empty code with 400 VALIDATION_FAILED', async () => {
    const error = expectError(await wechatLogin(t.app, ''), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: 'body.code' })]);
  });
});
