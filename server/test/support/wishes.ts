import { randomBytes } from 'node:crypto';
import {
  notificationListSchema,
  orgNodeSchema,
  photoSchema,
  wishSchema,
  type NotificationList,
  type Photo,
  type Wish,
  type WishCategory,
} from '@huijia/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { auditLog, reports, rosterEntries, users } from '../../src/db/schema';
import { bearer, freshPhone } from './identity';
import { SMALL_JPEG } from './images';

/**
 * Helpers for the micro-wish (微心愿) tests: the demo city's people by what they are to a wish of
 * 龙津社区, callers with signed access tokens, wishes driven through the API to each state, images
 * and multipart bodies built in memory.
 */

/** Demo logins (src/seed/demo-city.ts) by what they are to a wish posted in 龙津社区. */
export const WHO = {
  /** 王秀兰, lives in 龙津社区: posts the wishes. */
  resident: '13900000201',
  /** 李志远, confirmed member of 龙津社区: claims. */
  claimant: '13900000101',
  /** 赵雪梅, confirmed member of 龙津社区: may claim, but did not. */
  reportedMember: '13900000102',
  /** 孙浩然, confirmed member of 中山社区, not of 龙津社区. */
  memberReportedElsewhere: '13900000103',
  /** 曾美玲, member living in 龙津社区 who has not reported anywhere. */
  memberNotReported: '13900000110',
  /** 张丽华, staff of 龙津社区. */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区. */
  otherStaff: '13900000012',
  /** 陈阿婆, lives in 龙津社区, nothing to do with the wish. */
  unrelatedResident: '13900000202',
  /** 林秀英, street admin of 东城街道 (above 龙津社区): oversees, is not staff of the community. */
  streetAdmin: '13900000002',
  /** 陈建国, district admin of 新罗区. */
  districtAdmin: '13900000001',
} as const;
export type Who = keyof typeof WHO;

/** Someone calling the API: their user id and a signed access token. */
export interface Caller {
  userId: number;
  phone: string;
  token: string;
}

/** A caller for an existing account, with a token the app signs as its sign-in would. */
export async function callerOf(app: FastifyInstance, phone: string): Promise<Caller> {
  const [user] = await app.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  if (!user) throw new Error(`no account with phone ${phone}`);
  return { userId: user.id, phone, token: app.jwt.sign({ sub: String(user.id) }) };
}

export async function callersOf<K extends string>(app: FastifyInstance, phones: Record<K, string>): Promise<Record<K, Caller>> {
  const out = {} as Record<K, Caller>;
  for (const [k, phone] of Object.entries(phones) as [K, string][]) out[k] = await callerOf(app, phone);
  return out;
}

/** `app.inject` as someone. */
export function api(
  app: FastifyInstance,
  who: Caller,
  method: InjectOptions['method'],
  url: string,
  payload?: InjectOptions['payload'],
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, payload, headers: { ...bearer(who.token), ...headers } });
}

/** The answer's status and body, so that a wrong status shows why. */
export const outcome = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: safeJson(res.body) });
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Asserts the status (printing the whole answer when wrong) and answers the body. */
export function expectOk(res: LightMyRequestResponse, status = 200): unknown {
  expect(res.statusCode === status ? status : outcome(res)).toBe(status);
  return res.json();
}

/** Asserts an error answer of the one shape: status and code. */
export function expectCode(res: LightMyRequestResponse, status: number, code: string): void {
  expect(outcome(res)).toMatchObject({ status, body: { error: { code } } });
}

export const asWish = (res: LightMyRequestResponse, status = 200): Wish => wishSchema.parse(expectOk(res, status));

let wishCounter = 0;
/** Private details unique to one wish, so that a leak is found by searching the raw answer. */
export function privateDetails(): { contactPhone: string; address: string; marker: string } {
  wishCounter += 1;
  const marker = `ADDR${randomBytes(4).toString('hex').toUpperCase()}`;
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  return { contactPhone: `158${digits}`, address: `阳光花园${wishCounter}栋${wishCounter % 30}0${wishCounter % 9}室-${marker}`, marker };
}

export interface WishInput {
  communityId: string;
  title?: string;
  description?: string;
  category?: WishCategory;
  contactPhone?: string;
  address?: string;
  photoIds?: string[];
}

export function wishBody(input: WishInput) {
  const details = privateDetails();
  return {
    title: '帮忙修理水龙头',
    description: '厨房水龙头一直漏水，老人独居不会修。',
    category: 'repair' as WishCategory,
    contactPhone: details.contactPhone,
    address: details.address,
    ...input,
  };
}

/** Posts a wish as the resident: 201, pending review. */
export async function submitWish(app: FastifyInstance, resident: Caller, input: WishInput): Promise<Wish> {
  const wish = asWish(await api(app, resident, 'POST', '/api/wishes', wishBody(input)), 201);
  expect(wish.status).toBe('pending_review');
  return wish;
}

/** The people who drive a wish along its main path. */
export interface Cast {
  resident: Caller;
  staff: Caller;
  claimant: Caller;
}

const step = async (app: FastifyInstance, who: Caller, wish: Wish, verb: string, payload?: object): Promise<Wish> =>
  asWish(await api(app, who, 'POST', `/api/wishes/${wish.id}/${verb}`, payload));

/** Drives a new wish of `communityId` to `state` through the API, as the cast would. */
export async function wishIn(
  app: FastifyInstance,
  cast: Cast,
  communityId: string,
  state: 'pending_review' | 'published' | 'claimed' | 'contacted' | 'fulfilled' | 'disputed' | 'completed' | 'rejected' | 'withdrawn',
  input: Partial<WishInput> = {},
): Promise<Wish> {
  let wish = await submitWish(app, cast.resident, { communityId, ...input });
  if (state === 'pending_review') return wish;
  if (state === 'rejected') return step(app, cast.staff, wish, 'reject', { reason: '不属于微心愿范围' });
  if (state === 'withdrawn') return step(app, cast.resident, wish, 'withdraw');
  wish = await step(app, cast.staff, wish, 'approve');
  if (state === 'published') return wish;
  wish = await step(app, cast.claimant, wish, 'claim');
  if (state === 'claimed') return wish;
  wish = await step(app, cast.claimant, wish, 'contact');
  if (state === 'contacted') return wish;
  wish = await step(app, cast.claimant, wish, 'fulfil', { note: '已上门更换水龙头' });
  if (state === 'fulfilled') return wish;
  return step(app, cast.resident, wish, 'confirm', { rating: state === 'disputed' ? 1 : 5, comment: '谢谢' });
}

/** The audit trail of one wish, oldest first. */
export const auditOfWish = (app: FastifyInstance, wishId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, wishId)))
    .orderBy(asc(auditLog.id));

export async function notificationsOf(app: FastifyInstance, who: Caller): Promise<NotificationList> {
  return notificationListSchema.parse(expectOk(await api(app, who, 'GET', '/api/notifications?limit=100')));
}

/** The kinds of the caller's messages about one wish, newest first. */
export async function messagesAbout(app: FastifyInstance, who: Caller, wishId: string): Promise<string[]> {
  const list = await notificationsOf(app, who);
  return list.items.filter((n) => n.entity === 'wish' && n.entityId === wishId).map((n) => n.kind);
}

/**
 * `count` new in-service members with a confirmed report to `communityId`: accounts, roster rows of
 * `unitId` and reports written straight into the tables (the report flow is another file's
 * subject), each with a signed token.
 */
export async function reportedMembers(
  app: FastifyInstance,
  options: { communityId: string; unitId: string; count: number; name?: string },
): Promise<Caller[]> {
  const people = Array.from({ length: options.count }, (_, i) => ({ phone: freshPhone(), name: `${options.name ?? '党员'}${i + 1}` }));
  const made = await app.db
    .insert(users)
    .values(people.map((p) => ({ phone: p.phone, name: p.name, homeCommunityId: Number(options.communityId) })))
    .returning({ id: users.id, phone: users.phone });
  await app.db.insert(rosterEntries).values(people.map((p) => ({ unitId: Number(options.unitId), name: p.name, phone: p.phone, branch: '第一党支部' })));
  await app.db.insert(reports).values(
    made.map((u) => ({
      memberId: u.id,
      unitId: Number(options.unitId),
      communityId: Number(options.communityId),
      basis: 'residence' as const,
      status: 'confirmed' as const,
      decidedAt: new Date(),
    })),
  );
  return made.map((u) => ({ userId: u.id, phone: u.phone!, token: app.jwt.sign({ sub: String(u.id) }) }));
}

let communityCounter = 0;
/**
 * A new community under `parentId` (a street), made by the district admin through the API, with a
 * new staff member of its own.
 */
export async function newCommunity(app: FastifyInstance, districtAdmin: Caller, parentId: string): Promise<{ id: string; staff: Caller }> {
  communityCounter += 1;
  const name = `测试社区${process.pid}-${communityCounter}-${randomBytes(2).toString('hex')}`;
  const node = orgNodeSchema.parse(expectOk(await api(app, districtAdmin, 'POST', '/api/orgs', { parentId, kind: 'community', name }), 201));
  const phone = freshPhone();
  expectOk(
    await api(app, districtAdmin, 'POST', '/api/staff', { phone, name: '社区干部', role: 'community_staff', orgId: node.id, initialPassword: 'staff-password-1' }),
    201,
  );
  return { id: node.id, staff: await callerOf(app, phone) };
}

// Files whose first bytes say an image and whose rest is noise: the server sniffs the first bytes,
// then decodes the pixels, and refuses these (400 UPLOAD_NOT_IMAGE). Real images are in ./images.
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  randomBytes(64),
  Buffer.from([0xff, 0xd9]),
]);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  randomBytes(32),
]);
export const WEBP = (() => {
  const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'ascii'), randomBytes(40)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), size, body]);
})();

/** A JPEG of `bytes` bytes: a JPEG start followed by filler. */
export const jpegOfSize = (bytes: number) => Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(bytes - 20, 0x5a)]);

/** A multipart/form-data body, built by hand. */
export function multipart(parts: { name: string; filename?: string; contentType?: string; content: Buffer | string }[]) {
  const boundary = `----huijia-wish-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads an image in the field `file`; answers the raw answer. */
export function postImage(app: FastifyInstance, who: Caller, content: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') {
  const body = multipart([{ name: 'file', filename, contentType, content }]);
  return api(app, who, 'POST', '/api/uploads', body.payload, body.headers);
}

/** Uploads an image and answers the photo (201). */
export async function uploadImage(app: FastifyInstance, who: Caller, content: Buffer = SMALL_JPEG): Promise<Photo> {
  return photoSchema.parse(expectOk(await postImage(app, who, content), 201));
}

/** The rows of a raw `db.execute` answer (both drivers answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * How long `beforeAll` may take to build a fresh app with the demo city (migrations, argon2 hashes
 * of the demo logins): seconds alone, over a minute on a loaded shared machine.
 */
export const APP_START_TIMEOUT = 180_000;
