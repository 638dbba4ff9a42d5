import { errorBodySchema, householdSchema, pairingSchema, pointsForMinutes, type Household } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { households, pairings } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import {
  PEOPLE,
  api,
  asHousehold,
  asRecord,
  callersOf,
  expectCode,
  expectInvalid,
  expectOk,
  listen,
  logRecord,
  newHousehold,
  pointsOf,
  raceOver,
  recordBody,
  reportedMember,
  reportedMembers,
  session,
  unreportedMember,
  verify,
  type Caller,
} from './support/service';

// Pairing assistance (结对帮扶): staff register households in difficulty; reported members pair with
// them, one at a time unless staff allow more; visits are service records of the pairing.

// Races over real connections take longer than most tests on a busy machine.
jest.setTimeout(180_000);

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;
let base: string;
const clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
  base = await listen(t.app);
  // Staff of 龙津社区 allow up to three members a household (社区设置); unset, one.
  expectOk(await api(t.app, who.staff, 'PUT', `/api/communities/${ids['龙津社区']}/settings`, { contactDays: 7, fulfilDays: 30, householdMaxMembers: 3 }));
}, 240_000);
afterAll(() => t.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const hospital = () => ids['龙岩市第一医院']!;
const member = () => reportedMember(t.app, { communityId: longjin(), unitId: hospital() });
const pair = (m: Caller, householdId: string) => api(t.app, m, 'POST', `/api/households/${householdId}/pair`);
const listed = async (as: Caller, householdId: string): Promise<Household | undefined> =>
  z.object({ items: z.array(householdSchema) }).parse(expectOk(await api(t.app, as, 'GET', `/api/households?communityId=${longjin()}`))).items.find((h) => h.id === householdId);
const pairingsOf = async (m: Caller) => z.object({ items: z.array(pairingSchema) }).parse(expectOk(await api(t.app, m, 'GET', '/api/pairings'))).items;
const activeRows = (householdId: string) =>
  t.app.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.householdId, Number(householdId)), eq(pairings.status, 'active')));
const countOf = async (householdId: string) => (await t.app.db.select({ n: households.activePairings }).from(households).where(eq(households.id, Number(householdId))))[0]!.n;

describe('staff of a community register its households in difficulty', () => {
  it('answers 201 with the full name and address to the staff, no pairing yet', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { name: '张德顺', address: '阳光花园 3 栋 201 室' });
    expect(h).toMatchObject({ communityId: longjin(), communityName: '龙津社区', name: '张德顺', address: '阳光花园 3 栋 201 室', maxMembers: 1, activePairings: 0, pairedWithMe: false });
  });

  it('members and residents answer 403, staff of another community 404; needs are required (400)', async () => {
    const body = { communityId: longjin(), name: '李大爷', needs: '需要代购生活用品。' };
    expectCode(await api(t.app, who.member, 'POST', '/api/households', body), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.resident, 'POST', '/api/households', body), 403, 'FORBIDDEN');
    expectCode(await api(t.app, who.otherStaff, 'POST', '/api/households', body), 404, 'NOT_FOUND');
    expectInvalid(await api(t.app, who.staff, 'POST', '/api/households', { ...body, needs: '' }), 'body.needs');
  });
});

describe('a household’s name and address go only to the community’s staff and its paired members', () => {
  it('a member not paired sees the name masked (张**) and no address; once paired, both', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { name: '张德顺', address: '丽景小区 2 栋 808 室' });
    const m = await member();
    const before = await listed(m, h.id);
    expect(before).toMatchObject({ name: '张**', needs: h.needs, pairedWithMe: false });
    expect(before).not.toHaveProperty('address');
    const raw = (await api(t.app, m, 'GET', `/api/households?communityId=${longjin()}`)).body;
    expect(raw).not.toContain('丽景小区 2 栋 808 室');
    expect(raw).not.toContain('张德顺');

    const paired = asHousehold(await pair(m, h.id));
    expect(paired).toMatchObject({ name: '张德顺', address: '丽景小区 2 栋 808 室', pairedWithMe: true, activePairings: 1 });
    expect(await listed(m, h.id)).toMatchObject({ name: '张德顺', address: '丽景小区 2 栋 808 室' });
    // a resident of the community still sees it masked
    const seenByResident = await listed(who.resident, h.id);
    expect(seenByResident).toMatchObject({ name: '张**' });
    expect(seenByResident).not.toHaveProperty('address');
  });
});

describe('one active member per household, unless staff allow more', () => {
  it('a reported member pairs; a second member answers 409 HOUSEHOLD_FULL', async () => {
    const h = await newHousehold(t.app, who.staff, longjin());
    const [a, b] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 2 });
    expect(asHousehold(await pair(a!, h.id))).toMatchObject({ activePairings: 1, pairedWithMe: true });
    expectCode(await pair(b!, h.id), 409, 'HOUSEHOLD_FULL');
    expect((await activeRows(h.id)).map((p) => p.memberId)).toEqual([a!.userId]);
  });

  it('with maxMembers 2 a second member pairs and a third answers 409 HOUSEHOLD_FULL', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { maxMembers: 2 });
    const [a, b, c] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 3 });
    asHousehold(await pair(a!, h.id));
    expect(asHousehold(await pair(b!, h.id)).activePairings).toBe(2);
    expectCode(await pair(c!, h.id), 409, 'HOUSEHOLD_FULL');
    expect(await countOf(h.id)).toBe(2);
  });

  it('the same member pairing twice answers 409 ALREADY_PAIRED', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { maxMembers: 3 });
    const m = await member();
    asHousehold(await pair(m, h.id));
    expectCode(await pair(m, h.id), 409, 'ALREADY_PAIRED');
    expect(await countOf(h.id)).toBe(1);
  });

  it('a member not reported in the community answers 403 NOT_REPORTED_HERE; one not reported anywhere too', async () => {
    const h = await newHousehold(t.app, who.staff, longjin());
    expectCode(await pair(who.memberElsewhere, h.id), 403, 'NOT_REPORTED_HERE');
    expectCode(await pair(await unreportedMember(t.app, { home: longjin(), unitId: hospital() }), h.id), 403, 'NOT_REPORTED_HERE');
    expectCode(await pair(who.resident, h.id), 403, 'FORBIDDEN');
    expect(await countOf(h.id)).toBe(0);
  });
});

describe('ending a pairing frees the household’s place', () => {
  it('the member ends it; another member may then pair; ending twice answers 409', async () => {
    const h = await newHousehold(t.app, who.staff, longjin());
    const [a, b] = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 2 });
    asHousehold(await pair(a!, h.id));
    const [pairing] = (await pairingsOf(a!)).filter((p) => p.householdId === h.id);
    const ended = pairingSchema.parse(expectOk(await api(t.app, a!, 'POST', `/api/pairings/${pairing!.id}/end`)));
    expect(ended).toMatchObject({ id: pairing!.id, status: 'ended' });
    expect(await countOf(h.id)).toBe(0);
    expect((await api(t.app, a!, 'POST', `/api/pairings/${pairing!.id}/end`)).statusCode).toBe(409);

    expect(asHousehold(await pair(b!, h.id))).toMatchObject({ activePairings: 1, pairedWithMe: true });
    // the member who ended no longer sees the name
    expect(await listed(a!, h.id)).toMatchObject({ name: '张**', pairedWithMe: false });
  });

  it('staff of the community may end it; another member may not (404)', async () => {
    const h = await newHousehold(t.app, who.staff, longjin());
    const a = await member();
    asHousehold(await pair(a, h.id));
    const [pairing] = (await pairingsOf(a)).filter((p) => p.householdId === h.id);
    expectCode(await api(t.app, await member(), 'POST', `/api/pairings/${pairing!.id}/end`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, who.otherStaff, 'POST', `/api/pairings/${pairing!.id}/end`), 404, 'NOT_FOUND');
    expect(pairingSchema.parse(expectOk(await api(t.app, who.staff, 'POST', `/api/pairings/${pairing!.id}/end`))).status).toBe('ended');
    expect(await countOf(h.id)).toBe(0);
  });
});

describe('a visit is a service record of the pairing and counts once verified', () => {
  it('logs a record with source pairing in the household’s community; it counts only after staff verify it', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { needs: '独居老人，需要每周探访、代购生活用品。' });
    const m = await member();
    asHousehold(await pair(m, h.id));
    const [pairing] = (await pairingsOf(m)).filter((p) => p.householdId === h.id);

    const record = await logRecord(t.app, m, recordBody({ type: 'pairing', id: pairing!.id }, session(clock, 90), { content: '上门探访，代购米面油。' }));
    expect(record).toMatchObject({ communityId: longjin(), source: { type: 'pairing', id: pairing!.id }, minutes: 90, status: 'pending' });
    expect(record.source.title).toContain('结对帮扶');
    expect(await pointsOf(t.app, m)).toMatchObject({ balance: 0, verifiedMinutes: 0 });

    asRecord(await verify(t.app, who.staff, record.id));
    expect(await pointsOf(t.app, m)).toMatchObject({ balance: pointsForMinutes(90), verifiedMinutes: 90, verifiedRecords: 1 });
  });
});

describe(`a household allowing 3 members takes exactly 3 of 20 racing members (${TEST_DB})`, () => {
  it.each([1, 2])('round %i: three 200, seventeen 409 HOUSEHOLD_FULL, three active pairings', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { maxMembers: 3 });
    const racers = await reportedMembers(t.app, { communityId: longjin(), unitId: hospital(), count: 20, name: '结对党员' });
    const answers = await raceOver(base, racers, (m) => ({ method: 'POST', path: `/api/households/${h.id}/pair`, token: m.token }));

    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(3);
    expect(new Set(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${errorBodySchema.parse(a.json).error.code}`))).toEqual(new Set(['409 HOUSEHOLD_FULL']));
    expect((await activeRows(h.id)).map((p) => p.memberId).sort()).toEqual(winners.map((w) => w.caller.userId).sort());
    expect(await countOf(h.id)).toBe(3);
  });

  it('one member pairing twice at once holds one pairing', async () => {
    const h = await newHousehold(t.app, who.staff, longjin(), { maxMembers: 3 });
    const m = await member();
    const answers = await raceOver(base, [m, m, m], (x) => ({ method: 'POST', path: `/api/households/${h.id}/pair`, token: x.token }));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => errorBodySchema.parse(a.json).error.code)).toEqual(['ALREADY_PAIRED', 'ALREADY_PAIRED']);
    expect(await activeRows(h.id)).toHaveLength(1);
    expect(await countOf(h.id)).toBe(1);
  });
});
