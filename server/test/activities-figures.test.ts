// GET /api/stats/activities (activity figures of a node and period) and GET /api/exports/activities.xlsx
// (活动台账). Activities of every kind, organiser and state, ended, running and to come, inside the
// period, outside it and on its edges, with places taken, waited for and given up, attendances,
// strikes, no-shows and the records confirming them, are written straight into the tables (the
// activity flow is another file's subject); every figure of a node and of each of its children is
// checked against counts of the base tables, and a community of its own is counted by hand. The
// app's clock is the test's, so that what has been held moves with it.
import { randomBytes } from 'node:crypto';
import { ACTIVITY_KINDS, activityStatsSchema, attendedMinutes, type ActivityFigures, type ActivityKind, type ActivityStats } from '@huijia/shared';
import { sql, type SQL } from 'drizzle-orm';
import { activities, activitySignups, gridGroups, serviceRecords, users } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone } from './support/identity';
import { column, sheetOf, type Sheet } from './support/sheets';
import { PEOPLE, api, callersOf, expectOk, type Caller } from './support/service';
import { APP_START_TIMEOUT, newCommunity, rowsOf } from './support/wishes';

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE | 'liandongStaff' | 'xinanStaff' | 'districtAdmin' | 'streetAdminEast' | 'unitAdmin' | 'partyRep', Caller>;
/** Members of no community in particular, with phones (that no ledger may show): they sign up. */
let pool: { id: number; phone: string }[];

/** The app's clock: a spring morning in 2026, moved by the tests of what has been held. */
const START = new Date('2026-04-10T10:00:00+08:00');
let clock = START;

/** The period most tests ask for: the first quarter of 2026, in China. */
const Q1 = { from: '2026-01', to: '2026-03' };
const Q1_START = new Date('2026-01-01T00:00:00+08:00');
const Q1_END = new Date('2026-04-01T00:00:00+08:00');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);
const plus = (from: Date, ms: number) => new Date(from.getTime() + ms);
const ANY_PHONE = /1[3-9]\d{9}/;

const UNIT = '龙岩市第一医院';

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, {
    ...PEOPLE,
    liandongStaff: '13900000013',
    xinanStaff: '13900000014',
    districtAdmin: '13900000001',
    streetAdminEast: '13900000002',
    unitAdmin: '13900000021',
    partyRep: '13900000004',
  });
  const members = Array.from({ length: 24 }, (_, i) => ({ name: `活动党员${i + 1}`, phone: freshPhone() }));
  pool = (await t.app.db.insert(users).values(members).returning({ id: users.id, phone: users.phone })).map((u) => ({ id: u.id, phone: u.phone! }));
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

type NewActivity = typeof activities.$inferInsert;
type NewSignup = typeof activitySignups.$inferInsert;
type Organiser = { kind: 'community' } | { kind: 'team'; teamId: number } | { kind: 'unit'; unitId: number };

/** An activity as a row: published in `communityId` by `publishedBy`, from `startsAt` to `endsAt`, then `rest`. */
function activityRow(communityId: string, publishedBy: number, kind: ActivityKind, startsAt: Date, endsAt: Date, organiser: Organiser, rest: Partial<NewActivity> = {}): NewActivity {
  return {
    communityId: Number(communityId),
    organiserKind: organiser.kind,
    teamId: organiser.kind === 'team' ? organiser.teamId : null,
    unitId: organiser.kind === 'unit' ? organiser.unitId : null,
    publishedBy,
    kind,
    title: '社区志愿服务活动',
    description: '组织党员参加社区志愿服务。',
    location: '社区党群服务中心',
    startsAt,
    endsAt,
    capacity: 10,
    secret: randomBytes(16),
    createdAt: plus(startsAt, -7 * 24 * HOUR),
    ...rest,
  };
}

/** A sign-up as the activity flow leaves it, and the record its attendance became (if any). */
interface Place {
  member: number;
  status: 'signed_up' | 'waitlisted' | 'cancelled';
  checkedInAt?: Date;
  checkedOutAt?: Date;
  struckReason?: string;
  /** The record confirming the attendance, in the state given. */
  record?: 'verified' | 'pending' | 'rejected';
}

/**
 * Writes activities with their sign-ups, and the records of the confirmed attendances (their
 * minutes by shared's `attendedMinutes`, as confirming counts them); answers the activities' ids.
 */
async function write(rows: { activity: NewActivity; places: Place[] }[], verifier: number): Promise<number[]> {
  // Places taken, as the flow counts them (and the capacity check holds them).
  const inserted = await t.app.db
    .insert(activities)
    .values(rows.map(({ activity, places }) => ({ ...activity, signedUp: places.filter((p) => p.status === 'signed_up').length })))
    .returning({ id: activities.id });
  // One statement numbers its rows in order.
  const activityIds = inserted.map((a) => a.id).sort((x, y) => x - y);
  const signups: NewSignup[] = [];
  for (const [i, { activity, places }] of rows.entries()) {
    const activityId = activityIds[i]!;
    for (const p of places) {
      let recordId: number | null = null;
      if (p.record) {
        const window = { startsAt: activity.startsAt as Date, endsAt: activity.endsAt as Date };
        const minutes = attendedMinutes(window, p.checkedInAt ?? null, p.checkedOutAt ?? null);
        const startedAt = new Date(Math.max(p.checkedInAt!.getTime(), window.startsAt.getTime()));
        const [record] = await t.app.db
          .insert(serviceRecords)
          .values({
            memberId: p.member,
            communityId: activity.communityId as number,
            sourceType: 'activity',
            sourceId: activityId,
            startedAt,
            endedAt: plus(startedAt, minutes * MINUTE),
            minutes,
            content: activity.title as string,
            status: p.record,
            verifiedBy: p.record === 'pending' ? null : verifier,
            verifiedAt: p.record === 'pending' ? null : window.endsAt,
          })
          .returning({ id: serviceRecords.id });
        recordId = record!.id;
      }
      signups.push({
        activityId,
        memberId: p.member,
        status: p.status,
        placedAt: p.status === 'signed_up' ? plus(activity.startsAt as Date, -2 * 24 * HOUR) : null,
        cancelledAt: p.status === 'cancelled' ? plus(activity.startsAt as Date, -24 * HOUR) : null,
        checkedInAt: p.checkedInAt ?? null,
        checkedOutAt: p.checkedOutAt ?? null,
        struckReason: p.struckReason ?? null,
        recordId,
      });
    }
  }
  if (signups.length > 0) await t.app.db.insert(activitySignups).values(signups);
  return activityIds;
}

/** A volunteer team (立体网格) of a community, to organise activities. */
async function teamOf(communityId: string, name: string): Promise<number> {
  const [team] = await t.app.db.insert(gridGroups).values({ communityId: Number(communityId), kind: 'team', name }).returning({ id: gridGroups.id });
  return team!.id;
}

/** A small deterministic generator, so that a failure repeats. */
function randomOf(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

/**
 * The spread: 180 activities over the four demo communities of two streets, starting from
 * mid-November 2025 to May 2026 (so before, inside and after Q1, and after the clock), of every
 * kind and organiser; some called off, ended ones confirmed or not, one running at the clock; each
 * with places taken, waited for and given up, check-ins and check-outs, strikes and no-shows, and
 * for a confirmed one the records of its attendances (mostly verified). On Q1's edges too.
 */
async function spread(): Promise<{ activity: NewActivity; places: Place[] }[]> {
  const r = randomOf(20_260_410);
  const staffOf = { 龙津社区: who.staff, 中山社区: who.otherStaff, 莲东社区: who.liandongStaff, 溪南社区: who.xinanStaff } as const;
  const communities = Object.keys(staffOf) as (keyof typeof staffOf)[];
  const teams = Object.fromEntries(await Promise.all(communities.map(async (c) => [c, await teamOf(ids[c]!, `活动统计测试志愿队-${c}`)] as const)));
  const unitId = Number(ids[UNIT]);
  const from = at('2025-11-15T00:00:00+08:00').getTime();
  const to = at('2026-05-10T00:00:00+08:00').getTime();
  const rows: { activity: NewActivity; places: Place[] }[] = [];
  const add = (community: keyof typeof staffOf, startsAt: Date, endsAt: Date, i: number) => {
    const organiser = r.pick<Organiser>([{ kind: 'community' }, { kind: 'team', teamId: teams[community]! }, { kind: 'unit', unitId }]);
    const ended = endsAt.getTime() < START.getTime();
    const status = r.next() < 0.12 ? 'called_off' : ended && r.next() < 0.6 ? 'confirmed' : 'published';
    const capacity = 3 + Math.floor(r.next() * 10);
    const activity = activityRow(ids[community]!, staffOf[community].userId, r.pick(ACTIVITY_KINDS), startsAt, endsAt, organiser, {
      status,
      capacity,
      title: `活动统计测试 ${i}`,
      ...(status === 'called_off' ? { cancelReason: '天气原因' } : status === 'confirmed' ? { confirmedAt: endsAt, confirmedBy: staffOf[community].userId } : {}),
    });
    // Distinct members, in the order they signed up: places until the capacity, then the waiting list.
    const members = [...pool].sort(() => r.next() - 0.5).slice(0, Math.floor(r.next() * (capacity + 5)));
    const places: Place[] = [];
    let taken = 0;
    const checkinOpen = startsAt.getTime() - 30 * MINUTE < START.getTime() && status !== 'called_off';
    for (const m of members) {
      if (r.next() < 0.15) {
        places.push({ member: m.id, status: 'cancelled' });
      } else if (taken >= capacity) {
        places.push({ member: m.id, status: 'waitlisted' });
      } else {
        taken += 1;
        const place: Place = { member: m.id, status: 'signed_up' };
        if (checkinOpen && r.next() < 0.75) {
          const last = Math.min(endsAt.getTime(), START.getTime());
          place.checkedInAt = new Date(startsAt.getTime() - 30 * MINUTE + Math.floor(r.next() * (last - startsAt.getTime() + 30 * MINUTE)));
          if (r.next() < 0.7) place.checkedOutAt = new Date(place.checkedInAt.getTime() + Math.floor(r.next() * (last - place.checkedInAt.getTime())));
          if (r.next() < 0.15) place.struckReason = '代签，未实际参加';
          const window = { startsAt, endsAt };
          if (status === 'confirmed' && !place.struckReason && attendedMinutes(window, place.checkedInAt, place.checkedOutAt ?? null) >= 30) {
            place.record = r.next() < 0.9 ? 'verified' : r.pick(['pending', 'rejected'] as const);
          }
        }
        places.push(place);
      }
    }
    rows.push({ activity, places });
  };
  for (let i = 0; i < 180; i++) {
    const startsAt = new Date(from + Math.floor(r.next() * (to - from)));
    add(communities[i % communities.length]!, startsAt, plus(startsAt, (1 + Math.floor(r.next() * 8)) * 30 * MINUTE + Math.floor(r.next() * 20) * MINUTE), i);
  }
  // Running at the clock: ends in April, after it.
  add('龙津社区', plus(START, -HOUR), plus(START, 2 * HOUR), 180);
  // On the edges of Q1, in China: an end at its first and last instants is in it, one beside them not.
  for (const [i, end] of ['2026-01-01T00:00:00+08:00', '2025-12-31T23:59:59.999+08:00', '2026-03-31T23:59:59.999+08:00', '2026-04-01T00:00:00+08:00'].entries()) {
    add('中山社区', plus(at(end), -2 * HOUR), at(end), 181 + i);
  }
  return rows;
}

const statsAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/stats/activities?${query}`);
const exportAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/exports/activities.xlsx?${query}`);

async function stats(query: string, caller: Caller = who.districtAdmin): Promise<ActivityStats> {
  return activityStatsSchema.parse(expectOk(await statsAs(caller, query)));
}

const q = (orgId: string, period: { from: string; to: string } = Q1) => `orgId=${orgId}&from=${period.from}&to=${period.to}`;

async function pathOf(orgId: string): Promise<string> {
  const [row] = rowsOf<{ path: string }>(await t.app.db.execute(sql`select path from org_nodes where id = ${orgId}`));
  return row!.path;
}

const count = async (query: SQL) => rowsOf<{ n: number }>(await t.app.db.execute(query))[0]!.n;

/**
 * What a node's figures must be, counted straight from the base tables: the activities of the
 * communities whose path starts with the node's, not called off, ended in [start, end) before `now`.
 */
async function counted(orgId: string, start: Date, end: Date, now: Date): Promise<ActivityFigures> {
  const path = `${await pathOf(orgId)}%`;
  const held = sql`a.community_id in (select id from org_nodes where path like ${path}) and a.status <> 'called_off'
    and a.ends_at >= ${start.toISOString()}::timestamptz and a.ends_at < ${end.toISOString()}::timestamptz and a.ends_at < ${now.toISOString()}::timestamptz`;
  const places = (where: SQL) =>
    count(sql`select count(*)::int as n from activity_signups s join activities a on a.id = s.activity_id where ${held} and s.status = 'signed_up' and ${where}`);
  const heldByKind = {} as Record<ActivityKind, number>;
  for (const kind of ACTIVITY_KINDS) heldByKind[kind] = await count(sql`select count(*)::int as n from activities a where ${held} and a.kind = ${kind}`);
  const signups = await places(sql`true`);
  const noShows = await places(sql`s.checked_in_at is null`);
  const minutes = await count(sql`
    select coalesce(sum(r.minutes), 0)::int as n from activity_signups s join activities a on a.id = s.activity_id join service_records r on r.id = s.record_id
     where ${held} and s.status = 'signed_up' and r.status = 'verified'`);
  return {
    held: await count(sql`select count(*)::int as n from activities a where ${held}`),
    heldByKind,
    signups,
    attendances: await places(sql`s.checked_in_at is not null and s.struck_reason is null`),
    noShowRate: signups > 0 ? Math.round((noShows / signups) * 10_000) / 10_000 : 0,
    hours: Math.round(minutes / 6) / 10,
  };
}

const childrenOf = async (orgId: string) =>
  rowsOf<{ id: number | string }>(
    await t.app.db.execute(sql`select id from org_nodes where parent_id = ${orgId} and kind in ('district', 'street', 'community') order by id`),
  ).map((r) => String(r.id));

/** Asserts a node's answer and each of its children's rows against the counts. */
async function expectCounted(orgId: string, answer: ActivityStats, start: Date, end: Date, now: Date) {
  expect(answer.figures).toEqual(await counted(orgId, start, end, now));
  expect(answer.children.map((c) => c.id)).toEqual(await childrenOf(orgId));
  for (const child of answer.children) expect({ child: child.name, figures: child.figures }).toEqual({ child: child.name, figures: await counted(child.id, start, end, now) });
}

describe('the figures of a node and of its children are counts of the base tables', () => {
  beforeAll(async () => {
    await write(await spread(), who.staff.userId);
  });

  it.each(['新罗区', '东城街道', '西城街道', '龙津社区', '溪南社区'])('%s, over the first quarter', async (node) => {
    const answer = await stats(q(ids[node]!));
    expect(answer.subject).toMatchObject({ id: ids[node], name: node });
    expect(answer.period).toEqual(Q1);
    await expectCounted(ids[node]!, answer, Q1_START, Q1_END, clock);
    if (node === '新罗区') {
      // Not empty: every kind of figure has something to count, and struck places and no-shows are apart.
      const f = answer.figures;
      for (const n of [f.held, f.signups, f.attendances, f.hours, f.noShowRate, ...Object.values(f.heldByKind)]) expect(n).toBeGreaterThan(0);
      expect(f.attendances + Math.round(f.noShowRate * f.signups)).toBeLessThan(f.signups);
    }
  });

  it('a node’s counts are its children’s sums', async () => {
    const { figures, children } = await stats(q(ids['新罗区']!));
    expect(children.map((c) => c.name)).toEqual(['东城街道', '西城街道']);
    expect(figures.held).toBe(children.reduce((n, c) => n + c.figures.held, 0));
    expect(figures.signups).toBe(children.reduce((n, c) => n + c.figures.signups, 0));
    expect(figures.attendances).toBe(children.reduce((n, c) => n + c.figures.attendances, 0));
    for (const kind of ACTIVITY_KINDS) expect(figures.heldByKind[kind]).toBe(children.reduce((n, c) => n + c.figures.heldByKind[kind], 0));
  });

  it('without a period, the last twelve months up to the clock’s, the running one not held yet', async () => {
    const answer = await stats(`orgId=${ids['新罗区']}`);
    expect(answer.period).toEqual({ from: '2025-05', to: '2026-04' });
    await expectCounted(ids['新罗区']!, answer, at('2025-05-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'), clock);
  });

  it('what has been held moves with the clock: an activity counts once it has ended', async () => {
    const april = { from: '2026-04', to: '2026-04' };
    const before = await stats(q(ids['新罗区']!, april));
    try {
      clock = at('2026-04-30T12:00:00+08:00');
      const later = await stats(q(ids['新罗区']!, april));
      expect(later.figures.held).toBeGreaterThan(before.figures.held);
      await expectCounted(ids['新罗区']!, later, at('2026-04-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'), clock);
      // The first quarter is all past already: the same.
      expect((await stats(q(ids['新罗区']!))).figures).toEqual(await counted(ids['新罗区']!, Q1_START, Q1_END, START));
    } finally {
      clock = START;
    }
  });
});

describe('a community of its own, counted by hand', () => {
  let community: { id: string; staff: Caller };
  let team: number;
  const activityIds: Record<string, number> = {};
  const m = (i: number) => pool[i]!.id;

  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, ids['西城街道']!);
    team = await teamOf(community.id, '红马甲志愿队');
    const c = community.id;
    const by = community.staff.userId;
    const unit: Organiser = { kind: 'unit', unitId: Number(ids[UNIT]) };
    const row = (kind: ActivityKind, startsAt: string, endsAt: string, organiser: Organiser, rest: Partial<NewActivity>, places: Place[]) => ({
      activity: activityRow(c, by, kind, at(startsAt), at(endsAt), organiser, rest),
      places,
    });
    const rows = {
      // 主题活动 on 10 February, confirmed: two attended (one never checked out, counted to the end),
      // one struck, one no-show, one waiting, one gave up.
      a: row('theme', '2026-02-10T09:00:00+08:00', '2026-02-10T11:00:00+08:00', { kind: 'community' }, { title: '社区清洁日', location: '龙津河畔', status: 'confirmed', confirmedAt: at('2026-02-10T12:00:00+08:00'), confirmedBy: by }, [
        { member: m(0), status: 'signed_up', checkedInAt: at('2026-02-10T08:50:00+08:00'), checkedOutAt: at('2026-02-10T11:00:00+08:00'), record: 'verified' }, // 120 minutes
        { member: m(1), status: 'signed_up', checkedInAt: at('2026-02-10T09:10:00+08:00'), record: 'verified' }, // 110 → 90 minutes
        { member: m(2), status: 'signed_up', checkedInAt: at('2026-02-10T09:05:00+08:00'), checkedOutAt: at('2026-02-10T09:20:00+08:00'), struckReason: '代签，未实际参加' },
        { member: m(3), status: 'signed_up' },
        { member: m(4), status: 'waitlisted' },
        { member: m(5), status: 'cancelled' },
      ]),
      // 组团服务 by the team ending at Q1's last instant, not confirmed yet: one came, one did not.
      b: row('group_service', '2026-03-31T21:00:00+08:00', '2026-03-31T23:59:59.999+08:00', { kind: 'team', teamId: team }, { title: '义诊服务', capacity: 5 }, [
        { member: m(0), status: 'signed_up', checkedInAt: at('2026-03-31T21:00:00+08:00'), checkedOutAt: at('2026-03-31T23:00:00+08:00') },
        { member: m(1), status: 'signed_up' },
      ]),
      // 定点服务 by the unit, starting in 2025 and ending at Q1's first instant, confirmed: one
      // record verified (60 minutes), one linked but not verified (no hours).
      c: row('fixed_point', '2025-12-31T22:00:00+08:00', '2026-01-01T00:00:00+08:00', unit, { title: '跨年定点服务', capacity: 3, status: 'confirmed', confirmedAt: at('2026-01-01T08:00:00+08:00'), confirmedBy: by }, [
        { member: m(0), status: 'signed_up', checkedInAt: at('2025-12-31T22:00:00+08:00'), checkedOutAt: at('2025-12-31T23:00:00+08:00'), record: 'verified' },
        { member: m(1), status: 'signed_up', checkedInAt: at('2025-12-31T21:40:00+08:00'), checkedOutAt: at('2026-01-01T00:00:00+08:00'), record: 'pending' },
      ]),
      // Called off in March: its places count nowhere.
      d: row('theme', '2026-03-01T14:00:00+08:00', '2026-03-01T16:00:00+08:00', { kind: 'community' }, { title: '党课学习', status: 'called_off', cancelReason: '场地临时占用' }, [
        { member: m(0), status: 'signed_up' },
        { member: m(1), status: 'signed_up' },
      ]),
      // Starting in Q1, ending at April's first instant: April's.
      e: row('theme', '2026-03-31T22:00:00+08:00', '2026-04-01T00:00:00+08:00', unit, { title: '夜间巡逻' }, [
        { member: m(2), status: 'signed_up', checkedInAt: at('2026-03-31T22:00:00+08:00') },
      ]),
      // December's, confirmed.
      f: row('fixed_point', '2025-12-20T09:00:00+08:00', '2025-12-20T10:00:00+08:00', { kind: 'community' }, { title: '政策宣传', status: 'confirmed', confirmedAt: at('2025-12-20T11:00:00+08:00'), confirmedBy: by }, [
        { member: m(0), status: 'signed_up', checkedInAt: at('2025-12-20T09:00:00+08:00'), checkedOutAt: at('2025-12-20T10:00:00+08:00'), record: 'verified' },
      ]),
      // To come, after the clock: two places, one waiting.
      g: row('group_service', '2026-04-20T09:00:00+08:00', '2026-04-20T11:00:00+08:00', { kind: 'team', teamId: team }, { title: '助老服务', capacity: 2 }, [
        { member: m(0), status: 'signed_up' },
        { member: m(1), status: 'signed_up' },
        { member: m(2), status: 'waitlisted' },
      ]),
      // Running at the clock (10:00), until noon: one checked in.
      h: row('theme', '2026-04-10T09:00:00+08:00', '2026-04-10T12:00:00+08:00', { kind: 'community' }, { title: '文明劝导' }, [
        { member: m(3), status: 'signed_up', checkedInAt: at('2026-04-10T09:00:00+08:00') },
      ]),
    };
    const written = await write(Object.values(rows), by);
    Object.keys(rows).forEach((key, i) => (activityIds[key] = written[i]!));
  });

  const expected: ActivityFigures = {
    held: 3, // a b c
    heldByKind: { theme: 1, group_service: 1, fixed_point: 1 },
    signups: 8, // a 4, b 2, c 2
    attendances: 5, // a 2 (not the struck one), b 1, c 2
    noShowRate: 0.25, // a 1, b 1, of 8
    hours: 4.5, // a's 120 + 90 minutes and c's verified 60; c's record not verified counts none
  };

  it('held, by kind, places, attendances, no-shows and confirmed hours over the first quarter', async () => {
    const answer = await stats(q(community.id), community.staff);
    expect(answer.figures).toEqual(expected);
    expect(answer.children).toEqual([]);
    expect(answer.subject).toEqual({ id: community.id, name: expect.any(String), kind: 'community' });
    await expectCounted(community.id, answer, Q1_START, Q1_END, clock);
  });

  it('April, as the clock moves: e at once; h once it has ended; g once it has', async () => {
    const april = { from: '2026-04', to: '2026-04' };
    const zero = { theme: 0, group_service: 0, fixed_point: 0 };
    expect((await stats(q(community.id, april), community.staff)).figures).toEqual({ held: 1, heldByKind: { ...zero, theme: 1 }, signups: 1, attendances: 1, noShowRate: 0, hours: 0 });
    try {
      clock = at('2026-04-10T12:00:00+08:00');
      // h ends at noon: not before the clock yet.
      expect((await stats(q(community.id, april), community.staff)).figures.held).toBe(1);
      clock = at('2026-04-10T12:30:00+08:00');
      expect((await stats(q(community.id, april), community.staff)).figures).toEqual({ held: 2, heldByKind: { ...zero, theme: 2 }, signups: 2, attendances: 2, noShowRate: 0, hours: 0 });
      clock = at('2026-04-21T09:00:00+08:00');
      const later = await stats(q(community.id, april), community.staff);
      expect(later.figures).toEqual({ held: 3, heldByKind: { ...zero, theme: 2, group_service: 1 }, signups: 4, attendances: 2, noShowRate: 0.5, hours: 0 });
      await expectCounted(community.id, later, at('2026-04-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'), clock);
    } finally {
      clock = START;
    }
  });

  it('December: f, and not c, which ended in January', async () => {
    const answer = await stats(q(community.id, { from: '2025-12', to: '2025-12' }), community.staff);
    expect(answer.figures).toEqual({ held: 1, heldByKind: { theme: 0, group_service: 0, fixed_point: 1 }, signups: 1, attendances: 1, noShowRate: 0, hours: 1 });
  });

  it('a period with nothing in it is zeros', async () => {
    expect((await stats(q(community.id, { from: '2025-01', to: '2025-06' }), community.staff)).figures).toEqual({
      held: 0, heldByKind: { theme: 0, group_service: 0, fixed_point: 0 }, signups: 0, attendances: 0, noShowRate: 0, hours: 0,
    });
  });

  it('the street’s row for it is the community’s own', async () => {
    const street = await stats(q(ids['西城街道']!));
    expect(street.children.find((c) => c.id === community.id)?.figures).toEqual(expected);
  });

  describe('its 活动台账', () => {
    let sheet: Sheet;
    let name: string;
    beforeAll(async () => {
      sheet = await sheetOf(await exportAs(community.staff, q(community.id)));
      name = (await stats(q(community.id), community.staff)).subject.name;
    });
    const row = (key: string) => sheet.rows.find((r) => Number(r['编号']) === activityIds[key]);

    it('has the columns, and a row for each activity starting in the period, in order', () => {
      expect(sheet.name).toBe('活动台账');
      expect(sheet.headers).toEqual([
        '编号', '社区', '类型', '标题', '组织方', '地点', '开始时间', '结束时间', '名额', '报名人数', '候补人数', '签到人数', '未到人数', '确认时长（小时）', '状态',
      ]);
      // By start: c began in December, e in March though it ended in April.
      expect(column(sheet, '编号').map(Number)).toEqual(['a', 'b', 'd', 'e'].map((k) => activityIds[k]));
    });

    it('reads as the activities do', () => {
      expect(row('a')).toEqual({
        编号: activityIds.a, 社区: name, 类型: '主题活动', 标题: '社区清洁日', 组织方: name, 地点: '龙津河畔', 开始时间: '2026-02-10 09:00', 结束时间: '2026-02-10 11:00',
        名额: 10, 报名人数: 4, 候补人数: 1, 签到人数: 2, 未到人数: 1, '确认时长（小时）': 3.5, 状态: '已确认时长',
      });
      expect(row('b')).toMatchObject({ 类型: '组团服务', 组织方: '红马甲志愿队', 名额: 5, 报名人数: 2, 候补人数: 0, 签到人数: 1, 未到人数: 1, '确认时长（小时）': null, 状态: '已结束待确认', 结束时间: '2026-03-31 23:59' });
      expect(row('d')).toMatchObject({ 报名人数: 2, 签到人数: 0, 未到人数: null, '确认时长（小时）': null, 状态: '已取消' });
      expect(row('e')).toMatchObject({ 组织方: UNIT, 报名人数: 1, 签到人数: 1, 未到人数: 0, 状态: '已结束待确认', 结束时间: '2026-04-01 00:00' });
    });

    it('April’s: those to come and running are 报名中, nobody missing yet', async () => {
      const april = await sheetOf(await exportAs(community.staff, q(community.id, { from: '2026-04', to: '2026-04' })));
      expect(april.rows.map((r) => [r['编号'], r['状态'], r['报名人数'], r['候补人数'], r['签到人数'], r['未到人数']])).toEqual([
        [activityIds.g, '报名中', 2, 1, 0, null],
        [activityIds.h, '报名中', 1, 0, 1, null],
      ]);
    });

    it('holds no phone', () => {
      expect(sheet.rows.flatMap((r) => Object.values(r).map(String)).filter((c) => ANY_PHONE.test(c))).toEqual([]);
    });
  });
});

describe('the 活动台账 of a street, a district', () => {
  it.each([
    ['东城街道', 'streetAdminEast'],
    ['新罗区', 'districtAdmin'],
  ] as const)('%s: every activity of its communities starting in the period, its places counted, and no phone', async (node, caller) => {
    const sheet = await sheetOf(await exportAs(who[caller], q(ids[node]!)));
    const path = `${await pathOf(ids[node]!)}%`;
    const now = clock.toISOString();
    const wanted = rowsOf<{ id: number | string; status: string; ended: boolean } & Record<'signups' | 'waitlisted' | 'attendances' | 'no_shows' | 'minutes', number>>(
      await t.app.db.execute(sql`
        select a.id, a.status, a.ends_at < ${now}::timestamptz as ended,
               (select count(*)::int from activity_signups s where s.activity_id = a.id and s.status = 'signed_up') as signups,
               (select count(*)::int from activity_signups s where s.activity_id = a.id and s.status = 'waitlisted') as waitlisted,
               (select count(*)::int from activity_signups s where s.activity_id = a.id and s.status = 'signed_up' and s.checked_in_at is not null and s.struck_reason is null) as attendances,
               (select count(*)::int from activity_signups s where s.activity_id = a.id and s.status = 'signed_up' and s.checked_in_at is null) as no_shows,
               (select coalesce(sum(r.minutes), 0)::int from activity_signups s join service_records r on r.id = s.record_id
                 where s.activity_id = a.id and s.status = 'signed_up' and r.status = 'verified') as minutes
          from activities a join org_nodes c on c.id = a.community_id
         where c.path like ${path} and a.starts_at >= ${Q1_START.toISOString()}::timestamptz and a.starts_at < ${Q1_END.toISOString()}::timestamptz
         order by a.id`),
    );
    expect(wanted.length).toBeGreaterThan(20);
    const labels = { published: '报名中', called_off: '已取消', confirmed: '已确认时长' } as Record<string, string>;
    expect(sheet.rows.map((r) => [r['编号'], r['报名人数'], r['候补人数'], r['签到人数'], r['未到人数'], r['确认时长（小时）'], r['状态']])).toEqual(
      wanted.map((a) => [
        Number(a.id),
        a.signups,
        a.waitlisted,
        a.attendances,
        a.ended && a.status !== 'called_off' ? a.no_shows : null,
        a.status === 'confirmed' ? Math.round(a.minutes / 6) / 10 : null,
        a.status === 'published' && a.ended ? '已结束待确认' : labels[a.status],
      ]),
    );
    expect(sheet.rows.flatMap((r) => Object.values(r).map(String)).filter((c) => ANY_PHONE.test(c))).toEqual([]);
  });

  it('is named for its node, in Chinese with an ASCII fallback', async () => {
    const res = await exportAs(who.districtAdmin, q(ids['新罗区']!));
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(new RegExp(`^attachment; filename="activities-org${ids['新罗区']}-\\d{8}\\.xlsx"`));
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toMatch(/^活动台账-新罗区-\d{8}\.xlsx$/);
  });

  it('arrives whole past a batch: 2,100 activities of one community, each once, in id order, their places tallied', async () => {
    const big = await newCommunity(t.app, who.districtAdmin, ids['东城街道']!);
    await t.app.db.execute(sql`
      insert into activities (community_id, organiser_kind, published_by, kind, title, description, location, starts_at, ends_at, capacity, signed_up, secret)
      select ${big.id}, 'community', ${big.staff.userId}, 'theme', '批量活动 ' || g, '批量活动', '社区广场',
             timestamptz '2026-02-01 00:00:00+08' + g * interval '10 minutes', timestamptz '2026-02-01 01:00:00+08' + g * interval '10 minutes', 5, 1, decode(md5(g::text), 'hex')
      from generate_series(1, 2100) g`);
    await t.app.db.execute(sql`
      insert into activity_signups (activity_id, member_id, status, checked_in_at)
      select a.id, ${pool[0]!.id}, 'signed_up', case when a.id % 2 = 0 then a.starts_at end from activities a where a.community_id = ${big.id}`);
    const sheet = await sheetOf(await exportAs(big.staff, q(big.id)));
    expect(sheet.rows).toHaveLength(2100);
    const got = column(sheet, '编号').map(Number);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(column(sheet, '标题')).size).toBe(2100);
    expect(sheet.rows.every((r) => r['报名人数'] === 1 && r['签到人数'] === (Number(r['编号']) % 2 === 0 ? 1 : 0))).toBe(true);
    expect((await stats(q(big.id), big.staff)).figures).toMatchObject({ held: 2100, signups: 2100, attendances: 1050, noShowRate: 0.5 });
  });
});

describe('the edges of a period (who may ask, and what may be asked: node-period-figures.test.ts)', () => {
  it('the last month the pattern allows is a period like any other, with nothing in it', async () => {
    const far = { from: '9999-12', to: '9999-12' };
    expect((await stats(q(ids['新罗区']!, far))).figures).toMatchObject({ held: 0, signups: 0, noShowRate: 0 });
    expect((await sheetOf(await exportAs(who.districtAdmin, q(ids['新罗区']!, far)))).rows).toEqual([]);
  });
});
