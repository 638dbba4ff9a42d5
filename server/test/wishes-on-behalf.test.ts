import { listEnvelope, maskName, wishSchema, type Wish } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { roleGrants, users, wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, freshPhone } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  auditOfWish,
  callerOf,
  callersOf,
  expectCode,
  expectOk,
  messagesAbout,
  privateDetails,
  type Caller,
  type Who,
} from './support/wishes';

// 代办: community staff post a wish for a resident without a smartphone (name, phone, address typed
// by staff). The wish follows the usual path; staff of its community answer for the resident
// (withdraw, confirm and rate, at once, recorded as given by staff), and the typed phone and
// address are private exactly as a resident's own: the claimant after claiming and staff of that
// community, no one else.

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2026-05-01T10:00:00+08:00');

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
afterAll(() => t?.close());

const RESIDENT_NAME = '赵德胜';

type Typed = ReturnType<typeof privateDetails>;

function proxyBody(typed: Typed, overrides: Record<string, unknown> = {}) {
  return {
    communityId: longjin,
    title: '帮忙买药',
    description: '腿脚不便，需要帮忙去药店买降压药。',
    category: 'health',
    onBehalfOf: { name: RESIDENT_NAME, phone: typed.contactPhone, address: typed.address },
    ...overrides,
  };
}

/** A 代办 wish staff of 龙津社区 typed, with a phone and address of its own to look for. */
async function proxyWish(): Promise<{ wish: Wish; typed: Typed }> {
  const typed = privateDetails();
  const wish = asWish(await api(t.app, p.staff, 'POST', '/api/wishes', proxyBody(typed)), 201);
  return { wish, typed };
}

const act = (who: Caller, wish: Wish, verb: string, body?: object) => api(t.app, who, 'POST', `/api/wishes/${wish.id}/${verb}`, body);
const step = async (who: Caller, wish: Wish, verb: string, body?: object) => asWish(await act(who, wish, verb, body));

/** A 代办 wish driven to `state` by staff and the claimant. */
async function proxyWishIn(state: 'published' | 'claimed' | 'fulfilled'): Promise<{ wish: Wish; typed: Typed }> {
  const made = await proxyWish();
  let wish = await step(p.staff, made.wish, 'approve');
  if (state !== 'published') wish = await step(p.claimant, wish, 'claim');
  if (state === 'fulfilled') wish = await step(p.claimant, wish, 'fulfil', { note: '已代购药品送到家中' });
  return { wish, typed: made.typed };
}

/** Neither the typed phone nor the address anywhere in the raw answer, nor their keys. */
function expectNothingTyped(res: LightMyRequestResponse, typed: Typed, who: string) {
  expect(res.statusCode).toBe(200);
  const leaks = [typed.contactPhone, typed.address, typed.marker].filter((s) => res.body.includes(s));
  expect({ who, leaks }).toEqual({ who, leaks: [] });
}

describe('who may post a 代办 wish: staff of that community only', () => {
  it('staff post it; it waits for review with the typed name, phone and address, and the staff member as its account', async () => {
    const { wish, typed } = await proxyWish();
    expect(wish).toMatchObject({
      status: 'pending_review',
      residentName: RESIDENT_NAME,
      onBehalfOf: true,
      contactPhone: typed.contactPhone,
      address: typed.address,
      viewerActors: ['resident', 'staff'],
    });
    const [row] = await t.app.db.select().from(wishes).where(eq(wishes.id, Number(wish.id)));
    expect(row).toMatchObject({ residentId: p.staff.userId, onBehalfOfName: RESIDENT_NAME, contactPhone: typed.contactPhone, address: typed.address });
  });

  it('takes neither contactPhone nor address besides: the typed ones are the contact', async () => {
    const typed = privateDetails();
    const wish = asWish(await api(t.app, p.staff, 'POST', '/api/wishes', proxyBody(typed, { contactPhone: '13911112222', address: '别处的地址' })), 201);
    expect(wish).toMatchObject({ contactPhone: typed.contactPhone, address: typed.address });
  });

  it.each([
    ['a resident', 'resident', 403, 'FORBIDDEN'],
    ['a member', 'claimant', 403, 'FORBIDDEN'],
    ['the street admin above', 'streetAdmin', 403, 'FORBIDDEN'],
    ['the district admin', 'districtAdmin', 403, 'FORBIDDEN'],
    ['staff of another community', 'otherStaff', 404, 'NOT_FOUND'],
  ] as const)('%s is refused', async (_what, who, status, code) => {
    const before = await t.app.db.select({ id: wishes.id }).from(wishes);
    expectCode(await api(t.app, p[who], 'POST', '/api/wishes', proxyBody(privateDetails())), status, code);
    expect(await t.app.db.select({ id: wishes.id }).from(wishes)).toHaveLength(before.length);
  });

  it.each([
    ['without a name', { name: '' }],
    ['with a phone that is no mobile number', { phone: '12345' }],
    ['without an address', { address: ' ' }],
  ])('refuses the typed resident %s (400 VALIDATION_FAILED)', async (_what, bad) => {
    const typed = privateDetails();
    const body = proxyBody(typed);
    expectCode(await api(t.app, p.staff, 'POST', '/api/wishes', { ...body, onBehalfOf: { ...body.onBehalfOf, ...bad } }), 400, 'VALIDATION_FAILED');
  });

  it('a resident’s own wish still needs their phone and address', async () => {
    const res = await api(t.app, p.resident, 'POST', '/api/wishes', { communityId: longjin, title: '帮忙修灯', description: '楼道的灯坏了很久了。', category: 'repair' });
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(res.body).toContain('body.contactPhone');
    expect(res.body).toContain('body.address');
  });

  it('is the resident’s, not among the wishes of the staff member who typed it (我的心愿)', async () => {
    const { wish } = await proxyWish();
    const mine = listEnvelope(wishSchema).parse(expectOk(await api(t.app, p.staff, 'GET', '/api/wishes?mine=1&limit=100')));
    expect(mine.items.map((w) => w.id)).not.toContain(wish.id);
    const hall = listEnvelope(wishSchema).parse(expectOk(await api(t.app, p.staff, 'GET', `/api/wishes?communityId=${longjin}&status=pending_review&limit=100`)));
    expect(hall.items.find((w) => w.id === wish.id)).toMatchObject({ residentName: RESIDENT_NAME, onBehalfOf: true, viewerActors: ['resident', 'staff'] });
  });

  it('is recorded as 代办 in the audit trail, without the typed phone or address', async () => {
    const { wish, typed } = await proxyWish();
    const [row] = await auditOfWish(t.app, wish.id);
    expect(row).toMatchObject({ action: 'wish.submit', actorId: p.staff.userId, details: { onBehalfOf: true } });
    expect(JSON.stringify(row)).not.toContain(typed.contactPhone);
    expect(JSON.stringify(row)).not.toContain(typed.marker);
  });
});

describe('the usual path, with staff answering for the resident', () => {
  it('staff approve; a member claims, contacts and fulfils; staff confirm and rate at once, recorded as given for the resident', async () => {
    const { wish: published } = await proxyWishIn('published');
    expect(published.status).toBe('published');
    let wish = await step(p.claimant, published, 'claim');
    wish = await step(p.claimant, wish, 'contact');
    wish = await step(p.claimant, wish, 'fulfil', { note: '已代购药品送到家中' });
    expect(wish.status).toBe('fulfilled');
    // No 7 days to wait: staff answer as the resident, having asked them by phone.
    wish = await step(p.staff, wish, 'confirm', { rating: 5, comment: '赵大爷电话里说很满意' });
    expect(wish).toMatchObject({ status: 'completed', rating: 5, comment: '赵大爷电话里说很满意' });
    const trail = await auditOfWish(t.app, wish.id);
    expect(trail.map((r) => [r.action, r.actorId, r.details])).toEqual([
      ['wish.submit', p.staff.userId, { onBehalfOf: true }],
      ['wish.approve', p.staff.userId, null],
      ['wish.claim', p.claimant.userId, null],
      ['wish.contact', p.claimant.userId, null],
      ['wish.fulfil', p.claimant.userId, null],
      ['wish.confirm', p.staff.userId, { rating: 5, onBehalfOf: true }],
    ]);
    expect(await messagesAbout(t.app, p.claimant, wish.id)).toContain('wish.completed');
  });

  it('staff confirming with a low rating send it to dispute, as the resident would', async () => {
    const { wish } = await proxyWishIn('fulfilled');
    expect((await step(p.staff, wish, 'confirm', { rating: 1 })).status).toBe('disputed');
  });

  it('any staff member of the community answers, not only the one who typed it', async () => {
    const phone = freshPhone();
    const [colleagueRow] = await t.app.db.insert(users).values({ phone, name: '周社工' }).returning({ id: users.id });
    await t.app.db.insert(roleGrants).values({ userId: colleagueRow!.id, role: 'community_staff', orgId: Number(longjin) });
    const colleague = await callerOf(t.app, phone);
    const { wish } = await proxyWishIn('fulfilled');
    const seen = asWish(await api(t.app, colleague, 'GET', `/api/wishes/${wish.id}`));
    expect(seen).toMatchObject({ viewerActors: ['resident', 'staff'], residentName: RESIDENT_NAME });
    expect((await step(colleague, wish, 'confirm', { rating: 4 })).status).toBe('completed');
    expect((await auditOfWish(t.app, wish.id)).at(-1)).toMatchObject({ action: 'wish.confirm', actorId: colleague.userId, details: { rating: 4, onBehalfOf: true } });
  });

  it('staff withdraw it for the resident before it is claimed', async () => {
    const { wish: pending } = await proxyWish();
    expect((await step(p.staff, pending, 'withdraw')).status).toBe('withdrawn');
    const { wish: published } = await proxyWishIn('published');
    expect((await step(p.staff, published, 'withdraw')).status).toBe('withdrawn');
    const [, , withdrawn] = [...(await auditOfWish(t.app, published.id))];
    expect(withdrawn).toMatchObject({ action: 'wish.withdraw', actorId: p.staff.userId, details: { onBehalfOf: true } });
  });

  it('staff of another community may do none of it', async () => {
    const { wish } = await proxyWishIn('fulfilled');
    expectCode(await act(p.otherStaff, wish, 'confirm', { rating: 5 }), 403, 'FORBIDDEN');
    const { wish: published } = await proxyWishIn('published');
    expectCode(await act(p.otherStaff, published, 'withdraw'), 403, 'FORBIDDEN');
    expectCode(await act(p.streetAdmin, published, 'withdraw'), 403, 'FORBIDDEN');
  });

  it('on a resident’s own wish staff still wait the 7 days, and may not withdraw it', async () => {
    const typed = privateDetails();
    let own = asWish(
      await api(t.app, p.resident, 'POST', '/api/wishes', {
        communityId: longjin,
        title: '帮忙修灯',
        description: '楼道的灯坏了很久了。',
        category: 'repair',
        contactPhone: typed.contactPhone,
        address: typed.address,
      }),
      201,
    );
    expect(own.viewerActors).toEqual(['resident']);
    expect(own.onBehalfOf).toBe(false);
    own = await step(p.staff, own, 'approve');
    expect(own.viewerActors).toEqual(['staff']);
    expectCode(await act(p.staff, own, 'withdraw'), 403, 'FORBIDDEN');
    own = await step(p.claimant, own, 'claim');
    own = await step(p.claimant, own, 'fulfil', { note: '已修好' });
    expectCode(await act(p.staff, own, 'confirm', { rating: 5 }), 409, 'CONFIRM_TOO_EARLY');
    clock = new Date(clock.getTime() + 8 * DAY_MS);
    expect((await step(p.staff, own, 'confirm', { rating: 5 })).status).toBe('completed');
  });
});

describe('the typed phone and address are private like any resident’s', () => {
  const hall = (who: Caller) => api(t.app, who, 'GET', `/api/wishes?communityId=${longjin}&limit=100`);
  const detail = (who: Caller, wish: Wish) => api(t.app, who, 'GET', `/api/wishes/${wish.id}`);
  const listed = (res: LightMyRequestResponse, wish: Wish) => listEnvelope(wishSchema).parse(expectOk(res)).items.find((w) => w.id === wish.id);

  it('a member browsing the hall, a resident, staff of another community and the admins above never see them; the name is masked', async () => {
    const { wish, typed } = await proxyWishIn('published');
    for (const who of ['reportedMember', 'claimant', 'unrelatedResident', 'resident', 'otherStaff', 'streetAdmin', 'districtAdmin', 'memberReportedElsewhere'] as const) {
      for (const res of [await hall(p[who]), await detail(p[who], wish)]) expectNothingTyped(res, typed, who);
      const item = listed(await hall(p[who]), wish)!;
      expect({ who, name: item.residentName, keys: Object.keys(item).filter((k) => ['contactPhone', 'address', 'onBehalfOf'].includes(k)) }).toEqual({
        who,
        name: maskName(RESIDENT_NAME),
        keys: [],
      });
      expect(asWish(await detail(p[who], wish)).residentName).toBe(maskName(RESIDENT_NAME));
    }
  });

  it('the claimant sees them once the wish is theirs, and staff of the community always; the staff member’s own name is never shown as the resident', async () => {
    const { wish, typed } = await proxyWishIn('claimed');
    for (const who of ['claimant', 'staff'] as const) {
      expect(asWish(await detail(p[who], wish))).toMatchObject({ residentName: RESIDENT_NAME, onBehalfOf: true, contactPhone: typed.contactPhone, address: typed.address });
      const item = listed(await hall(p[who]), wish)!;
      expect({ who, contactPhone: item.contactPhone, address: item.address }).toEqual({ who, contactPhone: typed.contactPhone, address: typed.address });
    }
    for (const who of ['reportedMember', 'otherStaff', 'streetAdmin'] as const) expectNothingTyped(await detail(p[who], wish), typed, who);
    for (const res of [await hall(p.reportedMember), await detail(p.claimant, wish)]) expect(res.body).not.toContain('张丽华');
  });

  it('a released claimant no longer sees them', async () => {
    const { wish, typed } = await proxyWishIn('claimed');
    await step(p.claimant, wish, 'release');
    expectNothingTyped(await detail(p.claimant, wish), typed, 'released claimant');
  });

  it('the wishes ledger names the typed resident, in full for staff of the community only', async () => {
    const { wish } = await proxyWishIn('published');
    const rowOf = async (who: Caller) => {
      const res = await api(t.app, who, 'GET', `/api/exports/wishes.xlsx?orgId=${longjin}`);
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      let found: Record<string, unknown> | undefined;
      sheet.eachRow((row) => {
        if (String(row.getCell(1).value) === wish.id) found = Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value]));
      });
      return found!;
    };
    expect((await rowOf(p.staff))['居民']).toBe(RESIDENT_NAME);
    expect((await rowOf(p.streetAdmin))['居民']).toBe(maskName(RESIDENT_NAME));
  });

  it('the hall, cached for a second, answers each viewer as themself', async () => {
    const { wish, typed } = await proxyWishIn('claimed');
    // Read by the entitled and the unentitled in turn within the same second.
    for (const who of ['staff', 'reportedMember', 'claimant', 'otherStaff', 'staff', 'reportedMember'] as const) {
      const res = await hall(p[who]);
      if (who === 'staff' || who === 'claimant') expect(listed(res, wish)!.contactPhone).toBe(typed.contactPhone);
      else expectNothingTyped(res, typed, who);
    }
  });
});

describe('messages for the resident go to the staff member who typed the wish', () => {
  it('the approval, the claim and the fulfilment reach the account of the wish, to pass on by phone', async () => {
    const { wish } = await proxyWishIn('fulfilled');
    expect(await messagesAbout(t.app, p.staff, wish.id)).toEqual(expect.arrayContaining(['wish.approved', 'wish.claimed', 'wish.fulfilled']));
  });
});
