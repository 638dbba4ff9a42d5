import {
  OPINION_ACTORS,
  OPINION_LEVELS,
  OPINION_LEVEL_HOLDERS,
  OPINION_STATES,
  PERMISSIONS,
  levelWithin,
  nextLevel,
  opinionMachine,
  rateOutcome,
  type Opinion,
  type OpinionAction,
  type OpinionActor,
  type OpinionLevel,
  type OpinionState,
} from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import { notifications, opinions, uploads, users } from '../src/db/schema';
import { uploadStore } from '../src/modules/uploads/store';
import { sweepUnattachedUploads } from '../src/modules/uploads/sweep';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds } from './support/identity';
import { HOLDER_OF, appointGridLeader, asOpinion, castOf, openAt, opinionBody, opinionIn, storedOpinion, type Role, type Shape } from './support/opinions';
import { APP_START_TIMEOUT, api, callerOf, expectCode, expectOk, newCommunity, reportedMembers, uploadImage, type Caller } from './support/wishes';

// 四议一呼 exhaustively (domain.md, "Opinions"): every action at every level, in every state, by
// everyone an opinion of 龙津社区 can meet, through the real HTTP API. What is allowed leads to the
// new state; what is refused answers its stable code and changes nothing — not the row, not its
// path, not its seconds, not the audit trail.

describe('the opinion machine in shared', () => {
  /** The table, restated: who takes each action, from which states, to which. */
  const TABLE: Record<OpinionAction, { from: OpinionState[]; to: OpinionState; actors: OpinionActor[] }> = {
    resolve: { from: ['open'], to: 'resolved', actors: ['holder'] },
    escalate: { from: ['open'], to: 'open', actors: ['holder'] },
    close: { from: ['open'], to: 'closed', actors: ['holder'] },
    rate: { from: ['resolved'], to: 'resolved', actors: ['reporter'] },
    second: { from: ['open'], to: 'open', actors: ['neighbour'] },
  };

  it('has exactly the actions of the table', () => {
    expect(Object.keys(opinionMachine.transitions).sort()).toEqual(Object.keys(TABLE).sort());
  });

  const cases = (Object.keys(TABLE) as OpinionAction[]).flatMap((action) => OPINION_STATES.flatMap((state) => OPINION_ACTORS.map((actor) => [action, state, actor] as const)));
  it.each(cases)('%s from %s by the %s', (action, state, actor) => {
    const allowed = TABLE[action].from.includes(state) && TABLE[action].actors.includes(actor);
    expect(opinionMachine.can(actor, action, state)).toBe(allowed);
    expect(opinionMachine.target(action)).toBe(TABLE[action].to);
  });

  it('rises one level at a time, and no higher than 呼吁', () => {
    expect(OPINION_LEVELS.map(nextLevel)).toEqual(['community', 'street', 'representative', null]);
    for (const [i, level] of OPINION_LEVELS.entries()) {
      for (const [j, reached] of OPINION_LEVELS.entries()) expect(levelWithin(level, reached)).toBe(i <= j);
    }
  });

  it('has each level held by the roles of domain.md', () => {
    const roles = (level: OpinionLevel) => Object.keys(PERMISSIONS[OPINION_LEVEL_HOLDERS[level]]);
    expect(OPINION_LEVELS.map(roles)).toEqual([['community_staff'], ['community_staff'], ['street_admin'], ['party_rep']]);
  });

  it('reopens on 不满意 once, never on another rating', () => {
    expect(rateOutcome('unsatisfied', false)).toBe('open');
    expect(rateOutcome('unsatisfied', true)).toBe('resolved');
    for (const s of ['satisfied', 'basically_satisfied'] as const) {
      expect(rateOutcome(s, false)).toBe('resolved');
      expect(rateOutcome(s, true)).toBe('resolved');
    }
  });
});

let t: TestApp;
let cast: Record<Role, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  const ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  cast = await castOf(t.app, ids['新罗区']!);
  await appointGridLeader(t.app, cast.staff, cast.gridLeader);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

/**
 * Who each of the cast is to an opinion of 龙津社区, written out rather than asked of the server:
 * the levels they hold, whether they oversee 龙津社区, whether they are its neighbour (live there
 * or serve there as a confirmed member).
 */
const HOLDS: Record<Role, OpinionLevel[]> = {
  reporter: [],
  staff: ['branch', 'community'],
  gridLeader: ['branch'],
  streetAdmin: ['street'],
  partyRep: ['representative'],
  neighbour: [],
  member: [],
  stranger: [],
  staffElsewhere: [],
  streetAdminElsewhere: [],
  districtAdmin: [],
  overseer: [],
};
const OVERSEES: ReadonlySet<Role> = new Set(['staff', 'streetAdmin', 'partyRep', 'districtAdmin', 'overseer']);
/** 张丽华 and 陈建国 live in 龙津社区; 李志远 and 赵雪梅 serve there. */
const NEIGHBOURS: ReadonlySet<Role> = new Set(['neighbour', 'member', 'gridLeader', 'staff', 'districtAdmin']);
const EVERYONE = Object.keys(HOLDS) as Role[];
const ACTIONS: OpinionAction[] = ['resolve', 'escalate', 'close', 'rate', 'second'];

interface Situation {
  status: OpinionState;
  level: OpinionLevel;
  rated: boolean;
}

const situationOf = (o: Opinion): Situation => ({ status: o.status, level: o.level, rated: o.satisfaction !== null });

/**
 * What the API must answer: 404 to whoever may not see it, 403 to whoever is not an actor of the
 * action, 409 in a wrong state — and 409 to a holder of a level the opinion has passed, for whom
 * it moved on (as for the loser of a race at their level).
 */
function expected(action: OpinionAction, who: Role, s: Situation): { status: number; code?: string } {
  const handled = HOLDS[who].some((level) => levelWithin(level, s.level));
  const sees = who === 'reporter' || OVERSEES.has(who) || handled || (NEIGHBOURS.has(who) && s.status !== 'closed');
  if (!sees) return { status: 404, code: 'NOT_FOUND' };
  const holderAction = action === 'resolve' || action === 'escalate' || action === 'close';
  const isActor = action === 'rate' ? who === 'reporter' : action === 'second' ? NEIGHBOURS.has(who) : HOLDS[who].includes(s.level);
  if (!isActor) return holderAction && handled ? { status: 409, code: 'OPINION_STATE_CONFLICT' } : { status: 403, code: 'FORBIDDEN' };
  if (s.status !== (action === 'rate' ? 'resolved' : 'open')) return { status: 409, code: 'OPINION_STATE_CONFLICT' };
  if (action === 'escalate' && s.level === 'representative') return { status: 409, code: 'OPINION_TOP_LEVEL' };
  if (action === 'rate' && s.rated) return { status: 409, code: 'OPINION_ALREADY_RATED' };
  return { status: 200 };
}

const BODY: Record<OpinionAction, Record<string, unknown> | undefined> = {
  resolve: { reply: '已协调物业疏通' },
  escalate: { reason: '本级无法解决，提请上级' },
  close: { reason: '不属受理范围' },
  rate: { satisfaction: 'unsatisfied', comment: '问题依旧' },
  second: undefined,
};

const take = (who: Role, action: OpinionAction, id: string) => api(t.app, cast[who], 'POST', `/api/opinions/${id}/${action}`, BODY[action]);

/** The new state an allowed action leads to, checked on the answer and on what is stored. */
async function expectTaken(action: OpinionAction, who: Role, before: Opinion, stepsBefore: number, after: Opinion) {
  const stored = await storedOpinion(t.app, after.id);
  const newSteps = stored.steps.slice(stepsBefore);
  expect({ status: stored.row.status, level: stored.row.level }).toEqual({ status: after.status, level: after.level });
  switch (action) {
    case 'resolve':
      expect(after).toMatchObject({ status: 'resolved', level: before.level, reply: '已协调物业疏通', dueAt: null, satisfaction: null });
      expect(newSteps.map((s) => [s.action, s.level, s.note])).toEqual([['resolve', before.level, '已协调物业疏通']]);
      break;
    case 'escalate': {
      const next = nextLevel(before.level)!;
      expect(after).toMatchObject({ status: 'open', level: next, levelReached: next });
      expect(new Date(after.dueAt!).getTime()).toBeGreaterThan(Date.now());
      expect(newSteps.map((s) => [s.action, s.level, s.note])).toEqual([['escalate', before.level, '本级无法解决，提请上级']]);
      break;
    }
    case 'close':
      expect(after).toMatchObject({ status: 'closed', level: before.level, closedReason: '不属受理范围', dueAt: null });
      expect(newSteps.map((s) => s.action)).toEqual(['close']);
      break;
    case 'rate':
      if (before.reopened) {
        // 不满意 after a reopening is final.
        expect(after).toMatchObject({ status: 'resolved', satisfaction: 'unsatisfied', ratingComment: '问题依旧', reopened: true });
        expect(newSteps.map((s) => s.action)).toEqual(['rate']);
      } else {
        expect(after).toMatchObject({ status: 'open', level: before.level, reopened: true, satisfaction: null, reply: null, resolvedAt: null });
        expect(after.dueAt).not.toBeNull();
        expect(newSteps.map((s) => [s.action, s.level])).toEqual([['rate', before.level], ['reopen', before.level]]);
      }
      break;
    case 'second':
      expect(after).toMatchObject({ status: 'open', seconds: before.seconds + 1, seconded: true });
      expect(stored.seconds.map((s) => s.userId)).toEqual([cast[who].userId]);
      // Once per person.
      expectCode(await take(who, 'second', after.id), 409, 'OPINION_ALREADY_SECONDED');
      expect((await storedOpinion(t.app, after.id)).row.seconds).toBe(before.seconds + 1);
      break;
  }
  if (action !== 'second') expect(stored.audit.at(-1)).toMatchObject({ actorId: cast[who].userId, action: action === 'rate' && !before.reopened ? 'opinion.reopen' : `opinion.${action}` });
}

const SHAPES: Shape[] = ['open', 'resolved', 'closed', 'rated', 'reopened', 'resolvedAgain', 'finallyUnsatisfied'];

describe(`every action × level × state × actor, through the API (${TEST_DB})`, () => {
  const cases = OPINION_LEVELS.flatMap((level) => SHAPES.map((shape) => [level, shape] as const));
  it.each(cases)('at %s, %s', async (level, shape) => {
    const base = await opinionIn(t.app, cast, longjin, level, shape);
    const situation = situationOf(base);
    const untouched = await storedOpinion(t.app, base.id);
    for (const action of ACTIONS) {
      for (const who of EVERYONE) {
        const want = expected(action, who, situation);
        if (want.status !== 200) {
          const res = await take(who, action, base.id);
          expect({ action, who, status: res.statusCode, code: (res.json() as { error?: { code: string } }).error?.code }).toEqual({ action, who, ...want });
          expectCode(res, want.status, want.code!);
          continue;
        }
        // Allowed: on an opinion of its own in the same state.
        const fresh = await opinionIn(t.app, cast, longjin, level, shape);
        const stepsBefore = (await storedOpinion(t.app, fresh.id)).steps.length;
        const after = asOpinion(await take(who, action, fresh.id));
        await expectTaken(action, who, fresh, stepsBefore, after);
      }
    }
    // Nothing any refused call did left a trace.
    expect(await storedOpinion(t.app, base.id)).toEqual(untouched);
  });

  it('allows every action to someone at some level (the table is not empty by accident)', () => {
    const allowed = new Set<string>();
    for (const level of OPINION_LEVELS) {
      for (const status of OPINION_STATES) {
        for (const action of ACTIONS) for (const who of EVERYONE) if (expected(action, who, { status, level, rated: false }).status === 200) allowed.add(action);
      }
    }
    expect([...allowed].sort()).toEqual([...ACTIONS].sort());
    expect(HOLDER_OF).toEqual({ branch: 'staff', community: 'staff', street: 'streetAdmin', representative: 'partyRep' });
  });
});

describe('ids that name no opinion', () => {
  it.each(ACTIONS)('%s of an unknown or malformed id is 404', async (action) => {
    expectCode(await take('staff', action, '99999999'), 404, 'NOT_FOUND');
    expectCode(await take('staff', action, 'abc'), 404, 'NOT_FOUND');
  });
});

describe('the reporter rates', () => {
  it.each(['satisfied', 'basically_satisfied'] as const)('%s is final, with the comment on the row and the path', async (satisfaction) => {
    const opinion = await opinionIn(t.app, cast, longjin, 'community', 'resolved');
    const rated = asOpinion(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction, comment: '处理及时' }));
    expect(rated).toMatchObject({ status: 'resolved', satisfaction, ratingComment: '处理及时', reopened: false, reply: '已疏通雨水井' });
    expect(rated.history!.map((s) => [s.action, s.note])).toContainEqual(['rate', '处理及时']);
    expectCode(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction: 'unsatisfied' }), 409, 'OPINION_ALREADY_RATED');
  });

  it('不满意 reopens at the level that resolved it, once: the next resolution is rated again, and 不满意 then is final', async () => {
    const opinion = await opinionIn(t.app, cast, longjin, 'street', 'resolved');
    const reopened = asOpinion(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction: 'unsatisfied', comment: '还是积水' }));
    expect(reopened).toMatchObject({ status: 'open', level: 'street', reopened: true, satisfaction: null, ratingComment: null, reply: null });
    // The street holds it again; the community, which passed it up, may not take it back.
    expectCode(await take('staff', 'resolve', opinion.id), 409, 'OPINION_STATE_CONFLICT');
    expectCode(await take('partyRep', 'resolve', opinion.id), 403, 'FORBIDDEN');
    asOpinion(await api(t.app, cast.streetAdmin, 'POST', `/api/opinions/${opinion.id}/resolve`, { reply: '已更换雨水篦子' }));
    const final = asOpinion(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction: 'unsatisfied', comment: '仍不满意' }));
    expect(final).toMatchObject({ status: 'resolved', satisfaction: 'unsatisfied', ratingComment: '仍不满意', reply: '已更换雨水篦子', reopened: true });
    expect(final.history!.map((s) => [s.action, s.level, s.note])).toEqual([
      ['raise', 'branch', null],
      ['escalate', 'branch', '需要branch以上协调'],
      ['escalate', 'community', '需要community以上协调'],
      ['resolve', 'street', '已疏通雨水井'],
      ['rate', 'street', '还是积水'],
      ['reopen', 'street', null],
      ['resolve', 'street', '已更换雨水篦子'],
      ['rate', 'street', '仍不满意'],
    ]);
    const before = await storedOpinion(t.app, opinion.id);
    expectCode(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, { satisfaction: 'unsatisfied' }), 409, 'OPINION_ALREADY_RATED');
    expect(await storedOpinion(t.app, opinion.id)).toEqual(before);
  });

  it('refuses a rating or a reason the schema does not take', async () => {
    const opinion = await opinionIn(t.app, cast, longjin, 'branch', 'resolved');
    for (const body of [{ satisfaction: 'great' }, {}, { satisfaction: 'satisfied', comment: 'x'.repeat(501) }]) {
      expectCode(await api(t.app, cast.reporter, 'POST', `/api/opinions/${opinion.id}/rate`, body), 400, 'VALIDATION_FAILED');
    }
    const open = await opinionIn(t.app, cast, longjin, 'branch', 'open');
    for (const [verb, body] of [['resolve', { reply: '' }], ['escalate', {}], ['close', { reason: ' ' }]] as const) {
      expectCode(await api(t.app, cast.staff, 'POST', `/api/opinions/${open.id}/${verb}`, body), 400, 'VALIDATION_FAILED');
    }
    expect((await storedOpinion(t.app, open.id)).row).toMatchObject({ status: 'open', level: 'branch' });
  });
});

describe('the level a holder saw it at', () => {
  it.each(['resolve', 'escalate', 'close'] as const)(
    '%s at 建议 after the grid leader passed it up to 商议, which the staff also hold: 409, nothing written; without the level it acts at 商议',
    async (action) => {
      const opinion = await opinionIn(t.app, cast, longjin, 'branch', 'open');
      asOpinion(await api(t.app, cast.gridLeader, 'POST', `/api/opinions/${opinion.id}/escalate`, { reason: '需社区党委商议', level: 'branch' }));
      const before = await storedOpinion(t.app, opinion.id);
      expectCode(await api(t.app, cast.staff, 'POST', `/api/opinions/${opinion.id}/${action}`, { ...BODY[action], level: 'branch' }), 409, 'OPINION_STATE_CONFLICT');
      expect(await storedOpinion(t.app, opinion.id)).toEqual(before);
      const acted = asOpinion(await api(t.app, cast.staff, 'POST', `/api/opinions/${opinion.id}/${action}`, BODY[action]));
      expect(acted.history!.at(-1)).toMatchObject({ action, level: 'community' });
    },
  );

  it('is one of the four levels', async () => {
    const opinion = await opinionIn(t.app, cast, longjin, 'branch', 'open');
    expectCode(await api(t.app, cast.staff, 'POST', `/api/opinions/${opinion.id}/resolve`, { reply: '已疏通', level: 'grid' }), 400, 'VALIDATION_FAILED');
  });
});

describe('提议: who raises an opinion, where, and what it starts as', () => {
  const post = (who: Caller, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api(t.app, who, 'POST', '/api/opinions', JSON.parse(JSON.stringify(body)), headers);
  const count = async () => (await t.app.db.select({ id: opinions.id }).from(opinions)).length;
  const ids = () => demoIds(t.app);

  it('opens at 建议, due by its deadline, with its first step, its audit row and a message to the holders of 建议 only', async () => {
    const place = (await ids())['龙津社区/阳光花园/1栋']!;
    const opinion = asOpinion(await post(cast.reporter, opinionBody(longjin, { placeId: place })), 201);
    expect(opinion).toMatchObject({ status: 'open', level: 'branch', levelReached: 'branch', source: 'self', placeId: place, placeName: '1栋', seconds: 0, reopened: false, viewerActors: ['reporter'] });
    expect(new Date(opinion.dueAt!).getTime() - new Date(opinion.createdAt).getTime()).toBe(3 * 24 * 60 * 60 * 1000);
    expect(opinion.history).toEqual([expect.objectContaining({ action: 'raise', level: 'branch', actorRole: '居民', actorName: '王秀兰', note: null })]);
    const stored = await storedOpinion(t.app, opinion.id);
    expect(stored.audit.map((a) => [a.action, a.toState, a.actorId])).toEqual([['opinion.raise', 'open', cast.reporter.userId]]);
    const told = await t.app.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(and(eq(notifications.entity, 'opinion'), eq(notifications.entityId, opinion.id)));
    expect(told.map((n) => n.userId).sort()).toEqual([cast.staff.userId, cast.gridLeader.userId].sort());
    expect(new Set(told.map((n) => n.kind))).toEqual(new Set(['opinion.raised']));
  });

  it('lets a member raise one where they are reported, though they live elsewhere, as 在职党员', async () => {
    const ids_ = await ids();
    const [member] = await reportedMembers(t.app, { communityId: longjin, unitId: ids_['龙岩市第一医院']!, count: 1, name: '外住党员' });
    await t.app.db.update(users).set({ homeCommunityId: Number(ids_['中山社区']) }).where(eq(users.id, member!.userId));
    const opinion = asOpinion(await post(member!, opinionBody(longjin)), 201);
    expect(opinion.history![0]).toMatchObject({ action: 'raise', actorRole: '在职党员' });
  });

  it('refuses someone who neither lives nor serves in the community with 403 NOT_RESIDENT_HERE, and writes nothing', async () => {
    const before = await count();
    for (const who of ['stranger', 'staffElsewhere', 'streetAdmin', 'partyRep', 'overseer'] as const) {
      expectCode(await post(cast[who], opinionBody(longjin)), 403, 'NOT_RESIDENT_HERE');
    }
    expect(await count()).toBe(before);
  });

  it('takes a compound or building of the community only (400 OPINION_PLACE_INVALID), a community only (404), an open one only (409)', async () => {
    const all = await ids();
    for (const place of [all['中山社区/阳光花园']!, all['龙津社区']!, all['东城街道']!, '99999999', 'abc']) {
      expectCode(await post(cast.reporter, opinionBody(longjin, { placeId: place })), 400, 'OPINION_PLACE_INVALID');
    }
    expectCode(await post(cast.reporter, opinionBody(all['东城街道']!)), 404, 'NOT_FOUND');
    expectCode(await post(cast.reporter, opinionBody('99999999')), 404, 'NOT_FOUND');
    const community = await newCommunity(t.app, cast.districtAdmin, all['东城街道']!);
    expectOk(await api(t.app, cast.districtAdmin, 'POST', `/api/orgs/${community.id}/archive`, { reason: '撤并' }));
    expectCode(await post(community.staff, opinionBody(community.id)), 409, 'ORG_ARCHIVED');
  });

  it('lets staff and members reported there log what they collected, with the person it came from; nobody else', async () => {
    const person = { name: '刘大爷', phone: '13612345678' };
    const logged = asOpinion(await post(cast.staff, opinionBody(longjin, { source: 'collected', raisedBy: person, contactPhone: undefined })), 201);
    expect(logged).toMatchObject({ source: 'collected', raisedBy: person, reporterName: '刘大爷', viewerActors: ['reporter', 'holder'] });
    expect(logged.history![0]).toMatchObject({ actorRole: '社区工作人员', actorName: '张丽华' });
    const boxed = asOpinion(await post(cast.member, opinionBody(longjin, { source: 'mailbox', raisedBy: { name: '匿名来信' }, contactPhone: undefined })), 201);
    expect(boxed).toMatchObject({ source: 'mailbox', raisedBy: { name: '匿名来信', phone: null } });
    expect(boxed.history![0]).toMatchObject({ actorRole: '在职党员' });
    const before = await count();
    expectCode(await post(cast.reporter, opinionBody(longjin, { source: 'collected', raisedBy: person })), 403, 'FORBIDDEN');
    expectCode(await post(await callerOf(t.app, '13900000103'), opinionBody(longjin, { source: 'collected', raisedBy: person })), 403, 'NOT_REPORTED_HERE');
    expectCode(await post(cast.staffElsewhere, opinionBody(longjin, { source: 'mailbox', raisedBy: person })), 403, 'FORBIDDEN');
    expectCode(await post(cast.staff, opinionBody(longjin, { source: 'collected' })), 400, 'VALIDATION_FAILED');
    expectCode(await post(cast.reporter, opinionBody(longjin, { raisedBy: person })), 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(before);
  });

  it('attaches the reporter’s own unattached photos only', async () => {
    const mine = await uploadImage(t.app, cast.reporter);
    const opinion = asOpinion(await post(cast.reporter, opinionBody(longjin, { photoIds: [mine.id] })), 201);
    expect(opinion.photos).toEqual([mine]);
    const theirs = await uploadImage(t.app, cast.neighbour);
    const before = await count();
    for (const photoIds of [[mine.id], [theirs.id], ['99999999']]) {
      expectCode(await post(cast.reporter, opinionBody(longjin, { photoIds })), 400, 'UPLOAD_NOT_FOUND');
    }
    expect(await count()).toBe(before);
    // The sweep of abandoned uploads, days later, leaves an opinion's photos.
    const swept = await sweepUnattachedUploads(t.app.db, uploadStore(t.app.config.dataDir), new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
    expect(swept).toBeGreaterThanOrEqual(1);
    expect((await api(t.app, cast.staff, 'GET', `/api/uploads/${mine.id}`)).statusCode).toBe(200);
    expect((await t.app.db.select({ id: uploads.id }).from(uploads).where(eq(uploads.id, Number(theirs.id)))).length).toBe(0);
  });

  it('answers a repeat with the same Idempotency-Key with the first answer, and raises once', async () => {
    const body = opinionBody(longjin);
    const key = { 'idempotency-key': `opinion-${body.title}` };
    const first = asOpinion(await post(cast.reporter, body, key), 201);
    const before = await count();
    const again = asOpinion(await post(cast.reporter, body, key), 200);
    expect(again).toEqual(first);
    expect(await count()).toBe(before);
  });
});

describe('who hears of each step', () => {
  const told = async (opinionId: string, kind: string) =>
    (await t.app.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.entity, 'opinion'), eq(notifications.entityId, opinionId), eq(notifications.kind, kind)))).map((n) => n.userId).sort((a, b) => a - b);
  const sorted = (...callers: Caller[]) => callers.map((c) => c.userId).sort((a, b) => a - b);

  it('an escalation goes to the next level’s holders and the reporter; a resolution and a closing to the reporter; a reopening to the level’s holders', async () => {
    const toStreet = await openAt(t.app, cast, longjin, 'street');
    // The community's staff passed it to themselves at 商议 (nobody is told of their own step), then to the street.
    expect(await told(toStreet.id, 'opinion.escalated')).toEqual(sorted(cast.streetAdmin, cast.reporter, cast.reporter));
    const toRep = asOpinion(await take('streetAdmin', 'escalate', toStreet.id));
    expect(await told(toRep.id, 'opinion.escalated')).toEqual(sorted(cast.streetAdmin, cast.partyRep, cast.reporter, cast.reporter, cast.reporter));
    asOpinion(await take('partyRep', 'resolve', toRep.id));
    expect(await told(toRep.id, 'opinion.resolved')).toEqual(sorted(cast.reporter));
    asOpinion(await take('reporter', 'rate', toRep.id));
    expect(await told(toRep.id, 'opinion.reopened')).toEqual(sorted(cast.partyRep));
    const closed = await opinionIn(t.app, cast, longjin, 'branch', 'closed');
    expect(await told(closed.id, 'opinion.closed')).toEqual(sorted(cast.reporter));
  });
});
