import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditLog, notifications, wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { APP_START_TIMEOUT, WHO, api, asWish, callersOf, expectCode, outcome, uploadImage, wishBody, type Caller, type Who } from './support/wishes';

// POST /api/wishes takes an Idempotency-Key: a phone on a bad network retries, and the resident
// must not end up with two wishes. The same key from the same user answers the first result again.

let t: TestApp;
let p: Record<Who, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  longjin = (await demoIds(t.app))['龙津社区']!;
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

/** A wish body with a title no other test uses, so the wishes made from it can be counted. */
const uniqueBody = () => wishBody({ communityId: longjin, title: `幂等心愿${randomBytes(4).toString('hex')}` });
const post = (who: Caller, body: object, key?: string) =>
  api(t.app, who, 'POST', '/api/wishes', body, key === undefined ? {} : { 'idempotency-key': key });
const wishesTitled = (title: string) => t.app.db.select().from(wishes).where(eq(wishes.title, title));

describe('the same Idempotency-Key from the same user answers the first result again', () => {
  it('answers 201 then 200 with the same wish, and makes one wish, one audit row, one message to staff', async () => {
    const body = uniqueBody();
    const key = randomUUID();
    const first = asWish(await post(p.resident, body, key), 201);
    const again = asWish(await post(p.resident, body, key), 200);
    expect(again).toEqual(first);
    const made = await wishesTitled(body.title);
    expect(made.map((w) => String(w.id))).toEqual([first.id]);
    expect(await t.app.db.select().from(auditLog).where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, 'wish.submit')))).toHaveLength(1);
    const told = await t.app.db.select().from(notifications).where(and(eq(notifications.entityId, first.id), eq(notifications.kind, 'wish.submitted')));
    expect(told.map((n) => n.userId)).toEqual([p.staff.userId]);
  });

  it('answers the first wish even when the retry’s body differs', async () => {
    const body = uniqueBody();
    const key = randomUUID();
    const first = asWish(await post(p.resident, body, key), 201);
    const other = { ...body, title: `${body.title}改` };
    expect(asWish(await post(p.resident, other, key), 200).id).toBe(first.id);
    expect(await wishesTitled(other.title)).toEqual([]);
  });

  it('a different key, or no key, makes another wish', async () => {
    const body = uniqueBody();
    const a = asWish(await post(p.resident, body, randomUUID()), 201);
    const b = asWish(await post(p.resident, body, randomUUID()), 201);
    const c = asWish(await post(p.resident, body), 201);
    const d = asWish(await post(p.resident, body), 201);
    expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(4);
    expect(await wishesTitled(body.title)).toHaveLength(4);
  });

  it('a request refused inside the write does not use the key up: the corrected retry makes the wish', async () => {
    const body = uniqueBody();
    const key = randomUUID();
    const foreign = await uploadImage(t.app, p.unrelatedResident);
    expectCode(await post(p.resident, { ...body, photoIds: [foreign.id] }, key), 400, 'UPLOAD_NOT_FOUND');
    expect(await wishesTitled(body.title)).toEqual([]);
    const made = asWish(await post(p.resident, body, key), 201);
    expect(asWish(await post(p.resident, body, key), 200).id).toBe(made.id);
    expect(await wishesTitled(body.title)).toHaveLength(1);
  });

  it('refuses a key longer than 100 characters with 400 VALIDATION_FAILED and makes nothing', async () => {
    const body = uniqueBody();
    expectCode(await post(p.resident, body, 'k'.repeat(101)), 400, 'VALIDATION_FAILED');
    expect(await wishesTitled(body.title)).toEqual([]);
  });
});

describe(`concurrent requests with one key make one wish (${TEST_DB})`, () => {
  it('of 12 simultaneous posts with one key, all answer the same wish, one 201, and one wish exists', async () => {
    const body = uniqueBody();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(p.resident, body, key)));
    expect(answers.filter((r) => r.statusCode !== 200 && r.statusCode !== 201).map(outcome)).toEqual([]);
    expect({ created: answers.filter((r) => r.statusCode === 201).length, replayed: answers.filter((r) => r.statusCode === 200).length }).toEqual({
      created: 1,
      replayed: 11,
    });
    const wishIds = new Set(answers.map((r) => asWish(r, r.statusCode).id));
    expect(wishIds.size).toBe(1);
    const made = await wishesTitled(body.title);
    expect(made.map((w) => String(w.id))).toEqual([...wishIds]);
    expect(await t.app.db.select().from(auditLog).where(and(eq(auditLog.entityId, made[0]!.id.toString()), eq(auditLog.action, 'wish.submit')))).toHaveLength(1);
  });
});

describe('the same key from another user makes that user’s own wish', () => {
  it('answers each user their own wish, 201 both times', async () => {
    const body = uniqueBody();
    const key = randomUUID();
    const mine = asWish(await post(p.resident, body, key), 201);
    const theirs = asWish(await post(p.unrelatedResident, body, key), 201);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.viewerActors).toEqual(['resident']);
    const made = await wishesTitled(body.title);
    expect(made.map((w) => w.residentId).sort()).toEqual([p.resident.userId, p.unrelatedResident.userId].sort());
    // Each user's retry still answers their own.
    expect(asWish(await post(p.unrelatedResident, body, key), 200).id).toBe(theirs.id);
    expect(asWish(await post(p.resident, body, key), 200).id).toBe(mine.id);
  });
});
