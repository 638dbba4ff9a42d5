import { listEnvelope, wishSchema, type Wish } from '@huijia/shared';
import { inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  callersOf,
  expectOk,
  privateDetails,
  wishBody,
  wishIn,
  type Caller,
  type Who,
} from './support/wishes';

// A resident's phone and exact address go to no one but the resident, the current claimant and
// staff of the wish's community (domain.md): masked on the server, so every check here reads the
// raw text of the answer: for anyone else neither the keys nor the values occur anywhere in it.

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2026-04-01T10:00:00+08:00');

let t: TestApp;
let ids: Record<string, string>;
let p: Record<Who, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  longjin = ids['龙津社区']!;
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const EVERYONE = Object.keys(WHO) as Who[];
const CLAIMANT_STATES = new Set(['claimed', 'fulfilled', 'disputed']);

type Secret = ReturnType<typeof privateDetails>;
type State = Parameters<typeof wishIn>[3];

/** A new wish of 龙津社区 in `state`, with private details of its own to look for. */
async function wishWithSecret(state: State, category: Wish['category'] = 'repair'): Promise<{ wish: Wish; secret: Secret }> {
  const secret = privateDetails();
  const wish = await wishIn(t.app, { resident: p.resident, staff: p.staff, claimant: p.claimant }, longjin, state, {
    category,
    contactPhone: secret.contactPhone,
    address: secret.address,
  });
  return { wish, secret };
}

/** Neither key nor value anywhere in the raw answer. */
function expectNothingPrivate(res: LightMyRequestResponse, secret: Secret, who: string) {
  const leaks = [secret.contactPhone, secret.address, secret.marker, '"contactPhone"', '"address"'].filter((s) => res.body.includes(s));
  expect({ who, leaks }).toEqual({ who, leaks: [] });
}

/**
 * For a caller who may be entitled to other wishes of the list: this wish's values nowhere in the
 * raw answer, and its item without the keys.
 */
function expectListedWithoutPrivate(res: LightMyRequestResponse, wishId: string, secret: Secret, who: string) {
  const leaks = [secret.contactPhone, secret.address, secret.marker].filter((s) => res.body.includes(s));
  expect({ who, leaks }).toEqual({ who, leaks: [] });
  const item = list(res).items.find((w) => w.id === wishId);
  if (item) expect({ who, keys: Object.keys(item).filter((k) => k === 'contactPhone' || k === 'address') }).toEqual({ who, keys: [] });
}

/** The keys present, with this wish's own values. */
function expectPrivate(w: Wish, secret: Secret, who: string) {
  expect({ who, contactPhone: w.contactPhone, address: w.address }).toEqual({ who, contactPhone: secret.contactPhone, address: secret.address });
}

const get = (who: Caller, url: string) => api(t.app, who, 'GET', url);
const list = (res: LightMyRequestResponse) => listEnvelope(wishSchema).parse(expectOk(res));
const post = (who: Caller, wish: Wish, verb: string, body?: object) => api(t.app, who, 'POST', `/api/wishes/${wish.id}/${verb}`, body);

describe('a wish’s detail carries contactPhone and address only for its resident, current claimant and community staff', () => {
  it.each(['pending_review', 'published', 'claimed', 'fulfilled', 'disputed', 'completed', 'rejected', 'withdrawn'] as const)(
    'in state %s, to each of the demo people',
    async (state) => {
      const { wish, secret } = await wishWithSecret(state);
      for (const who of EVERYONE) {
        const res = await get(p[who], `/api/wishes/${wish.id}`);
        const entitled = who === 'resident' || who === 'staff' || (who === 'claimant' && CLAIMANT_STATES.has(state));
        if (entitled) expectPrivate(asWish(res), secret, who);
        else expectNothingPrivate(res, secret, who);
      }
    },
  );
});

describe('the wish lists carry them to no one else, whatever the filter', () => {
  const FILTERS = [
    (c: string) => `/api/wishes?communityId=${c}`,
    (c: string) => `/api/wishes?communityId=${c}&status=claimed`,
    (c: string) => `/api/wishes?communityId=${c}&category=health`,
    (c: string) => `/api/wishes?communityId=${c}&category=health&status=claimed&limit=5`,
    () => '/api/wishes?mine=1',
    () => '/api/wishes?claimedByMe=1',
    (c: string) => `/api/wishes?communityId=${c}&mine=1`,
    (c: string) => `/api/wishes?communityId=${c}&claimedByMe=1`,
  ];

  it.each(EVERYONE)('to %s', async (who) => {
    const { wish, secret } = await wishWithSecret('claimed', 'health');
    const pending = await wishWithSecret('pending_review', 'health');
    for (const url of FILTERS.map((f) => f(longjin))) {
      const res = await get(p[who], url);
      const items = list(res).items;
      const mine = items.find((w) => w.id === wish.id);
      if (who === 'resident' || who === 'claimant' || who === 'staff') {
        if (mine) expectPrivate(mine, secret, `${who} ${url}`);
      } else {
        expectListedWithoutPrivate(res, wish.id, secret, `${who} ${url}`);
        expectListedWithoutPrivate(res, pending.wish.id, pending.secret, `${who} ${url}`);
      }
      // Every item of every list: the keys exactly where the database says the caller is entitled.
      const rows = items.length === 0 ? [] : await t.app.db.select().from(wishes).where(inArray(wishes.id, items.map((w) => Number(w.id))));
      const expected = items.map((w) => {
        const row = rows.find((r) => String(r.id) === w.id)!;
        const entitled =
          row.residentId === p[who].userId ||
          (row.claimantId === p[who].userId && CLAIMANT_STATES.has(row.status)) ||
          (who === 'staff' && String(row.communityId) === longjin);
        return { id: w.id, keys: entitled };
      });
      expect({ url, items: items.map((w) => ({ id: w.id, keys: 'contactPhone' in w && 'address' in w })) }).toEqual({ url, items: expected });
    }
  });

  it('the entitled do find the wish with its details in the lists meant for them', async () => {
    const { wish, secret } = await wishWithSecret('claimed', 'health');
    const find = async (who: Caller, url: string) => list(await get(who, url)).items.find((w) => w.id === wish.id);
    expectPrivate((await find(p.resident, '/api/wishes?mine=1'))!, secret, 'resident mine');
    expectPrivate((await find(p.claimant, '/api/wishes?claimedByMe=1'))!, secret, 'claimant claimedByMe');
    expectPrivate((await find(p.staff, `/api/wishes?communityId=${longjin}&status=claimed&category=health`))!, secret, 'staff hall');
    expect('contactPhone' in (await find(p.reportedMember, `/api/wishes?communityId=${longjin}&status=claimed`))!).toBe(false);
  });
});

describe('each step’s answer carries them only to an entitled caller', () => {
  it('the resident’s own new wish, and every step of its main path, answer the details to their actor', async () => {
    const secret = privateDetails();
    const created = asWish(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, ...secret })), 201);
    expectPrivate(created, secret, 'resident submit');
    const steps: [Who, string, object | undefined][] = [
      ['staff', 'approve', undefined],
      ['claimant', 'claim', undefined],
      ['claimant', 'contact', undefined],
      ['claimant', 'fulfil', { note: '已完成维修' }],
      ['resident', 'confirm', { rating: 5 }],
    ];
    for (const [who, verb, body] of steps) expectPrivate(asWish(await post(p[who], created, verb, body)), secret, `${who} ${verb}`);
  });

  it('reject and withdraw answer the details to staff and to the resident', async () => {
    const a = await wishWithSecret('pending_review');
    expectPrivate(asWish(await post(p.staff, a.wish, 'reject', { reason: '重复提交' })), a.secret, 'staff reject');
    const b = await wishWithSecret('published');
    expectPrivate(asWish(await post(p.resident, b.wish, 'withdraw')), b.secret, 'resident withdraw');
  });

  it('resolve, either way, and staff’s late confirm answer the details to staff', async () => {
    const a = await wishWithSecret('disputed');
    expectPrivate(asWish(await post(p.staff, a.wish, 'resolve', { outcome: 'reopen', note: '重新发布' })), a.secret, 'staff reopen');
    const b = await wishWithSecret('disputed');
    expectPrivate(asWish(await post(p.staff, b.wish, 'resolve', { outcome: 'completed', note: '已核实' })), b.secret, 'staff resolve');
    const c = await wishWithSecret('fulfilled');
    clock = new Date(clock.getTime() + 8 * DAY_MS);
    expectPrivate(asWish(await post(p.staff, c.wish, 'confirm', { rating: 4 })), c.secret, 'staff confirm');
  });

  it('the answer to releasing a claim no longer carries them to the member who released it', async () => {
    const { wish, secret } = await wishWithSecret('contacted');
    const res = await post(p.claimant, wish, 'release');
    expect(asWish(res).status).toBe('published');
    expectNothingPrivate(res, secret, 'released claimant');
  });

  it('a member’s claim answers them; a refused step answers them to no one', async () => {
    const { wish, secret } = await wishWithSecret('published');
    const attempts: [Who, string, object | undefined][] = [
      ['memberReportedElsewhere', 'claim', undefined],
      ['memberNotReported', 'claim', undefined],
      ['otherStaff', 'approve', undefined],
      ['unrelatedResident', 'withdraw', undefined],
      ['streetAdmin', 'reject', { reason: '越权' }],
      ['reportedMember', 'fulfil', { note: '冒充完成' }],
      ['reportedMember', 'confirm', { rating: 5 }],
    ];
    for (const [who, verb, body] of attempts) {
      const res = await post(p[who], wish, verb, body);
      expect({ who, verb, status: res.statusCode >= 400 }).toEqual({ who, verb, status: true });
      expectNothingPrivate(res, secret, `${who} ${verb}`);
    }
    const claimed = await post(p.reportedMember, wish, 'claim');
    expectPrivate(asWish(claimed), secret, 'new claimant');
    // Losing the race for it tells the loser nothing either.
    const lost = await post(p.claimant, wish, 'claim');
    expect(lost.statusCode).toBe(409);
    expectNothingPrivate(lost, secret, 'second claimant');
  });
});

describe('the former claimant loses access once the claim ends', () => {
  it('after releasing: the detail and the lists carry nothing private', async () => {
    const { wish, secret } = await wishWithSecret('claimed');
    expectPrivate(asWish(await get(p.claimant, `/api/wishes/${wish.id}`)), secret, 'claimant before');
    expect(asWish(await post(p.claimant, wish, 'release')).status).toBe('published');
    expectNothingPrivate(await get(p.claimant, `/api/wishes/${wish.id}`), secret, 'detail');
    const mine = await get(p.claimant, '/api/wishes?claimedByMe=1&limit=100');
    expect(list(mine).items.map((w) => w.id)).not.toContain(wish.id);
    expectListedWithoutPrivate(mine, wish.id, secret, 'claimedByMe');
    expectListedWithoutPrivate(await get(p.claimant, `/api/wishes?communityId=${longjin}&limit=100`), wish.id, secret, 'hall');
  });

  it('after completion: the wish stays in their claimed list, without the details', async () => {
    const { wish, secret } = await wishWithSecret('completed');
    expectNothingPrivate(await get(p.claimant, `/api/wishes/${wish.id}`), secret, 'detail');
    const mine = await get(p.claimant, '/api/wishes?claimedByMe=1&limit=100');
    expect(list(mine).items.map((w) => w.id)).toContain(wish.id);
    expectListedWithoutPrivate(mine, wish.id, secret, 'claimedByMe');
    expectListedWithoutPrivate(await get(p.claimant, `/api/wishes?communityId=${longjin}&status=completed&limit=100`), wish.id, secret, 'hall');
  });

  it('during a dispute the claimant keeps them; once staff reopen the wish they are gone', async () => {
    const { wish, secret } = await wishWithSecret('disputed');
    expectPrivate(asWish(await get(p.claimant, `/api/wishes/${wish.id}`)), secret, 'disputed');
    expect(asWish(await post(p.staff, wish, 'resolve', { outcome: 'reopen', note: '重新发布' })).status).toBe('published');
    expectNothingPrivate(await get(p.claimant, `/api/wishes/${wish.id}`), secret, 'reopened');
  });
});

describe('lists show the resident’s name masked, but to staff, who see the phone and address beside it', () => {
  it('to staff of the community the list shows 王秀兰 with the phone and address', async () => {
    const { wish } = await wishWithSecret('claimed');
    const item = list(await get(p.staff, `/api/wishes?communityId=${longjin}&limit=100`)).items.find((w) => w.id === wish.id)!;
    expect(item.residentName).toBe('王秀兰');
    expect(item.contactPhone).toBeDefined();
    expect(item.address).toBeDefined();
  });

  it.each(EVERYONE.filter((w) => w !== 'resident' && w !== 'staff'))('to %s the hall shows 王**', async (who) => {
    const { wish } = await wishWithSecret('claimed');
    const res = await get(p[who], `/api/wishes?communityId=${longjin}&limit=100`);
    const item = list(res).items.find((w) => w.id === wish.id)!;
    expect(item.residentName).toBe('王**');
    expect(res.body).not.toContain('王秀兰');
  });

  it('the detail shows the full name only to the entitled', async () => {
    const { wish } = await wishWithSecret('claimed');
    for (const who of EVERYONE) {
      const w = asWish(await get(p[who], `/api/wishes/${wish.id}`));
      const entitled = who === 'resident' || who === 'claimant' || who === 'staff';
      expect({ who, name: w.residentName }).toEqual({ who, name: entitled ? '王秀兰' : '王**' });
    }
  });
});

describe('messages never carry a resident’s phone or address', () => {
  it('no one’s notifications mention them, through a whole wish’s life and a dispute', async () => {
    const a = await wishWithSecret('completed');
    const b = await wishWithSecret('disputed');
    for (const who of EVERYONE) {
      const res = await get(p[who], '/api/notifications?limit=100');
      expectNothingPrivate(res, a.secret, who);
      expectNothingPrivate(res, b.secret, who);
    }
  });
});
