import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { sessionSchema, smsSentSchema, type Session } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, ConfigError } from '../src/config';
import { smsCodes, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { APP_START_TIMEOUT } from './support/wishes';
import { expectError, freshAddress, freshPhone, request, signIn, signUp, smsCode, smsOutbox } from './support/identity';

// The limits of src/modules/sms/codes.ts and shared/src/api/wechat.ts.
const TTL_SECONDS = 5 * 60;
const RESEND_SECONDS = 60;
const MAX_TRIES = 5;
const DAILY_PER_PHONE = 10;
const HOURLY_PER_ADDRESS = 20;
const SECOND = 1000;

let t: TestApp;
/** The app's clock: a Monday morning in China (09:00 +08), moved on by the tests. */
let clock = new Date('2026-03-02T01:00:00.000Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  t = await buildTestApp({ deps: { now: () => clock } });
}, APP_START_TIMEOUT);
afterAll(() => t.close());

type Purpose = 'register' | 'reset';
const askFrom = (app: FastifyInstance, phone: string, purpose: Purpose, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/sms', remoteAddress, payload: { phone, purpose } });
const ask = (phone: string, purpose: Purpose = 'register', remoteAddress = freshAddress()) => askFrom(t.app, phone, purpose, remoteAddress);
const register = (app: FastifyInstance, phone: string, smsCode?: string) =>
  request(app, { method: 'POST', url: '/api/auth/register', payload: { agreed: true, phone, password: 'a-good-password', name: '林小梅', ...(smsCode ? { smsCode } : {}) } });
const reset = (phone: string, smsCode: string, newPassword = 'a-new-password-2026') =>
  request(t.app, { method: 'POST', url: '/api/auth/password/reset', payload: { phone, smsCode, newPassword } });
const login = (phone: string, password: string) => request(t.app, { method: 'POST', url: '/api/auth/password', payload: { phone, password } });
const refresh = (refreshToken: string) => request(t.app, { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
const sentTo = (phone: string) => smsOutbox(t.app).sent.filter((s) => s.phone === phone);
const codesOf = (phone: string) => t.app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
const accountOf = async (phone: string) => (await t.app.db.select().from(users).where(eq(users.phone, phone)))[0];
/** A six-digit code that is not `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** A 429 with Retry-After in whole seconds, the same number as details.retryAfterSeconds. */
function expectRetryAfter(res: LightMyRequestResponse, code: string, seconds: number): void {
  const error = expectError(res, 429, code);
  expect({ header: res.headers['retry-after'], details: error.details }).toEqual({ header: String(seconds), details: { retryAfterSeconds: seconds } });
}

describe('POST /api/auth/sms sends a 6-digit code, and the code signs the phone up', () => {
  it('answers how long the code lasts and when to ask again; the code makes an account whose phone is verified', async () => {
    const phone = freshPhone();
    const res = await ask(phone);
    expect(res.statusCode).toBe(200);
    expect(smsSentSchema.parse(res.json())).toEqual({ expiresInSeconds: TTL_SECONDS, resendInSeconds: RESEND_SECONDS });
    const [sent] = sentTo(phone);
    expect(sent).toEqual({ phone, purpose: 'register', code: expect.stringMatching(/^\d{6}$/) });

    const created = await register(t.app, phone, sent!.code);
    expect(created.statusCode).toBe(201);
    expect(sessionSchema.parse(created.json()).user.phone).toBe(phone);
    expect((await accountOf(phone))!.phoneVerifiedAt).toEqual(clock);
  });

  it('keeps a keyed hash of the code, never the code', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    const [row] = await codesOf(phone);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.codeHash).not.toContain(code);
    expect(row).toMatchObject({ purpose: 'register', tries: 0, consumedAt: null, expiresAt: new Date(clock.getTime() + TTL_SECONDS * SECOND) });
  });

  it('refuses a sign-up without a code with 400 naming body.smsCode, and makes no account', async () => {
    const phone = freshPhone();
    const error = expectError(await register(t.app, phone), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'body.smsCode', message: '请输入短信验证码' }]);
    expect(await accountOf(phone)).toBeUndefined();
  });

  it('refuses a code that is not six digits with 400 VALIDATION_FAILED', async () => {
    const error = expectError(await register(t.app, freshPhone(), '12345'), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'body.smsCode', message: '验证码为 6 位数字' }]);
  });

  it('proves only the phone it was sent to', async () => {
    const code = await smsCode(t.app, freshPhone());
    expectError(await register(t.app, freshPhone(), code), 400, 'SMS_CODE_INVALID');
  });

  it('proves a phone once: of two sign-ups with one code at once, one makes the account', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    const answers = await Promise.all([register(t.app, phone, code), register(t.app, phone, code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expectError(answers.find((a) => a.statusCode === 400)!, 400, 'SMS_CODE_INVALID');
    expect(await t.app.db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1);
  });

  it('takes only the latest code: a newer one replaces the one before', async () => {
    const phone = freshPhone();
    const first = await smsCode(t.app, phone);
    advance(RESEND_SECONDS * SECOND);
    const second = await smsCode(t.app, phone);
    if (first !== second) expectError(await register(t.app, phone, first), 400, 'SMS_CODE_INVALID');
    expect((await register(t.app, phone, second)).statusCode).toBe(201);
  });

  it('gives a WeChat account that has the phone (and no password) the password: one person, one account', async () => {
    const phone = freshPhone();
    const [wechat] = await t.app.db.insert(users).values({ wechatOpenId: `o-sms-${phone}`, name: '微信用户', phone, phoneVerifiedAt: clock }).returning();
    const created = await register(t.app, phone, await smsCode(t.app, phone));
    expect(created.statusCode).toBe(201);
    expect(sessionSchema.parse(created.json()).user).toMatchObject({ id: String(wechat!.id), name: '林小梅', phone });
    expect((await login(phone, 'a-good-password')).statusCode).toBe(200);
  });
});

describe('a phone that has an account is not sent a sign-up code', () => {
  it('answers 409 PHONE_TAKEN and sends nothing', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone });
    advance(RESEND_SECONDS * SECOND);
    const before = sentTo(phone).length;
    expectError(await ask(phone), 409, 'PHONE_TAKEN');
    expect(sentTo(phone)).toHaveLength(before);
  });
});

describe('a wrong code counts a try, and five wrong tries spend the code', () => {
  it('counts a wrong sign-up try in the database although the sign-up fails', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    expectError(await register(t.app, phone, otherThan(code)), 400, 'SMS_CODE_INVALID');
    expect((await codesOf(phone))[0]!.tries).toBe(1);
    expect((await register(t.app, phone, code)).statusCode).toBe(201);
  });

  it('refuses the right code after five wrong ones with 429 SMS_TOO_MANY_TRIES; a new code works', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone });
    advance(RESEND_SECONDS * SECOND);
    const code = await smsCode(t.app, phone, 'reset');
    for (let i = 1; i <= MAX_TRIES; i++) {
      expectError(await reset(phone, otherThan(code)), 400, 'SMS_CODE_INVALID');
      expect((await t.app.db.select().from(smsCodes).where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, 'reset'))))[0]!.tries).toBe(i);
    }
    expectError(await reset(phone, code), 429, 'SMS_TOO_MANY_TRIES');
    expect((await login(phone, 'a-good-password')).statusCode).toBe(200);

    advance(RESEND_SECONDS * SECOND);
    expect((await reset(phone, await smsCode(t.app, phone, 'reset'))).statusCode).toBe(200);
  });
});

describe('a code lasts five minutes', () => {
  it('signs up a second before it runs out', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    advance((TTL_SECONDS - 1) * SECOND);
    expect((await register(t.app, phone, code)).statusCode).toBe(201);
  });

  it('answers 400 SMS_CODE_EXPIRED once it has run out, and a new code works', async () => {
    const phone = freshPhone();
    const code = await smsCode(t.app, phone);
    advance(TTL_SECONDS * SECOND);
    expectError(await register(t.app, phone, code), 400, 'SMS_CODE_EXPIRED');
    expect((await register(t.app, phone, await smsCode(t.app, phone))).statusCode).toBe(201);
  });
});

describe('one code per phone a minute', () => {
  it('answers 429 SMS_TOO_SOON within the minute, saying when to ask again, and sends at the minute', async () => {
    const phone = freshPhone();
    await smsCode(t.app, phone);
    advance(20 * SECOND);
    expectRetryAfter(await ask(phone), 'SMS_TOO_SOON', 40);
    expectRetryAfter(await ask(phone, 'reset'), 'SMS_TOO_SOON', 40);
    expect(sentTo(phone)).toHaveLength(1);
    advance(40 * SECOND);
    expect((await ask(phone)).statusCode).toBe(200);
    expect(sentTo(phone)).toHaveLength(2);
  });

  it('holds across midnight in China', async () => {
    const day = 24 * 3600 * SECOND;
    const china = 8 * 3600 * SECOND;
    const nextMidnight = Math.ceil((clock.getTime() + china) / day) * day - china;
    clock = new Date(nextMidnight - 20 * SECOND);
    const phone = freshPhone();
    expect((await ask(phone)).statusCode).toBe(200);
    advance(30 * SECOND);
    expectRetryAfter(await ask(phone), 'SMS_TOO_SOON', 30);
  });

  it('sends exactly one of two asks at once for one phone: one 200, one 429', async () => {
    const phone = freshPhone();
    // A send that takes a while keeps the first ask's transaction open while the second counts.
    smsOutbox(t.app).delayMs = 300;
    const answers = await Promise.all([ask(phone), ask(phone)]).finally(() => (smsOutbox(t.app).delayMs = 0));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 429]);
    expectError(answers.find((a) => a.statusCode === 429)!, 429, 'SMS_TOO_SOON');
    expect(sentTo(phone)).toHaveLength(1);
    expect(await codesOf(phone)).toHaveLength(1);
  });
});

describe('ten codes per phone a China day', () => {
  it('answers the eleventh 429 SMS_DAILY_LIMIT until midnight in China, then sends again', async () => {
    // 09:00 in China: the ten codes and the refusal fall on one China day.
    clock = new Date(Math.ceil(clock.getTime() / (24 * 3600 * SECOND)) * 24 * 3600 * SECOND + 3600 * SECOND);
    const phone = freshPhone();
    for (let i = 0; i < DAILY_PER_PHONE; i++) {
      expect((await ask(phone)).statusCode).toBe(200);
      advance(RESEND_SECONDS * SECOND);
    }
    // 09:10 in China: 14 h 50 min to midnight.
    expectRetryAfter(await ask(phone), 'SMS_DAILY_LIMIT', (14 * 60 + 50) * 60);
    expect(sentTo(phone)).toHaveLength(DAILY_PER_PHONE);
    advance((14 * 60 + 50) * 60 * SECOND);
    expect((await ask(phone)).statusCode).toBe(200);
  });
});

describe('twenty codes an hour from one address', () => {
  it('answers the 21st 429 RATE_LIMITED, another address goes on, and the hour after it sends again', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < HOURLY_PER_ADDRESS; i++) {
      expect((await ask(freshPhone(), 'register', address)).statusCode).toBe(200);
      advance(SECOND);
    }
    expectRetryAfter(await ask(freshPhone(), 'register', address), 'RATE_LIMITED', 3600 - HOURLY_PER_ADDRESS);
    expect((await ask(freshPhone(), 'register', '203.0.113.8')).statusCode).toBe(200);
    advance(3600 * SECOND);
    expect((await ask(freshPhone(), 'register', address)).statusCode).toBe(200);
  });
});

describe('忘记密码: a reset code sets a new password and ends every session', () => {
  it('answers a session; the old password and every old refresh token stop working, the new ones work', async () => {
    const phone = freshPhone();
    const signedUp = await signUp(t.app, { phone, password: 'the-old-password' });
    const signedIn = await signIn(t.app, phone, 'the-old-password');
    advance(RESEND_SECONDS * SECOND);
    const res = await reset(phone, await smsCode(t.app, phone, 'reset'), 'the-new-password');
    expect(res.statusCode).toBe(200);
    const session: Session = sessionSchema.parse(res.json());
    expect(session.user.id).toBe(signedUp.user.id);

    for (const old of [signedUp, signedIn]) expectError(await refresh(old.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expectError(await login(phone, 'the-old-password'), 401, 'BAD_CREDENTIALS');
    expect((await login(phone, 'the-new-password')).statusCode).toBe(200);
    expect((await refresh(session.refreshToken)).statusCode).toBe(200);
  });

  it('ends the need to change a one-time password from an admin', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone });
    await t.app.db.update(users).set({ mustChangePassword: true }).where(eq(users.phone, phone));
    advance(RESEND_SECONDS * SECOND);
    const res = await reset(phone, await smsCode(t.app, phone, 'reset'));
    expect(sessionSchema.parse(res.json()).user.mustChangePassword).toBe(false);
  });

  it('keeps the purposes apart: a sign-up code does not reset, a reset code does not sign up', async () => {
    const phone = freshPhone();
    expectError(await reset(phone, await smsCode(t.app, phone, 'register')), 400, 'SMS_CODE_INVALID');
    const account = freshPhone();
    await signUp(t.app, { phone: account });
    advance(RESEND_SECONDS * SECOND);
    expectError(await register(t.app, account, await smsCode(t.app, account, 'reset')), 400, 'SMS_CODE_INVALID');
  });

  it('answers a phone without an account as one with an account, sends it nothing, and its limits are the same', async () => {
    const known = freshPhone();
    await signUp(t.app, { phone: known });
    advance(RESEND_SECONDS * SECOND);
    const unknown = freshPhone();
    const [forKnown, forUnknown] = [await ask(known, 'reset'), await ask(unknown, 'reset')];
    expect({ status: forUnknown.statusCode, body: forUnknown.json() }).toEqual({ status: forKnown.statusCode, body: forKnown.json() });
    expect(forUnknown.statusCode).toBe(200);
    expect(sentTo(known).filter((s) => s.purpose === 'reset')).toHaveLength(1);
    expect(sentTo(unknown)).toEqual([]);

    const [againKnown, againUnknown] = [await ask(known, 'reset'), await ask(unknown, 'reset')];
    expect({ status: againUnknown.statusCode, body: againUnknown.json() }).toEqual({ status: againKnown.statusCode, body: againKnown.json() });
    expectError(await reset(unknown, '123456'), 400, 'SMS_CODE_INVALID');
    expect(await accountOf(unknown)).toBeUndefined();
  });

  it('sends a deactivated account nothing', async () => {
    const phone = freshPhone();
    await signUp(t.app, { phone });
    await t.app.db.update(users).set({ deactivatedAt: clock }).where(eq(users.phone, phone));
    advance(RESEND_SECONDS * SECOND);
    expect((await ask(phone, 'reset')).statusCode).toBe(200);
    expect(sentTo(phone).filter((s) => s.purpose === 'reset')).toEqual([]);
  });
});

describe('which sender the configuration names', () => {
  const base = { DATA_DIR: '/tmp/huijia-sms-config', JWT_SECRET: 'x'.repeat(32) };
  const tencent = {
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: 'AKIDexample',
    TENCENT_SMS_SECRET_KEY: 'secret-key',
    TENCENT_SMS_SDK_APP_ID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '回家',
    TENCENT_SMS_TEMPLATE_ID: '1234567',
  };

  it('is the log outside production, nobody in production, and wants codes at sign-up unless SMS_REQUIRED=0', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).sms).toEqual({ provider: 'log', required: true, tencent: null });
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).sms).toEqual({ provider: null, required: true, tencent: null });
    expect(loadConfig({ ...base, NODE_ENV: 'production', SMS_REQUIRED: '0' }).sms.required).toBe(false);
  });

  it('is Tencent Cloud SMS with all five of its settings, region ap-guangzhou unless named', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production', ...tencent }).sms.tencent).toEqual({
      secretId: 'AKIDexample',
      secretKey: 'secret-key',
      sdkAppId: '1400006666',
      signName: '回家',
      templateId: '1234567',
      templateParams: 'code',
      region: 'ap-guangzhou',
      endpoint: null,
    });
    const { TENCENT_SMS_SIGN_NAME: _sign, TENCENT_SMS_TEMPLATE_ID: _template, ...partial } = tencent;
    expect(() => loadConfig({ ...base, ...partial })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...partial })).toThrow(/TENCENT_SMS_SIGN_NAME: is required with SMS_PROVIDER=tencent[\s\S]*TENCENT_SMS_TEMPLATE_ID/);
  });
});

describe('in production with no SMS provider, SMS_REQUIRED=0 takes phones on trust', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await buildTestApp({ env: { NODE_ENV: 'production', SMS_REQUIRED: '0' }, deps: { smsSender: undefined } });
  }, APP_START_TIMEOUT);
  afterAll(() => prod.close());

  it('answers 503 SMS_NOT_CONFIGURED to an ask for a code', async () => {
    expectError(await askFrom(prod.app, freshPhone(), 'register', freshAddress()), 503, 'SMS_NOT_CONFIGURED');
  });

  it('signs up without a code, the phone not marked verified', async () => {
    const phone = freshPhone();
    expect((await register(prod.app, phone)).statusCode).toBe(201);
    const [account] = await prod.app.db.select().from(users).where(eq(users.phone, phone));
    expect(account!.phoneVerifiedAt).toBeNull();
  });
});

describe('the development sender prints the code in the server log', () => {
  let dev: TestApp;
  let logged = '';
  beforeAll(async () => {
    const log = new PassThrough();
    log.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    dev = await buildTestApp({ env: { NODE_ENV: 'development', LOG_LEVEL: 'info' }, deps: { smsSender: undefined, logStream: log } });
  }, APP_START_TIMEOUT);
  afterAll(() => dev.close());

  it('logs 验证码 <code> → the masked phone, never the phone, and that code signs up', async () => {
    const phone = freshPhone();
    expect((await askFrom(dev.app, phone, 'register', freshAddress())).statusCode).toBe(200);
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    const line = new RegExp(`验证码 (\\d{6}) → ${masked.replace(/\*/g, '\\*')}`).exec(logged);
    expect(line).not.toBeNull();
    expect((await register(dev.app, phone, line![1])).statusCode).toBe(201);
    expect(logged).not.toContain(phone);
  });
});

/**
 * Tencent Cloud's SendSms (API 2021-01-11) as the SDK meets it: a POST of JSON with the TC3
 * signature's headers, answered `{ Response: { SendStatusSet, RequestId } }`, or
 * `{ Response: { Error: { Code, Message }, RequestId } }` when the API refuses the request. `status`
 * is the SendStatusSet code for the phone (`Ok` when sent); `apiError` refuses the whole request.
 */
class FakeSendSms {
  readonly requests: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  status = 'Ok';
  apiError: string | null = null;
  private readonly server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { PhoneNumberSet: string[] };
      this.requests.push({ headers: req.headers, body });
      const RequestId = `req-${this.requests.length}`;
      const Response = this.apiError
        ? { Error: { Code: this.apiError, Message: 'refused by the fake' }, RequestId }
        : {
            SendStatusSet: body.PhoneNumberSet.map((PhoneNumber) => ({
              SerialNo: `2433:${this.requests.length}`,
              PhoneNumber,
              Fee: 1,
              SessionContext: '',
              Code: this.status,
              Message: this.status === 'Ok' ? 'send success' : 'refused by the fake',
              IsoCode: 'CN',
            })),
            RequestId,
          };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Response }));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('Tencent Cloud SMS, through its SDK, against a fake SendSms', () => {
  const fake = new FakeSendSms();
  let tc: TestApp;
  beforeAll(async () => {
    const endpoint = await fake.start();
    tc = await buildTestApp({
      env: {
        SMS_PROVIDER: 'tencent',
        TENCENT_SMS_SECRET_ID: 'AKIDtest0000',
        TENCENT_SMS_SECRET_KEY: 'test-secret-key',
        TENCENT_SMS_SDK_APP_ID: '1400006666',
        TENCENT_SMS_SIGN_NAME: '回家',
        TENCENT_SMS_TEMPLATE_ID: '1234567',
        TENCENT_SMS_ENDPOINT: endpoint,
      },
      deps: { smsSender: undefined },
    });
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await tc.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.status = 'Ok';
    fake.apiError = null;
  });

  const askTencent = (phone: string) => askFrom(tc.app, phone, 'register', freshAddress());

  it('sends SendSms, signed, with the phone, the app, the signature, the template and the code; the code signs up', async () => {
    const phone = freshPhone();
    expect((await askTencent(phone)).statusCode).toBe(200);
    const sent = fake.requests.at(-1)!;
    expect(sent.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou' });
    expect(sent.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest0000\//);
    expect(sent.body).toEqual({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: '1400006666',
      SignName: '回家',
      TemplateId: '1234567',
      TemplateParamSet: [expect.stringMatching(/^\d{6}$/)],
    });
    const code = (sent.body.TemplateParamSet as string[])[0]!;
    expect((await register(tc.app, phone, code)).statusCode).toBe(201);
  });

  it('answers the provider’s daily limit for the phone as 429 SMS_DAILY_LIMIT, keeping no code', async () => {
    fake.status = 'LimitExceeded.PhoneNumberDailyLimit';
    const phone = freshPhone();
    expectError(await askTencent(phone), 429, 'SMS_DAILY_LIMIT');
    expect(await tc.app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone))).toEqual([]);
  });

  it('answers another refusal for the phone as 502 SMS_SEND_FAILED, and the phone may ask again at once', async () => {
    fake.status = 'FailedOperation.InsufficientBalanceInSmsPackage';
    const phone = freshPhone();
    expectError(await askTencent(phone), 502, 'SMS_SEND_FAILED');
    fake.status = 'Ok';
    expect((await askTencent(phone)).statusCode).toBe(200);
  });

  it('answers a refused request (a wrong secret) as 502 SMS_SEND_FAILED', async () => {
    fake.apiError = 'AuthFailure.SecretIdNotFound';
    expectError(await askTencent(freshPhone()), 502, 'SMS_SEND_FAILED');
  });
});
