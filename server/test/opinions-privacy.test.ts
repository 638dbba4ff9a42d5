import { randomBytes } from 'node:crypto';
import { OPINION_LEVELS, levelWithin, nextLevel, type Opinion, type OpinionLevel } from '@huijia/shared';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { HOLDER_OF, appointGridLeader, asOpinion, asPage, castOf, opinionBody, type Role } from './support/opinions';
import { APP_START_TIMEOUT, api, expectCode, uploadImage, type Caller } from './support/wishes';

// Who receives what of an opinion (the privacy contract of `opinionSchema`; domain.md: "resolved
// opinions of a community are shown to its residents without the reporter's name or contact"; the
// issue: the reporter's contact only to the holders of the current and past levels, a collected
// one's source person only to staff). Every route that answers an opinion is read by everyone an
// opinion of 龙津社区 can meet, and each answer is searched, as raw text, for what it must not hold.

let t: TestApp;
let ids: Record<string, string>;
let cast: Record<Role, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  cast = await castOf(t.app, ids['新罗区']!);
  await appointGridLeader(t.app, cast.staff, cast.gridLeader);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

/** Who each viewer is to an opinion of 龙津社区 (as in opinions-machine.test.ts). */
const HOLDS: Partial<Record<Role, OpinionLevel[]>> = { staff: ['branch', 'community'], gridLeader: ['branch'], streetAdmin: ['street'], partyRep: ['representative'] };
const OVERSEES: ReadonlySet<Role> = new Set(['staff', 'streetAdmin', 'partyRep', 'districtAdmin', 'overseer']);
/** 王秀兰 (of the others' opinions), 陈阿婆, 张丽华 and 陈建国 live in 龙津社区; 李志远 and 赵雪梅 serve there. */
const NEIGHBOURS: ReadonlySet<Role> = new Set(['reporter', 'neighbour', 'member', 'gridLeader', 'staff', 'districtAdmin']);
/** Staff of 龙津社区 and admins above it: not the party representative, not a grid leader. */
const STAFF: ReadonlySet<Role> = new Set(['staff', 'streetAdmin', 'districtAdmin', 'overseer']);
const VIEWERS: Role[] = ['reporter', 'staff', 'gridLeader', 'streetAdmin', 'partyRep', 'neighbour', 'member', 'stranger', 'staffElsewhere', 'streetAdminElsewhere', 'districtAdmin', 'overseer'];

/** An opinion of the test, with the text unique to it that must not leak. */
interface Made {
  id: string;
  reporter: Role;
  collected: boolean;
  description: string;
  contactPhone: string;
  source: { name: string; phone: string } | null;
  photoId: string;
}

interface View {
  description: boolean;
  contactPhone: boolean;
  raisedBy: boolean;
  reporterName: boolean;
  workerNames: boolean;
}

/** What `who` must receive of `made` as it stands (null: not found). */
function viewOf(who: Role, made: Made, o: Pick<Opinion, 'status' | 'levelReached'>): View | null {
  const reporter = who === made.reporter;
  const neighbour = !reporter && NEIGHBOURS.has(who);
  const handles = (HOLDS[who] ?? []).some((level) => levelWithin(level, o.levelReached));
  const sees = reporter || handles || OVERSEES.has(who) || (neighbour && o.status !== 'closed');
  if (!sees) return null;
  const whole = reporter || handles || OVERSEES.has(who);
  const knowsSource = reporter || STAFF.has(who);
  return {
    description: whole || o.status !== 'open',
    contactPhone: reporter || handles,
    raisedBy: made.collected && knowsSource,
    reporterName: whole && (!made.collected || knowsSource),
    workerNames: STAFF.has(who) || handles,
  };
}

const REPORTER_STEPS = ['raise', 'rate', 'reopen'];

/** Checks one opinion as `who` received it, alone (`raw`: its own text) or in a list. */
function expectShown(who: Role, made: Made, o: Opinion, raw: string) {
  const view = viewOf(who, made, o);
  expect({ who, seen: view !== null }).toEqual({ who, seen: true });
  const has = (text: string) => raw.includes(text);
  const fields = {
    who,
    description: o.description !== undefined,
    photos: o.photos !== undefined,
    contactPhone: o.contactPhone !== undefined,
    raisedBy: o.raisedBy !== undefined,
    reporterName: o.reporterName !== undefined,
    leaks: { description: has(made.description), contactPhone: has(made.contactPhone), sourceName: made.source !== null && has(made.source.name), sourcePhone: made.source !== null && has(made.source.phone) },
  };
  expect(fields).toEqual({
    who,
    description: view!.description,
    photos: view!.description,
    contactPhone: view!.contactPhone && !made.collected,
    raisedBy: view!.raisedBy,
    reporterName: view!.reporterName,
    leaks: {
      description: view!.description,
      contactPhone: view!.contactPhone && !made.collected,
      sourceName: made.source !== null && view!.raisedBy,
      sourcePhone: made.source !== null && view!.raisedBy,
    },
  });
  if (view!.description) expect(o.photos!.map((p) => p.id)).toEqual([made.photoId]);
  if (view!.raisedBy) expect(o.raisedBy).toEqual(made.source);
  if (view!.reporterName) expect(o.reporterName).toBe(made.collected ? made.source!.name : '王秀兰');
  if (view!.contactPhone && !made.collected) expect(o.contactPhone).toBe(made.contactPhone);
  for (const step of o.history ?? []) {
    const own = who === made.reporter && REPORTER_STEPS.includes(step.action);
    expect({ who, step: step.action, named: step.actorName !== undefined }).toEqual({ who, step: step.action, named: view!.workerNames || own });
    if (!view!.description) expect(step.note).toBeNull();
    expect(step.actorRole).toMatch(/\p{Script=Han}/u);
  }
}

const bodyOf = (res: LightMyRequestResponse) => ({ opinion: asOpinion(res, res.statusCode === 201 ? 201 : 200), raw: res.body });

/** An answer to `who` about `made`: checked for what it holds and what it must not. */
function expectAnswer(who: Role, made: Made, res: LightMyRequestResponse): Opinion {
  const { opinion, raw } = bodyOf(res);
  expectShown(who, made, opinion, raw);
  return opinion;
}

let serial = 0;
/**
 * An opinion of 龙津社区 at `level` in `status`, raised (or logged) and moved there through the API,
 * every answer on the way checked for its caller.
 */
async function made(level: OpinionLevel, status: 'open' | 'resolved' | 'closed', source: 'self' | 'collected' | 'mailbox' = 'self'): Promise<Made> {
  serial += 1;
  const reporter: Role = source === 'self' ? 'reporter' : source === 'collected' ? 'staff' : 'member';
  const photo = await uploadImage(t.app, cast[reporter]);
  const sourcePerson = source === 'self' ? null : { name: `来信人${randomBytes(3).toString('hex')}`, phone: `136${String(10_000_000 + serial * 7919).slice(-8)}` };
  const body = opinionBody(longjin, {
    source,
    photoIds: [photo.id],
    ...(sourcePerson ? { raisedBy: sourcePerson, contactPhone: undefined } : {}),
  });
  const m: Made = {
    id: '',
    reporter,
    collected: source !== 'self',
    description: body.description.split(' ').at(-1)!,
    contactPhone: body.contactPhone ?? `NO-CONTACT-${serial}`,
    source: sourcePerson,
    photoId: photo.id,
  };
  let opinion = expectAnswer(reporter, m, await api(t.app, cast[reporter], 'POST', '/api/opinions', JSON.parse(JSON.stringify(body))));
  m.id = opinion.id;
  for (let at: OpinionLevel = 'branch'; at !== level; at = nextLevel(at)!) {
    opinion = expectAnswer(HOLDER_OF[at], m, await api(t.app, cast[HOLDER_OF[at]], 'POST', `/api/opinions/${m.id}/escalate`, { reason: '提请上级' }));
  }
  if (status === 'resolved') expectAnswer(HOLDER_OF[level], m, await api(t.app, cast[HOLDER_OF[level]], 'POST', `/api/opinions/${m.id}/resolve`, { reply: '已处理完毕' }));
  if (status === 'closed') expectAnswer(HOLDER_OF[level], m, await api(t.app, cast[HOLDER_OF[level]], 'POST', `/api/opinions/${m.id}/close`, { reason: '不属受理范围' }));
  return m;
}

describe(`the detail, to everyone (${TEST_DB})`, () => {
  const cases = OPINION_LEVELS.flatMap((level) => (['open', 'resolved', 'closed'] as const).map((status) => [level, status] as const));
  it.each(cases)('a resident’s own opinion at %s, %s', async (level, status) => {
    const m = await made(level, status);
    for (const who of VIEWERS) {
      const res = await api(t.app, cast[who], 'GET', `/api/opinions/${m.id}`);
      const view = viewOf(who, m, { status, levelReached: level });
      if (view === null) {
        expectCode(res, 404, 'NOT_FOUND');
        continue;
      }
      expectAnswer(who, m, res);
      // Its photo goes to whoever receives the description, and to nobody else.
      const photo = await api(t.app, cast[who], 'GET', `/api/uploads/${m.photoId}`);
      expect({ who, status: photo.statusCode }).toEqual({ who, status: view.description ? 200 : 404 });
    }
  });

  it.each([
    ['branch', 'open', 'collected'],
    ['representative', 'open', 'collected'],
    ['street', 'resolved', 'collected'],
    ['community', 'open', 'mailbox'],
    ['community', 'resolved', 'mailbox'],
  ] as const)('a %s opinion, %s, logged (%s) with its source person', async (level, status, source) => {
    const m = await made(level, status, source);
    for (const who of VIEWERS) {
      const res = await api(t.app, cast[who], 'GET', `/api/opinions/${m.id}`);
      if (viewOf(who, m, { status, levelReached: level }) === null) expectCode(res, 404, 'NOT_FOUND');
      else expectAnswer(who, m, res);
    }
  });
});

describe(`every action’s answer (${TEST_DB})`, () => {
  it('holds for each holder escalating, resolving and closing, at every level (checked as the opinions are made)', async () => {
    for (const level of OPINION_LEVELS) {
      await made(level, 'resolved');
      await made(level, 'closed', 'collected');
    }
  });

  it('holds for the reporter rating and reopening, and for a neighbour seconding an open one', async () => {
    const m = await made('street', 'resolved');
    expectAnswer('reporter', m, await api(t.app, cast.reporter, 'POST', `/api/opinions/${m.id}/rate`, { satisfaction: 'unsatisfied', comment: '还是不行' }));
    const open = await made('community', 'open');
    for (const who of ['neighbour', 'member', 'gridLeader', 'districtAdmin'] as const) {
      const answer = expectAnswer(who, open, await api(t.app, cast[who], 'POST', `/api/opinions/${open.id}/second`));
      expect(answer.seconded).toBe(true);
    }
    const logged = await made('branch', 'open', 'mailbox');
    expectAnswer('neighbour', logged, await api(t.app, cast.neighbour, 'POST', `/api/opinions/${logged.id}/second`));
  });
});

describe(`the lists, in each mode (${TEST_DB})`, () => {
  let mine: Made[] = [];
  beforeAll(async () => {
    mine = [];
    for (const level of OPINION_LEVELS) for (const status of ['open', 'resolved', 'closed'] as const) mine.push(await made(level, status));
    mine.push(await made('representative', 'open', 'collected'), await made('branch', 'open', 'mailbox'), await made('street', 'resolved', 'collected'));
  });

  /** Every opinion of the test in a page, checked for `who`; answers which were there. */
  async function expectPage(who: Role, query: Record<string, string | number>): Promise<Made[]> {
    const found: Made[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams(Object.entries({ ...query, limit: 50, ...(cursor ? { cursor } : {}) }).map(([k, v]): [string, string] => [k, String(v)]));
      const res = await api(t.app, cast[who], 'GET', `/api/opinions?${q.toString()}`);
      const page = asPage(res);
      for (const item of page.items) {
        const m = mine.find((x) => x.id === item.id);
        if (!m) continue;
        expect(item.history).toBeUndefined();
        expectShown(who, m, item, JSON.stringify(item));
        found.push(m);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  }
  const state = async (m: Made) => (await t.app.inject({ method: 'GET', url: `/api/opinions/${m.id}`, headers: { authorization: `Bearer ${cast.overseer.token}` } })).json() as Opinion;

  it('mine: the reporter’s own, whole', async () => {
    const found = await expectPage('reporter', { mine: 1 });
    expect(found.map((m) => m.id).sort()).toEqual(mine.filter((m) => m.reporter === 'reporter').map((m) => m.id).sort());
    expect((await expectPage('member', { mine: 1 })).map((m) => m.id)).toEqual(mine.filter((m) => m.reporter === 'member').map((m) => m.id));
  });

  it('queue: each holder’s open ones at their levels, as holders see them', async () => {
    for (const who of ['staff', 'gridLeader', 'streetAdmin', 'partyRep'] as const) {
      const found = await expectPage(who, { queue: 1 });
      const want: string[] = [];
      for (const m of mine) {
        const o = await state(m);
        if (o.status === 'open' && (HOLDS[who] ?? []).includes(o.level)) want.push(m.id);
      }
      expect({ who, found: found.map((m) => m.id).sort() }).toEqual({ who, found: want.sort() });
    }
    for (const who of ['reporter', 'neighbour', 'stranger', 'overseer'] as const) expect(await expectPage(who, { queue: 1 })).toEqual([]);
  });

  it('board: residents see the open and resolved ones, never the reporter or contact, an open one without its description', async () => {
    for (const who of ['neighbour', 'member', 'gridLeader', 'reporter'] as const) {
      const found = await expectPage(who, { communityId: longjin });
      const want: string[] = [];
      for (const m of mine) if ((await state(m)).status !== 'closed') want.push(m.id);
      expect({ who, found: found.map((m) => m.id).sort() }).toEqual({ who, found: want.sort() });
    }
    for (const who of ['stranger', 'staffElsewhere', 'streetAdminElsewhere'] as const) {
      expectCode(await api(t.app, cast[who], 'GET', `/api/opinions?communityId=${longjin}`), 403, 'NOT_RESIDENT_HERE');
    }
  });

  it('oversee: staff and admins see every state, without contacts unless they held a level', async () => {
    for (const [who, query] of [
      ['staff', { communityId: longjin }],
      ['streetAdmin', { orgId: ids['东城街道']! }],
      ['districtAdmin', { orgId: ids['新罗区']! }],
      ['districtAdmin', { communityId: longjin }],
      ['partyRep', { orgId: ids['新罗区']! }],
      ['overseer', { orgId: ids['新罗区']! }],
    ] as const) {
      const found = await expectPage(who, query);
      expect({ who, query, found: found.length }).toEqual({ who, query, found: mine.length });
    }
    expectCode(await api(t.app, cast.staffElsewhere, 'GET', `/api/opinions?orgId=${ids['新罗区']}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, cast.streetAdminElsewhere, 'GET', `/api/opinions?orgId=${ids['东城街道']}`), 404, 'NOT_FOUND');
    expectCode(await api(t.app, cast.neighbour, 'GET', `/api/opinions?orgId=${ids['东城街道']}`), 403, 'FORBIDDEN');
  });
});
