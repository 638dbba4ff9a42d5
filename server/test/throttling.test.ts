import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO_PASSWORD, demoIds, expectError, freshPhone } from './support/identity';
import { SMALL_JPEG } from './support/images';
import { api, callerOf, postImage } from './support/wishes';

// The limits of src/modules/auth/routes.ts: sign-in 10 per phone in 15 minutes and 60 per address
// a minute; sign-up 5 per phone and 20 per address in 10 minutes.
const LOGIN_PER_PHONE = 10;
const LOGIN_PER_ADDRESS = 60;
const REGISTER_PER_PHONE = 5;
const REGISTER_PER_ADDRESS = 20;

let t: TestApp;

beforeAll(async () => {
  // Sign-ups without SMS codes (SMS_REQUIRED=0): the limits on them are the subject here, those on
  // the codes are sms.test.ts's.
  t = await buildTestApp({ env: { SEED_DEMO: '1', SMS_REQUIRED: '0' } });
});
afterAll(() => t.close());

const login = (phone: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', remoteAddress, headers, payload: { phone, password } });
const register = (phone: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress, payload: { agreed: true, phone, password: 'a-good-password', name: '新居民' } });

/** Answers `n` requests made one after another. */
async function inTurn(n: number, make: (i: number) => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]> {
  const answers: LightMyRequestResponse[] = [];
  for (let i = 0; i < n; i++) answers.push(await make(i));
  return answers;
}
const statuses = (answers: LightMyRequestResponse[]) => answers.map((a) => a.statusCode);

/** A 429 of the one error shape, with Retry-After in whole seconds matching details. */
function expectRateLimited(res: LightMyRequestResponse, maxSeconds: number): void {
  const error = expectError(res, 429, 'RATE_LIMITED');
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
}

describe('guessing one account’s password meets a limit per phone', () => {
  const phone = '13900000202'; // a demo resident
  let answers: LightMyRequestResponse[];
  beforeAll(async () => {
    answers = await inTurn(30, (i) => login(phone, `wrong-password-${i}`, '192.0.2.1'));
  });

  it('answers 401 to the first ten wrong passwords and 429 RATE_LIMITED to the other twenty', () => {
    expect(statuses(answers)).toEqual([...Array(LOGIN_PER_PHONE).fill(401), ...Array(30 - LOGIN_PER_PHONE).fill(429)]);
  });

  it('answers the 429 in the error shape with a Retry-After of at most 15 minutes', () => {
    for (const res of answers.slice(LOGIN_PER_PHONE)) expectRateLimited(res, 15 * 60);
  });

  it('refuses even the right password while the limit holds, from any address', async () => {
    expectRateLimited(await login(phone, DEMO_PASSWORD, '192.0.2.1'), 15 * 60);
    expectRateLimited(await login(phone, DEMO_PASSWORD, '192.0.2.99'), 15 * 60);
  });
});

describe('the limit per phone does not lock other phones out of the same address', () => {
  it('still answers another phone from that address 401 or 200, not 429', async () => {
    const address = '192.0.2.2';
    const locked = await inTurn(LOGIN_PER_PHONE + 1, (i) => login('13900000203', `wrong-${i}`, address));
    expect(locked.at(-1)!.statusCode).toBe(429);
    expectError(await login('13900000204', 'wrong-password', address), 401, 'BAD_CREDENTIALS');
    expect((await login('13900000204', DEMO_PASSWORD, address)).statusCode).toBe(200);
  });
});

describe('an address meets its own limit of sign-in attempts', () => {
  it('answers 401 to sixty attempts spread over phones, then 429 to the address, while other addresses go on', async () => {
    const address = '192.0.2.3';
    // Six phones, each well under its own limit.
    const phones = Array.from({ length: LOGIN_PER_ADDRESS / 6 }, () => freshPhone());
    const answers = await inTurn(LOGIN_PER_ADDRESS, (i) => login(phones[i % phones.length]!, 'wrong-password', address));
    expect(statuses(answers)).toEqual(Array(LOGIN_PER_ADDRESS).fill(401));
    expectRateLimited(await login(freshPhone(), 'wrong-password', address), 60);
    expectError(await login(freshPhone(), 'wrong-password', '192.0.2.33'), 401, 'BAD_CREDENTIALS');
  });
});

describe('the address limit counts the address the proxy saw, not one the client wrote', () => {
  // Behind a reverse proxy (HOST defaults to 127.0.0.1) the proxy appends the address it saw to
  // whatever X-Forwarded-For the client sent; a client inventing a new address on every try
  // must still meet the limit of its real one.
  it('limits a client at 198.51.100.7 that sends a different X-Forwarded-For on every try', async () => {
    const answers = await inTurn(LOGIN_PER_ADDRESS + 1, (i) =>
      login(freshPhone(), 'wrong-password', '127.0.0.1', { 'x-forwarded-for': `203.0.113.${i % 250}, 198.51.100.7` }),
    );
    expect(statuses(answers.slice(0, LOGIN_PER_ADDRESS))).toEqual(Array(LOGIN_PER_ADDRESS).fill(401));
    expect(answers.at(-1)!.statusCode).toBe(429);
  });
});

describe('sign-up is throttled per phone and per address', () => {
  it('answers 201, then 409 PHONE_TAKEN, then 429 once one phone has tried five times', async () => {
    const phone = freshPhone();
    const answers = await inTurn(REGISTER_PER_PHONE + 1, (i) => register(phone, `198.18.0.${i + 1}`));
    expect(statuses(answers)).toEqual([201, 409, 409, 409, 409, 429]);
    expectRateLimited(answers.at(-1)!, 10 * 60);
  });

  it('answers 429 to the 21st sign-up from one address in ten minutes, and not to another address', async () => {
    const address = '198.18.1.1';
    const answers = await inTurn(REGISTER_PER_ADDRESS, () => register(freshPhone(), address));
    expect(statuses(answers)).toEqual(Array(REGISTER_PER_ADDRESS).fill(201));
    expectRateLimited(await register(freshPhone(), address), 10 * 60);
    expect((await register(freshPhone(), '198.18.1.2')).statusCode).toBe(201);
  });
});

describe('an account meets a limit on bursts of writes (WRITE_LIMITS, on unless turned off)', () => {
  // The limits of src/modules/wishes/routes.ts and src/modules/exports/routes.ts (10 each in 10
  // minutes) and of src/modules/uploads/limits.ts (30 uploads in 10 minutes).
  const WISHES = 10;
  const EXPORTS = 10;
  const UPLOADS = 30;
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { SEED_DEMO: '1', WRITE_LIMITS: '1' } });
  }, 180_000);
  afterAll(() => limited.close());

  const as = (app: TestApp, phone: string) => callerOf(app.app, phone);

  it('a resident posts ten wishes in a burst; the eleventh answers 429 and is not written, another resident goes on', async () => {
    const ids = await demoIds(limited.app);
    const resident = await as(limited, '13900000205');
    const wish = (i: number) => ({ communityId: ids['溪南社区'], title: `心愿${i}`, description: '想请人帮忙做一件小事。', category: 'other', contactPhone: '13900000205', address: '溪南小区 1 栋' });
    const answers = await inTurn(WISHES + 1, (i) => api(limited.app, resident, 'POST', '/api/wishes', wish(i)));
    expect(statuses(answers)).toEqual([...Array(WISHES).fill(201), 429]);
    expectRateLimited(answers.at(-1)!, 10 * 60);
    const mine = (await api(limited.app, resident, 'GET', '/api/wishes?mine=1&limit=100')).json() as { items: unknown[] };
    expect(mine.items.length).toBe(WISHES);
    const other = await as(limited, '13900000206');
    expect((await api(limited.app, other, 'POST', '/api/wishes', { ...wish(0), contactPhone: '13900000206' })).statusCode).toBe(201);
  });

  it('an account uploads thirty photos in a burst; the thirty-first answers 429', async () => {
    const resident = await as(limited, '13900000204');
    const answers = await inTurn(UPLOADS + 1, () => postImage(limited.app, resident, SMALL_JPEG));
    expect(statuses(answers)).toEqual([...Array(UPLOADS).fill(201), 429]);
    expectRateLimited(answers.at(-1)!, 10 * 60);
  });

  it('an admin exports ten ledgers in a burst; the eleventh answers 429', async () => {
    const ids = await demoIds(limited.app);
    const admin = await as(limited, '13900000001');
    const answers = await inTurn(EXPORTS + 1, () => api(limited.app, admin, 'GET', `/api/exports/records.xlsx?orgId=${ids['新罗区']}`));
    expect(statuses(answers)).toEqual([...Array(EXPORTS).fill(200), 429]);
    expectRateLimited(answers.at(-1)!, 10 * 60);
  });
});
