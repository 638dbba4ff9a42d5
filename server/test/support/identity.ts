import { errorBodySchema, sessionSchema, type Session, type SmsPurpose } from '@huijia/shared';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { orgNodes, units } from '../../src/db/schema';
import { MemorySmsSender } from '../../src/modules/sms/sender';
import { DEMO_PASSWORD } from '../../src/seed/demo-city';

export { DEMO_PASSWORD };

/** Demo city logins these tests use (src/seed/demo-city.ts), by the role each shows off. */
export const DEMO = {
  districtAdmin: '13900000001', // 新罗区
  streetAdminEast: '13900000002', // 东城街道
  partyRep: '13900000004', // 邱国华, 党代表 of 新罗区
  staffLongjin: '13900000011', // 龙津社区 (东城)
  unitAdminHospital: '13900000021', // 龙岩市第一医院
  unitAdminSchool: '13900000022', // 新罗区实验小学
  memberHospital: '13900000101', // 李志远, 龙岩市第一医院, 内科党支部
  resident: '13900000201', // 王秀兰, 龙津社区
} as const;

type Answer = { statusCode: number; json(): unknown };

/** Asserts an error answer of the one shape (api.md) and answers its `error`. */
export function expectError(res: Answer, status: number, code: string) {
  expect({ status: res.statusCode, body: res.json() }).toMatchObject({ status, body: { error: { code } } });
  const body = errorBodySchema.parse(res.json());
  expect(body.error.message).toMatch(/\p{Script=Han}/u);
  return body.error;
}

let addressCounter = 0;
/**
 * A client address of its own, so that tests of other rules never meet the per-address limits on
 * sign-in and sign-up (those limits are the subject of throttling.test.ts).
 */
export function freshAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `app.inject` from an address of its own. */
export const request = (app: FastifyInstance, options: InjectOptions) =>
  app.inject({ remoteAddress: freshAddress(), ...options });

/** Signs in with a password; fails the test unless the answer is a session. */
export async function signIn(app: FastifyInstance, phone: string, password: string = DEMO_PASSWORD): Promise<Session> {
  const res = await request(app, { method: 'POST', url: '/api/auth/password', payload: { phone, password } });
  expect({ phone, status: res.statusCode }).toEqual({ phone, status: 200 });
  return sessionSchema.parse(res.json());
}

/** The tests' SMS sender of an app built by buildTestApp. */
export function smsOutbox(app: FastifyInstance): MemorySmsSender {
  if (!(app.sms instanceof MemorySmsSender)) throw new Error('this app sends SMS codes elsewhere than the tests\' sender');
  return app.sms;
}

/**
 * Asks for an SMS code for `phone` (`POST /api/auth/sms`, from an address of its own) and answers
 * the code the tests' sender got; fails the test unless the ask is answered 200 and a code went out.
 */
export async function smsCode(app: FastifyInstance, phone: string, purpose: SmsPurpose = 'register'): Promise<string> {
  const sent = smsOutbox(app).sent.length;
  const res = await request(app, { method: 'POST', url: '/api/auth/sms', payload: { phone, purpose } });
  expect({ phone, status: res.statusCode }).toEqual({ phone, status: 200 });
  const code = smsOutbox(app).sent.slice(sent).findLast((s) => s.phone === phone)?.code;
  if (!code) throw new Error(`no SMS code went to ${phone}`);
  return code;
}

/**
 * Signs up a resident, its phone proven by an SMS code as the web build's sign-up does; fails the
 * test unless the answer is 201 with a session.
 */
export async function signUp(app: FastifyInstance, body: { phone: string; password?: string; name?: string; communityId?: string }): Promise<Session> {
  const res = await request(app, {
    method: 'POST',
    url: '/api/auth/register',
    payload: { agreed: true, password: 'a-good-password', name: '新居民', smsCode: await smsCode(app, body.phone), ...body },
  });
  expect({ phone: body.phone, status: res.statusCode }).toEqual({ phone: body.phone, status: 201 });
  return sessionSchema.parse(res.json());
}

let phoneCounter = 0;
/** A mainland mobile number no demo account has (the demo uses 139…). */
export function freshPhone(): string {
  phoneCounter += 1;
  return `137${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

/**
 * Ids of the demo city by name: every org node by the shortest tail of its path of names that is
 * unique, and by every longer tail (新罗区, 东城街道/龙津社区, 龙津社区/阳光花园,
 * 龙津社区/阳光花园/1栋); every unit by its name.
 */
export async function demoIds(app: FastifyInstance): Promise<Record<string, string>> {
  const nodes = await app.db.select().from(orgNodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const namesOf = (id: number): string[] => {
    const node = byId.get(id)!;
    return node.parentId === null ? [node.name] : [...namesOf(node.parentId), node.name];
  };
  const tails = new Map<string, string[]>();
  for (const n of nodes) {
    const names = namesOf(n.id);
    for (let k = 1; k <= names.length; k++) {
      const key = names.slice(-k).join('/');
      tails.set(key, [...(tails.get(key) ?? []), String(n.id)]);
    }
  }
  const ids: Record<string, string> = {};
  for (const [key, found] of tails) if (found.length === 1) ids[key] = found[0]!;
  for (const u of await app.db.select().from(units)) ids[u.name] = String(u.id);
  return ids;
}
