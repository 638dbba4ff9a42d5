import { wishMachine, type Wish, type WishAction } from '@huijia/shared';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { wishClaims, wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  auditOfWish,
  callersOf,
  expectCode,
  messagesAbout,
  outcome,
  uploadImage,
  wishIn,
  type Caller,
} from './support/wishes';

// The micro-wish (微心愿) state machine as the API enforces it: who may take each step from which
// state, what each step records (an audit row in the same transaction) and whom it tells.

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2026-03-02T09:00:00+08:00');
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let t: TestApp;
let ids: Record<string, string>;
let p: Record<keyof typeof WHO, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' }, deps: { now: () => clock } });
  ids = await demoIds(t.app);
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

type State = Parameters<typeof wishIn>[3];
/** A new wish of 龙津社区 in `state`: posted by 王秀兰, reviewed by 张丽华, claimed by 李志远. */
const wishAt = (state: State) => wishIn(t.app, { resident: p.resident, staff: p.staff, claimant: p.claimant }, ids['龙津社区']!, state);

const BODY: Record<WishAction, object | undefined> = {
  approve: undefined,
  reject: { reason: '不属于微心愿范围' },
  resubmit: { title: '帮忙修水龙头（已补充）', description: '厨房水龙头一直滴水，想请人帮忙换个阀芯，材料自备。', category: 'repair', contactPhone: '13900000201', address: '阳光花园 3 栋 402' },
  withdraw: undefined,
  claim: undefined,
  contact: undefined,
  release: undefined,
  fulfil: { note: '已上门更换水龙头' },
  confirm: { rating: 5, comment: '谢谢' },
  resolve: { outcome: 'completed', note: '已电话核实' },
};
const act = (who: Caller, wish: Pick<Wish, 'id'>, action: string, body?: object) =>
  api(t.app, who, 'POST', `/api/wishes/${wish.id}/${action}`, body);
const read = async (who: Caller, wish: Pick<Wish, 'id'>) => asWish(await api(t.app, who, 'GET', `/api/wishes/${wish.id}`));
const liveClaims = (wishId: string) =>
  t.app.db.select().from(wishClaims).where(eq(wishClaims.wishId, Number(wishId))).then((rows) => rows.filter((r) => r.releasedAt === null));

/** The last audit row of a wish. */
const lastAudit = async (wishId: string) => (await auditOfWish(t.app, wishId)).at(-1)!;

type Person = Exclude<keyof typeof WHO, 'streetAdmin' | 'districtAdmin'>;
type Row = { who: Person; action: WishAction; state: State; answer: string };

/** Everyone who is not the actor of a step, by what they answer, for each step from its state. */
const ACTOR_MATRIX: Row[] = [
  ...(['approve', 'reject'] as const).flatMap((action): Row[] => [
    { who: 'staff', action, state: 'pending_review', answer: '200' },
    { who: 'resident', action, state: 'pending_review', answer: '403 FORBIDDEN' },
    // A wish under review is not public: to anyone but its resident and staff it does not exist.
    { who: 'reportedMember', action, state: 'pending_review', answer: '404 NOT_FOUND' },
    { who: 'memberReportedElsewhere', action, state: 'pending_review', answer: '404 NOT_FOUND' },
    { who: 'memberNotReported', action, state: 'pending_review', answer: '404 NOT_FOUND' },
    { who: 'otherStaff', action, state: 'pending_review', answer: '404 NOT_FOUND' },
    { who: 'unrelatedResident', action, state: 'pending_review', answer: '404 NOT_FOUND' },
  ]),
  // A rejected wish is its resident's and staff's to see: only its resident sends it again.
  { who: 'resident', action: 'resubmit', state: 'rejected', answer: '200' },
  { who: 'staff', action: 'resubmit', state: 'rejected', answer: '403 FORBIDDEN' },
  ...(['reportedMember', 'memberReportedElsewhere', 'memberNotReported', 'otherStaff', 'unrelatedResident'] as const).map(
    (who): Row => ({ who, action: 'resubmit', state: 'rejected', answer: '404 NOT_FOUND' }),
  ),
  { who: 'resident', action: 'withdraw', state: 'pending_review', answer: '200' },
  { who: 'staff', action: 'withdraw', state: 'pending_review', answer: '403 FORBIDDEN' },
  { who: 'reportedMember', action: 'withdraw', state: 'pending_review', answer: '404 NOT_FOUND' },
  { who: 'memberReportedElsewhere', action: 'withdraw', state: 'pending_review', answer: '404 NOT_FOUND' },
  { who: 'memberNotReported', action: 'withdraw', state: 'pending_review', answer: '404 NOT_FOUND' },
  { who: 'otherStaff', action: 'withdraw', state: 'pending_review', answer: '404 NOT_FOUND' },
  { who: 'unrelatedResident', action: 'withdraw', state: 'pending_review', answer: '404 NOT_FOUND' },
  { who: 'resident', action: 'withdraw', state: 'published', answer: '200' },
  ...(['staff', 'reportedMember', 'memberReportedElsewhere', 'memberNotReported', 'otherStaff', 'unrelatedResident'] as const).map(
    (who): Row => ({ who, action: 'withdraw', state: 'published', answer: '403 FORBIDDEN' }),
  ),
  { who: 'reportedMember', action: 'claim', state: 'published', answer: '200' },
  { who: 'claimant', action: 'claim', state: 'published', answer: '200' },
  { who: 'memberReportedElsewhere', action: 'claim', state: 'published', answer: '403 NOT_REPORTED_HERE' },
  { who: 'memberNotReported', action: 'claim', state: 'published', answer: '403 NOT_REPORTED_HERE' },
  { who: 'resident', action: 'claim', state: 'published', answer: '403 FORBIDDEN' },
  { who: 'staff', action: 'claim', state: 'published', answer: '403 FORBIDDEN' },
  { who: 'otherStaff', action: 'claim', state: 'published', answer: '403 FORBIDDEN' },
  { who: 'unrelatedResident', action: 'claim', state: 'published', answer: '403 FORBIDDEN' },
  ...(['contact', 'release', 'fulfil'] as const).flatMap((action): Row[] => [
    { who: 'claimant', action, state: 'claimed', answer: '200' },
    ...(['resident', 'reportedMember', 'memberReportedElsewhere', 'memberNotReported', 'staff', 'otherStaff', 'unrelatedResident'] as const).map(
      (who): Row => ({ who, action, state: 'claimed', answer: '403 FORBIDDEN' }),
    ),
    // Once the wish is completed its former claimant is no longer its claimant.
    { who: 'claimant', action, state: 'completed', answer: '403 FORBIDDEN' },
  ]),
  { who: 'resident', action: 'confirm', state: 'fulfilled', answer: '200' },
  // Staff confirm only once the resident has left it 7 days (see the rule below).
  { who: 'staff', action: 'confirm', state: 'fulfilled', answer: '409 CONFIRM_TOO_EARLY' },
  ...(['claimant', 'reportedMember', 'memberReportedElsewhere', 'memberNotReported', 'otherStaff', 'unrelatedResident'] as const).map(
    (who): Row => ({ who, action: 'confirm', state: 'fulfilled', answer: '403 FORBIDDEN' }),
  ),
  { who: 'staff', action: 'resolve', state: 'disputed', answer: '200' },
  { who: 'resident', action: 'resolve', state: 'disputed', answer: '403 FORBIDDEN' },
  { who: 'claimant', action: 'resolve', state: 'disputed', answer: '403 FORBIDDEN' },
  // A disputed wish is not public.
  ...(['reportedMember', 'memberReportedElsewhere', 'memberNotReported', 'otherStaff', 'unrelatedResident'] as const).map(
    (who): Row => ({ who, action: 'resolve', state: 'disputed', answer: '404 NOT_FOUND' }),
  ),
];

/** The right actor in a state the step does not start from. */
const WRONG_STATE: Row[] = [
  ...(['approve', 'reject'] as const).flatMap((action) =>
    (['published', 'claimed', 'fulfilled', 'completed', 'rejected', 'withdrawn', 'disputed'] as const).map(
      (state): Row => ({ who: 'staff', action, state, answer: '409 WISH_STATE_CONFLICT' }),
    ),
  ),
  ...(['claimed', 'fulfilled', 'completed', 'rejected', 'withdrawn', 'disputed'] as const).map(
    (state): Row => ({ who: 'resident', action: 'withdraw', state, answer: '409 WISH_STATE_CONFLICT' }),
  ),
  ...(['pending_review', 'published', 'claimed', 'fulfilled', 'completed', 'withdrawn', 'disputed'] as const).map(
    (state): Row => ({ who: 'resident', action: 'resubmit', state, answer: '409 WISH_STATE_CONFLICT' }),
  ),
  ...(['claimed', 'fulfilled', 'completed'] as const).map((state): Row => ({ who: 'reportedMember', action: 'claim', state, answer: '409 WISH_ALREADY_CLAIMED' })),
  { who: 'claimant', action: 'claim', state: 'claimed', answer: '409 WISH_ALREADY_CLAIMED' },
  ...(['pending_review', 'rejected', 'withdrawn', 'disputed'] as const).map((state): Row => ({ who: 'reportedMember', action: 'claim', state, answer: '404 NOT_FOUND' })),
  ...(['contacted', 'fulfilled', 'disputed'] as const).map((state): Row => ({ who: 'claimant', action: 'contact', state, answer: '409 WISH_STATE_CONFLICT' })),
  ...(['release', 'fulfil'] as const).flatMap((action) =>
    (['fulfilled', 'disputed'] as const).map((state): Row => ({ who: 'claimant', action, state, answer: '409 WISH_STATE_CONFLICT' })),
  ),
  ...(['pending_review', 'published', 'claimed', 'completed', 'rejected', 'withdrawn', 'disputed'] as const).map(
    (state): Row => ({ who: 'resident', action: 'confirm', state, answer: '409 WISH_STATE_CONFLICT' }),
  ),
  ...(['claimed', 'completed', 'disputed'] as const).map((state): Row => ({ who: 'staff', action: 'confirm', state, answer: '409 WISH_STATE_CONFLICT' })),
  ...(['pending_review', 'published', 'claimed', 'fulfilled', 'completed', 'rejected', 'withdrawn'] as const).map(
    (state): Row => ({ who: 'staff', action: 'resolve', state, answer: '409 WISH_STATE_CONFLICT' }),
  ),
];

/** Takes the row's step and checks its answer; a refusal changes nothing and records nothing. */
async function expectRow({ who, action, state, answer }: Row) {
  const wish = await wishAt(state);
  const trail = await auditOfWish(t.app, wish.id);
  const res = await act(p[who], wish, action, BODY[action]);
  const [status, code] = answer.split(' ');
  if (status === '200') {
    const after = asWish(res);
    expect(after.status).toBe(action === 'confirm' || action === 'resolve' ? 'completed' : wishMachine.target(action));
    expect(await auditOfWish(t.app, wish.id)).toHaveLength(trail.length + 1);
    return;
  }
  expectCode(res, Number(status), code!);
  expect(res.json().error.message).toMatch(/\p{Script=Han}/u);
  const now = await read(p.staff, wish);
  expect({ status: now.status, claimantName: now.claimantName }).toEqual({ status: wish.status, claimantName: wish.claimantName });
  expect(await auditOfWish(t.app, wish.id)).toHaveLength(trail.length);
}

describe('each step may be taken only by its actor: others get 403, or 404 when they may not see the wish', () => {
  it.each(ACTOR_MATRIX)('$who → $action on a $state wish answers $answer', expectRow);
});

describe('a step from a state it does not start from answers 409 and changes nothing', () => {
  it.each(WRONG_STATE)('$who → $action on a $state wish answers $answer', expectRow);
});

describe('viewerActors says who the caller is to the wish', () => {
  it.each([
    ['resident', ['resident']],
    ['claimant', ['claimant', 'reported_member']],
    ['reportedMember', ['reported_member']],
    ['memberReportedElsewhere', []],
    ['memberNotReported', []],
    ['staff', ['staff']],
    ['otherStaff', []],
    ['unrelatedResident', []],
    ['streetAdmin', []],
  ] as const)('on a claimed wish, %s is %j', async (who, actors) => {
    const wish = await wishAt('claimed');
    expect((await read(p[who], wish)).viewerActors).toEqual(actors);
  });

  it('the claimant is no longer "claimant" once the wish is completed, nor after releasing it', async () => {
    const completed = await wishAt('completed');
    expect((await read(p.claimant, completed)).viewerActors).toEqual(['reported_member']);
    const released = asWish(await act(p.claimant, await wishAt('claimed'), 'release'));
    expect(released.viewerActors).toEqual(['reported_member']);
  });

  it('each step answers the wish with the actor’s own viewerActors', async () => {
    const wish = await wishAt('pending_review');
    expect(asWish(await act(p.staff, wish, 'approve')).viewerActors).toEqual(['staff']);
    expect(asWish(await act(p.claimant, wish, 'claim')).viewerActors).toEqual(['claimant', 'reported_member']);
    expect(asWish(await act(p.claimant, wish, 'fulfil', BODY.fulfil)).viewerActors).toEqual(['claimant', 'reported_member']);
    expect(asWish(await act(p.resident, wish, 'confirm', { rating: 4 })).viewerActors).toEqual(['resident']);
  });
});

describe('staff of the wish’s community approve a wish under review: it is published', () => {
  it('publishes it, records wish.approve by the staff member and tells the resident', async () => {
    const wish = await wishAt('pending_review');
    expect(await messagesAbout(t.app, p.staff, wish.id)).toEqual(['wish.submitted']);
    expect(await messagesAbout(t.app, p.otherStaff, wish.id)).toEqual([]);
    later(3 * 60 * 60 * 1000);
    const approved = asWish(await act(p.staff, wish, 'approve'));
    expect(approved).toMatchObject({ status: 'published', reviewedAt: clock.toISOString() });
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.approve', actorId: p.staff.userId, fromState: 'pending_review', toState: 'published' });
    expect(await messagesAbout(t.app, p.resident, wish.id)).toEqual(['wish.approved']);
    // Published, it is public: members of the community now see it.
    expect((await read(p.reportedMember, wish)).status).toBe('published');
  });
});

describe('staff reject a wish under review only with a reason', () => {
  it.each([
    ['no body', undefined],
    ['no reason', {}],
    ['a blank reason', { reason: '   ' }],
  ])('refuses %s with 400 VALIDATION_FAILED and leaves the wish under review', async (_what, body) => {
    const wish = await wishAt('pending_review');
    const res = await act(p.staff, wish, 'reject', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^(VALIDATION_FAILED|MALFORMED_JSON)$/);
    expect((await read(p.staff, wish)).status).toBe('pending_review');
  });

  it('rejects with the reason, records it and tells the resident', async () => {
    const wish = await wishAt('pending_review');
    const rejected = asWish(await act(p.staff, wish, 'reject', { reason: '请联系物业处理' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '请联系物业处理', reviewedAt: clock.toISOString() });
    expect((await read(p.resident, wish)).rejectReason).toBe('请联系物业处理');
    expect(await lastAudit(wish.id)).toMatchObject({
      action: 'wish.reject',
      actorId: p.staff.userId,
      fromState: 'pending_review',
      toState: 'rejected',
      details: { reason: '请联系物业处理' },
    });
    expect(await messagesAbout(t.app, p.resident, wish.id)).toEqual(['wish.rejected']);
  });
});

describe('the resident edits a rejected wish as its reason asks and sends it again', () => {
  it('rewrites it, clears the rejection, keeps the photos still listed and adds new ones, and tells staff', async () => {
    const [kept, dropped] = [await uploadImage(t.app, p.resident), await uploadImage(t.app, p.resident)];
    const wish = await wishIn(t.app, { resident: p.resident, staff: p.staff, claimant: p.claimant }, ids['龙津社区']!, 'rejected', { photoIds: [kept.id, dropped.id] });
    const added = await uploadImage(t.app, p.resident);
    const again = asWish(await act(p.resident, wish, 'resubmit', { ...BODY.resubmit, photoIds: [kept.id, added.id] }));
    expect(again).toMatchObject({ status: 'pending_review', title: '帮忙修水龙头（已补充）', rejectReason: null, reviewedAt: null });
    expect(again.photos.map((ph) => ph.id).sort()).toEqual([kept.id, added.id].sort());
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.resubmit', actorId: p.resident.userId, fromState: 'rejected', toState: 'pending_review' });
    expect(await messagesAbout(t.app, p.staff, wish.id)).toContain('wish.submitted');
    // Back under review, staff may approve it as any other.
    expect(asWish(await act(p.staff, wish, 'approve')).status).toBe('published');
  });

  it('refuses someone else\'s upload, and changes nothing', async () => {
    const wish = await wishAt('rejected');
    const foreign = await uploadImage(t.app, p.reportedMember);
    expectCode(await act(p.resident, wish, 'resubmit', { ...BODY.resubmit, photoIds: [foreign.id] }), 400, 'UPLOAD_NOT_FOUND');
    expect(await read(p.resident, wish)).toMatchObject({ status: 'rejected', title: wish.title });
  });

  it('refuses an edit that would not pass as a new wish with 400 VALIDATION_FAILED', async () => {
    const wish = await wishAt('rejected');
    expectCode(await act(p.resident, wish, 'resubmit', { ...BODY.resubmit, title: '' }), 400, 'VALIDATION_FAILED');
    expect((await read(p.resident, wish)).status).toBe('rejected');
  });
});

describe('the resident withdraws a wish only before it is claimed', () => {
  it.each(['pending_review', 'published'] as const)('withdraws a %s wish and records wish.withdraw', async (state) => {
    const wish = await wishAt(state);
    expect(asWish(await act(p.resident, wish, 'withdraw')).status).toBe('withdrawn');
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.withdraw', actorId: p.resident.userId, fromState: state, toState: 'withdrawn' });
    // Withdrawn, it leaves the hall.
    expectCode(await api(t.app, p.reportedMember, 'GET', `/api/wishes/${wish.id}`), 404, 'NOT_FOUND');
  });

  it('cannot withdraw once a member has claimed it: 409, and the claim stands', async () => {
    const wish = await wishAt('claimed');
    expectCode(await act(p.resident, wish, 'withdraw'), 409, 'WISH_STATE_CONFLICT');
    expect((await read(p.claimant, wish)).status).toBe('claimed');
    expect(await liveClaims(wish.id)).toHaveLength(1);
  });
});

describe('a member with a confirmed report in the wish’s community claims a published wish', () => {
  it('claims it with the community’s deadlines, one live claim, wish.claim recorded and the resident told', async () => {
    const wish = await wishAt('published');
    const claimed = asWish(await act(p.reportedMember, wish, 'claim'));
    expect(claimed).toMatchObject({
      status: 'claimed',
      claimantName: '赵雪梅',
      claimedAt: clock.toISOString(),
      contactedAt: null,
      contactDueAt: new Date(clock.getTime() + 7 * DAY_MS).toISOString(),
      fulfilDueAt: new Date(clock.getTime() + 30 * DAY_MS).toISOString(),
    });
    const live = await liveClaims(wish.id);
    expect(live.map((c) => c.memberId)).toEqual([p.reportedMember.userId]);
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.claim', actorId: p.reportedMember.userId, fromState: 'published', toState: 'claimed' });
    expect(await messagesAbout(t.app, p.resident, wish.id)).toEqual(['wish.claimed', 'wish.approved']);
  });

  it('a second member cannot claim a claimed wish: 409 WISH_ALREADY_CLAIMED, the first claim stands', async () => {
    const wish = await wishAt('claimed');
    expectCode(await act(p.reportedMember, wish, 'claim'), 409, 'WISH_ALREADY_CLAIMED');
    expect((await liveClaims(wish.id)).map((c) => c.memberId)).toEqual([p.claimant.userId]);
  });

  it.each(['memberReportedElsewhere', 'memberNotReported'] as const)(
    'a member not reported in this community (%s) is told 403 NOT_REPORTED_HERE',
    async (who) => {
      const wish = await wishAt('published');
      expectCode(await act(p[who], wish, 'claim'), 403, 'NOT_REPORTED_HERE');
      expect(await liveClaims(wish.id)).toEqual([]);
    },
  );

  it('a reported member may not claim a wish they posted themselves: 403 FORBIDDEN', async () => {
    const own = await wishIn(t.app, { resident: p.reportedMember, staff: p.staff, claimant: p.claimant }, ids['龙津社区']!, 'published');
    expect((await read(p.reportedMember, own)).viewerActors).toEqual(['resident']);
    expectCode(await act(p.reportedMember, own, 'claim'), 403, 'FORBIDDEN');
    expect(await liveClaims(own.id)).toEqual([]);
  });

  it('a wish still under review cannot be claimed: it is not found', async () => {
    const wish = await wishAt('pending_review');
    expectCode(await act(p.reportedMember, wish, 'claim'), 404, 'NOT_FOUND');
  });
});

describe('the claimant records contacting the resident; the wish stays claimed', () => {
  it('sets contactedAt, records wish.contact, and a second contact answers 409', async () => {
    const wish = await wishAt('claimed');
    later(60 * 60 * 1000);
    const contacted = asWish(await act(p.claimant, wish, 'contact'));
    expect(contacted).toMatchObject({ status: 'claimed', contactedAt: clock.toISOString() });
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.contact', actorId: p.claimant.userId, fromState: 'claimed', toState: 'claimed' });
    expectCode(await act(p.claimant, wish, 'contact'), 409, 'WISH_STATE_CONFLICT');
  });
});

describe('the claimant releases a claim: the wish is published again with the claim cleared', () => {
  it('clears the claimant and deadlines, ends the claim, records wish.release and tells the resident', async () => {
    const wish = await wishAt('contacted');
    const released = asWish(await act(p.claimant, wish, 'release'));
    expect(released).toMatchObject({ status: 'published', claimantName: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null });
    expect(await liveClaims(wish.id)).toEqual([]);
    const [claim] = await t.app.db.select().from(wishClaims).where(and(eq(wishClaims.wishId, Number(wish.id)), eq(wishClaims.memberId, p.claimant.userId)));
    expect(claim).toMatchObject({ releaseReason: 'claimant' });
    expect(claim!.releasedAt).not.toBeNull();
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.release', actorId: p.claimant.userId, fromState: 'claimed', toState: 'published' });
    expect((await messagesAbout(t.app, p.resident, wish.id))[0]).toBe('wish.released');
  });

  it('another member may then claim it', async () => {
    const wish = await wishAt('claimed');
    expectOkStatus(await act(p.claimant, wish, 'release'));
    expect(asWish(await act(p.reportedMember, wish, 'claim'))).toMatchObject({ status: 'claimed', claimantName: '赵雪梅' });
    expect((await liveClaims(wish.id)).map((c) => c.memberId)).toEqual([p.reportedMember.userId]);
  });
});

describe('the claimant fulfils a claimed wish with a note and optional evidence photos', () => {
  it.each([
    ['no note', {}],
    ['a note of one character', { note: '好' }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_what, body) => {
    const wish = await wishAt('claimed');
    expectCode(await act(p.claimant, wish, 'fulfil', body), 400, 'VALIDATION_FAILED');
    expect((await read(p.claimant, wish)).status).toBe('claimed');
  });

  it('fulfils with the note and photos, records wish.fulfil and asks the resident to confirm', async () => {
    const wish = await wishAt('claimed');
    const photos = [await uploadImage(t.app, p.claimant), await uploadImage(t.app, p.claimant)];
    later(2 * DAY_MS);
    const fulfilled = asWish(await act(p.claimant, wish, 'fulfil', { note: '已陪同就医并取药', photoIds: photos.map((x) => x.id) }));
    expect(fulfilled).toMatchObject({ status: 'fulfilled', fulfilNote: '已陪同就医并取药', fulfilledAt: clock.toISOString() });
    expect(fulfilled.evidence.map((x) => x.id).sort()).toEqual(photos.map((x) => x.id).sort());
    expect((await read(p.resident, wish)).evidence).toHaveLength(2);
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.fulfil', actorId: p.claimant.userId, fromState: 'claimed', toState: 'fulfilled' });
    expect((await messagesAbout(t.app, p.resident, wish.id))[0]).toBe('wish.fulfilled');
  });
});

describe('the resident confirms with a rating of 1 to 5; 2 or less is a dispute for staff', () => {
  it.each([0, 6, 2.5, '5'])('refuses the rating %j with 400 VALIDATION_FAILED', async (rating) => {
    const wish = await wishAt('fulfilled');
    expectCode(await act(p.resident, wish, 'confirm', { rating }), 400, 'VALIDATION_FAILED');
    expect((await read(p.resident, wish)).status).toBe('fulfilled');
  });

  it.each([3, 4, 5])('a rating of %i completes the wish, ends the claim and tells the claimant', async (rating) => {
    const wish = await wishAt('fulfilled');
    later(DAY_MS);
    const done = asWish(await act(p.resident, wish, 'confirm', { rating, comment: '很及时' }));
    expect(done).toMatchObject({ status: 'completed', rating, comment: '很及时', completedAt: clock.toISOString(), disputedAt: null });
    expect(await liveClaims(wish.id)).toEqual([]);
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.confirm', actorId: p.resident.userId, fromState: 'fulfilled', toState: 'completed', details: { rating } });
    expect((await messagesAbout(t.app, p.claimant, wish.id))[0]).toBe('wish.completed');
  });

  it.each([1, 2])('a rating of %i sends the wish to disputed and tells staff and the claimant', async (rating) => {
    const wish = await wishAt('fulfilled');
    later(DAY_MS);
    expect(asWish(await act(p.resident, wish, 'confirm', { rating }))).toMatchObject({ status: 'disputed', rating, disputedAt: clock.toISOString(), completedAt: null });
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.confirm', fromState: 'fulfilled', toState: 'disputed' });
    expect((await messagesAbout(t.app, p.staff, wish.id))[0]).toBe('wish.disputed');
    expect((await messagesAbout(t.app, p.claimant, wish.id))[0]).toBe('wish.disputed');
    expect(await messagesAbout(t.app, p.otherStaff, wish.id)).toEqual([]);
    // The claim is still live until staff decide.
    expect(await liveClaims(wish.id)).toHaveLength(1);
  });
});

describe('staff may confirm for the resident only 7 days after fulfilment', () => {
  it('answers 409 CONFIRM_TOO_EARLY a minute before the 7 days, and confirms at 7 days', async () => {
    const wish = await wishAt('fulfilled');
    const fulfilledAt = new Date((await read(p.staff, wish)).fulfilledAt!);
    later(fulfilledAt.getTime() + 7 * DAY_MS - 60_000 - clock.getTime());
    expectCode(await act(p.staff, wish, 'confirm', { rating: 5 }), 409, 'CONFIRM_TOO_EARLY');
    expect((await read(p.staff, wish)).status).toBe('fulfilled');
    later(60_000);
    expect(asWish(await act(p.staff, wish, 'confirm', { rating: 4 }))).toMatchObject({ status: 'completed', rating: 4 });
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.confirm', actorId: p.staff.userId, fromState: 'fulfilled', toState: 'completed' });
    expect((await messagesAbout(t.app, p.claimant, wish.id))[0]).toBe('wish.completed');
  });

  it('tells the resident that staff confirmed their wish for them', async () => {
    const wish = await wishAt('fulfilled');
    later(7 * DAY_MS);
    expectOkStatus(await act(p.staff, wish, 'confirm', { rating: 5 }));
    expect((await messagesAbout(t.app, p.resident, wish.id))[0]).toBe('wish.completed');
  });

  it('staff of another community may not confirm even after 7 days', async () => {
    const wish = await wishAt('fulfilled');
    later(8 * DAY_MS);
    expectCode(await act(p.otherStaff, wish, 'confirm', { rating: 5 }), 403, 'FORBIDDEN');
  });
});

describe('staff resolve a dispute: completed, or reopened to published with the claim cleared', () => {
  it.each([
    ['no note', { outcome: 'completed' }],
    ['an unknown outcome', { outcome: 'done', note: '核实' }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_what, body) => {
    const wish = await wishAt('disputed');
    expectCode(await act(p.staff, wish, 'resolve', body), 400, 'VALIDATION_FAILED');
  });

  it('completes it: the claim ends, wish.resolve is recorded, the resident and claimant are told', async () => {
    const wish = await wishAt('disputed');
    later(DAY_MS);
    expect(asWish(await act(p.staff, wish, 'resolve', { outcome: 'completed', note: '电话回访已完成' }))).toMatchObject({
      status: 'completed',
      resolution: '电话回访已完成',
      completedAt: clock.toISOString(),
    });
    expect(await liveClaims(wish.id)).toEqual([]);
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.resolve', actorId: p.staff.userId, fromState: 'disputed', toState: 'completed' });
    expect((await messagesAbout(t.app, p.resident, wish.id))[0]).toBe('wish.resolved');
    expect((await messagesAbout(t.app, p.claimant, wish.id))[0]).toBe('wish.resolved');
  });

  it('reopens it: published, claimant, fulfilment and rating cleared, the claim ended; another member may claim', async () => {
    const wish = await wishAt('disputed');
    const reopened = asWish(await act(p.staff, wish, 'resolve', { outcome: 'reopen', note: '未实际完成，重新发布' }));
    expect(reopened).toMatchObject({
      status: 'published',
      claimantName: null,
      claimedAt: null,
      contactedAt: null,
      contactDueAt: null,
      fulfilDueAt: null,
      fulfilledAt: null,
      rating: null,
      disputedAt: null,
    });
    // Still reviewed: the review stands.
    expect(reopened.reviewedAt).not.toBeNull();
    expect(await liveClaims(wish.id)).toEqual([]);
    expect(await lastAudit(wish.id)).toMatchObject({ action: 'wish.resolve', fromState: 'disputed', toState: 'published', details: { outcome: 'reopen' } });
    expect((await messagesAbout(t.app, p.claimant, wish.id))[0]).toBe('wish.resolved');
    // The former claimant is no longer entitled, and the wish is open to a new claim.
    expect((await read(p.claimant, wish)).viewerActors).toEqual(['reported_member']);
    expect(asWish(await act(p.reportedMember, wish, 'claim'))).toMatchObject({ status: 'claimed', claimantName: '赵雪梅' });
  });
});

describe('every step of a wish’s life is in its audit trail, in order, with its actor', () => {
  it('records submit, approve, claim, contact, fulfil and confirm', async () => {
    const wish = await wishAt('completed');
    const trail = await auditOfWish(t.app, wish.id);
    expect(trail.map((r) => [r.action, r.actorId, r.fromState, r.toState])).toEqual([
      ['wish.submit', p.resident.userId, null, 'pending_review'],
      ['wish.approve', p.staff.userId, 'pending_review', 'published'],
      ['wish.claim', p.claimant.userId, 'published', 'claimed'],
      ['wish.contact', p.claimant.userId, 'claimed', 'claimed'],
      ['wish.fulfil', p.claimant.userId, 'claimed', 'fulfilled'],
      ['wish.confirm', p.resident.userId, 'fulfilled', 'completed'],
    ]);
  });
});

function expectOkStatus(res: Parameters<typeof outcome>[0]) {
  expect(res.statusCode === 200 ? 200 : outcome(res)).toBe(200);
}

describe('wishes reviewed or disputed before the times were kept', () => {
  it('get them from the audit trail (migration 0012)', async () => {
    const [rejected, disputed] = [await wishAt('rejected'), await wishAt('disputed')];
    const ids = [Number(rejected.id), Number(disputed.id)];
    await t.app.db.update(wishes).set({ reviewedAt: null, disputedAt: null }).where(inArray(wishes.id, ids));

    const migration = readFileSync(path.join(__dirname, '..', '..', 'migrations', '0012_wish_review_times.sql'), 'utf8');
    const backfills = migration.split('--> statement-breakpoint').filter((s) => /^\s*(--.*\n)*\s*UPDATE/.test(s));
    expect(backfills).toHaveLength(2);
    for (const statement of backfills) await t.app.db.execute(sql.raw(statement));

    const auditAt = async (wishId: string, action: string) => (await auditOfWish(t.app, wishId)).find((r) => r.action === action)!.at.toISOString();
    expect((await read(p.staff, rejected)).reviewedAt).toBe(await auditAt(rejected.id, 'wish.reject'));
    const disputedNow = await read(p.staff, disputed);
    expect(disputedNow.reviewedAt).toBe(await auditAt(disputed.id, 'wish.approve'));
    expect(disputedNow.disputedAt).toBe(await auditAt(disputed.id, 'wish.confirm'));
  });
});
