import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import {
  POINTS_PER_COMPLETED_WISH,
  PUBLIC_WISH_STATES,
  TAKEN_WISH_STATES,
  confirmOutcome,
  decide,
  mayStaffConfirm,
  resolveOutcome,
  wishMachine,
  type CreateWishBody,
  type ListEnvelope,
  type Wish,
  type WishAction,
  type WishActor,
  type WishListQuery,
  type WishState,
} from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { wishClaims, wishes } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { onceForKey } from '../idempotency/idempotency';
import { notify, type NotificationDraft } from '../notifications/notify';
import { getCommunity, parseId } from '../orgs/service';
import { payOnce } from '../points/ledger';
import { attachPhotos } from '../uploads/service';
import type { Actor } from '../users/actor';
import { staffOf } from '../users/grants';
import { wishMessages, type WishMessage } from './messages';
import { deadlinesOf, findWish, flatten, selectWishes, type WishRow } from './repository';
import { maySee, presentWishes, viewerActors } from './view';

const DAY_MS = 24 * 60 * 60 * 1000;

async function present(tx: Tx, viewer: Actor, wish: WishRow): Promise<Wish> {
  return (await presentWishes(tx, [{ wish, actors: viewerActors(viewer, wish) }], 'detail'))[0]!;
}

/** `POST /api/wishes`: a resident's wish, pending review by staff of its community. */
export async function submitWish(db: Db, actor: Actor, body: CreateWishBody, idempotencyKey: string | undefined) {
  const community = await getCommunity(db, body.communityId);
  return onceForKey(db, actor.userId, 'POST /api/wishes', idempotencyKey, async (tx) => {
    const [row] = await tx
      .insert(wishes)
      .values({
        communityId: community.id,
        residentId: actor.userId,
        title: body.title,
        description: body.description,
        category: body.category,
        pioneerRole: body.pioneerRole ?? null,
        contactPhone: body.contactPhone,
        address: body.address,
      })
      .returning({ id: wishes.id });
    await attachPhotos(tx, actor.userId, row!.id, body.photoIds, 'wish');
    await recordAudit(tx, { actorId: actor.userId, action: 'wish.submit', entity: 'wish', entityId: row!.id, to: 'pending_review' });
    await notify(tx, await staffOf(tx, community.id), { ...wishMessages.submitted(body.title), entity: 'wish', entityId: row!.id });
    return present(tx, actor, (await findWish(tx, row!.id))!);
  });
}

/** A wish the caller may see, with who they are to it; anything else is not found. */
export async function loadForCaller(db: Tx, actor: Actor, id: string): Promise<{ wish: WishRow; actors: WishActor[] }> {
  const n = parseId(id);
  const wish = n === null ? undefined : await findWish(db, n);
  if (!wish) throw notFound();
  const actors = viewerActors(actor, wish);
  if (!maySee(actor, wish, actors)) throw notFound();
  return { wish, actors };
}

export async function getWish(db: Db, actor: Actor, id: string): Promise<Wish> {
  const { wish, actors } = await loadForCaller(db, actor, id);
  return (await presentWishes(db, [{ wish, actors }], 'detail'))[0]!;
}

interface Step {
  /** Columns set besides status and updated_at. */
  set?: Partial<typeof wishes.$inferInsert>;
  /** The state it leads to, when the machine's target depends on input. */
  to?: WishState;
  /** Conditions besides the machine's from-states (e.g. it is still this claimant's). */
  where?: SQL;
  /** Audit details. */
  details?: Record<string, unknown>;
  /** Side effects inside the transaction, after the change. */
  after?: (tx: Tx, before: WishRow, after: WishRow) => Promise<void>;
}

/** The conflict a lost or wrong-state action answers. */
function conflictFor(action: WishAction, state: WishState): AppError {
  if (action === 'claim' && state !== 'published') return new AppError(409, 'WISH_ALREADY_CLAIMED');
  return new AppError(409, 'WISH_STATE_CONFLICT', undefined, { status: state });
}

/**
 * Takes `action` on a wish as the machine allows: the caller must be one of the action's actors
 * (else 403), the wish in one of its from-states (else 409), and the change is one conditional
 * update on the status, so of concurrent callers exactly one wins and the rest get 409. The audit
 * row and the side effects are in the same transaction.
 */
export async function act(
  db: Db,
  actor: Actor,
  id: string,
  action: WishAction,
  step: (wish: WishRow, actors: WishActor[]) => Step | Promise<Step>,
): Promise<Wish> {
  const { wish, actors } = await loadForCaller(db, actor, id);
  const transition = wishMachine.transitions[action];
  if (!actors.some((a) => transition.actors.includes(a))) {
    if (action === 'claim' && actor.grants.some((g) => g.role === 'member') && wish.residentId !== actor.userId) {
      throw new AppError(403, 'NOT_REPORTED_HERE', '您尚未在该社区完成报到，暂不能认领');
    }
    throw forbidden();
  }
  if (!wishMachine.allowsFrom(action, wish.status)) throw conflictFor(action, wish.status);
  const s = await step(wish, actors);
  const to = s.to ?? wishMachine.target(action);
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(wishes)
      .set({ ...s.set, status: to, updatedAt: sql`now()` })
      .where(and(eq(wishes.id, wish.id), inArray(wishes.status, [...transition.from]), s.where))
      .returning({ id: wishes.id });
    if (!changed) {
      const [current] = await tx.select({ status: wishes.status }).from(wishes).where(eq(wishes.id, wish.id));
      throw conflictFor(action, current!.status);
    }
    const after = (await findWish(tx, wish.id))!;
    await recordAudit(tx, { actorId: actor.userId, action: `wish.${action}`, entity: 'wish', entityId: wish.id, from: wish.status, to, details: s.details });
    await s.after?.(tx, wish, after);
    return present(tx, actor, after);
  });
}

const tell = (tx: Tx, userIds: number | number[], wish: WishRow, message: WishMessage) =>
  notify(tx, userIds, { ...message, entity: 'wish', entityId: wish.id } satisfies NotificationDraft);

export const approveWish = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'approve', () => ({
    set: { reviewedAt: now },
    after: (tx, w) => tell(tx, w.residentId, w, wishMessages.approved(w.title)),
  }));

export const rejectWish = (db: Db, actor: Actor, id: string, now: Date, reason: string) =>
  act(db, actor, id, 'reject', () => ({
    set: { rejectReason: reason, reviewedAt: now },
    details: { reason },
    after: (tx, w) => tell(tx, w.residentId, w, wishMessages.rejected(w.title, reason)),
  }));

export const withdrawWish = (db: Db, actor: Actor, id: string) =>
  act(db, actor, id, 'withdraw', () => ({ where: eq(wishes.residentId, actor.userId) }));

/** Claiming: exclusive by the conditional update and by the partial unique index on live claims. */
export const claimWish = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'claim', async (wish) => {
    const { contactDays, fulfilDays } = await deadlinesOf(db, wish.communityId);
    return {
      set: {
        claimantId: actor.userId,
        claimedAt: now,
        contactedAt: null,
        contactDueAt: new Date(now.getTime() + contactDays * DAY_MS),
        fulfilDueAt: new Date(now.getTime() + fulfilDays * DAY_MS),
        fulfilledAt: null,
        fulfilNote: null,
      },
      after: async (tx, before, after) => {
        await tx.insert(wishClaims).values({ wishId: before.id, memberId: actor.userId, claimedAt: now });
        await tell(tx, before.residentId, before, wishMessages.claimed(before.title, after.claimantName));
      },
    };
  });

export const contactWish = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'contact', () => ({
    set: { contactedAt: now },
    where: and(eq(wishes.claimantId, actor.userId), isNull(wishes.contactedAt)),
  }));

/** Gives a claim back: the claimant gives up, or the deadline passed (the system). */
export async function releaseClaim(tx: Tx, wish: WishRow, now: Date, reason: string): Promise<void> {
  await tx
    .update(wishClaims)
    .set({ releasedAt: now, releaseReason: reason })
    .where(and(eq(wishClaims.wishId, wish.id), isNull(wishClaims.releasedAt)));
}

/** A completed wish closes its claim and pays its claimant, once (the ledger's unique source). */
async function completed(tx: Tx, wish: WishRow, now: Date): Promise<void> {
  await releaseClaim(tx, wish, now, 'completed');
  if (wish.claimantId === null) return;
  await payOnce(tx, {
    memberId: wish.claimantId,
    communityId: wish.communityId,
    source: 'wish',
    sourceId: wish.id,
    points: POINTS_PER_COMPLETED_WISH,
    reason: `完成心愿「${wish.title}」`,
    createdBy: null,
  });
}

const clearClaim = { claimantId: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null } as const;

export const releaseWish = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'release', () => ({
    set: clearClaim,
    where: eq(wishes.claimantId, actor.userId),
    after: async (tx, before) => {
      await releaseClaim(tx, before, now, 'claimant');
      await tell(tx, before.residentId, before, wishMessages.released(before.title));
    },
  }));

export const fulfilWish = (db: Db, actor: Actor, id: string, now: Date, note: string, photoIds?: string[]) =>
  act(db, actor, id, 'fulfil', () => ({
    set: { fulfilledAt: now, fulfilNote: note },
    where: eq(wishes.claimantId, actor.userId),
    after: async (tx, before) => {
      await attachPhotos(tx, actor.userId, before.id, photoIds, 'evidence');
      await tell(tx, before.residentId, before, wishMessages.fulfilled(before.title));
    },
  }));

/** The resident confirms and rates; staff may, once the resident has left it 7 days. */
export const confirmWish = (db: Db, actor: Actor, id: string, now: Date, rating: number, comment?: string) =>
  act(db, actor, id, 'confirm', (wish, actors) => {
    if (!actors.includes('resident') && !mayStaffConfirm(wish.fulfilledAt!, now)) {
      throw new AppError(409, 'CONFIRM_TOO_EARLY');
    }
    const to = confirmOutcome(rating);
    return {
      to,
      set: { rating, comment: comment ?? null, ...(to === 'completed' ? { completedAt: now } : { disputedAt: now }) },
      details: { rating },
      after: async (tx, before) => {
        if (to === 'completed') await completed(tx, before, now);
        const claimant = before.claimantId === null ? [] : [before.claimantId];
        if (to === 'disputed') {
          await tell(tx, [...(await staffOf(tx, before.communityId)), ...claimant], before, wishMessages.disputed(before.title, rating));
        } else {
          await tell(tx, claimant, before, wishMessages.completed(before.title, rating));
          if (!actors.includes('resident')) {
            await tell(tx, before.residentId, before, wishMessages.confirmedForResident(before.title));
          }
        }
      },
    };
  });

/** Staff settle a dispute: done, or back to the hall for another member. */
export const resolveWish = (db: Db, actor: Actor, id: string, now: Date, outcome: 'completed' | 'reopen', note: string) =>
  act(db, actor, id, 'resolve', () => {
    const to = resolveOutcome(outcome);
    return {
      to,
      set: {
        resolution: note,
        ...(to === 'completed' ? { completedAt: now } : { ...clearClaim, fulfilledAt: null, fulfilNote: null, rating: null, comment: null, disputedAt: null }),
      },
      details: { outcome, note },
      after: async (tx, before) => {
        if (outcome === 'completed') await completed(tx, before, now);
        else await releaseClaim(tx, before, now, 'dispute');
        const people = [before.residentId, ...(before.claimantId === null ? [] : [before.claimantId])];
        await tell(tx, people, before, wishMessages.resolved(before.title, outcome));
      },
    };
  });

/**
 * The feed: keyset by id, newest first. A community's hall shows the public states to everyone
 * and every state to its staff and the admins above; `mine` and `claimedByMe` show one's own.
 */
export async function listWishes(db: Db, actor: Actor, q: WishListQuery): Promise<ListEnvelope<Wish>> {
  const before = parseCursor(q.cursor);
  const conditions: (SQL | undefined)[] = [before === null ? undefined : lt(wishes.id, before)];
  if (q.mine) conditions.push(eq(wishes.residentId, actor.userId));
  if (q.claimedByMe) conditions.push(eq(wishes.claimantId, actor.userId));
  let communityPath: string | null = null;
  if (q.communityId) {
    const community = await getCommunity(db, q.communityId);
    communityPath = community.path;
    conditions.push(eq(wishes.communityId, community.id));
  } else if (!q.mine && !q.claimedByMe) {
    return { items: [], nextCursor: null };
  }
  const oversees = communityPath !== null && decide(actor.grants, 'wish.oversee', { orgPath: communityPath }) === 'allow';
  // The states this caller may list here; one state asked for is one equality, so the feed stays
  // an index scan in id order (an IN list beside it would make PostgreSQL sort the community's wishes).
  const visible: readonly WishState[] | null = oversees || q.mine ? null : q.claimedByMe ? TAKEN_WISH_STATES : PUBLIC_WISH_STATES;
  if (q.status) {
    if (visible && !visible.includes(q.status)) return { items: [], nextCursor: null };
    conditions.push(eq(wishes.status, q.status));
  } else if (visible) {
    conditions.push(inArray(wishes.status, [...visible]));
  }
  if (q.category) conditions.push(eq(wishes.category, q.category));
  const rows = await selectWishes(db)
    .where(and(...conditions))
    .orderBy(desc(wishes.id))
    .limit(q.limit + 1);
  const { rows: items, nextCursor } = page(rows.map(flatten), q.limit, (w) => w.id);
  return { items: await presentWishes(db, items.map((wish) => ({ wish, actors: viewerActors(actor, wish) })), 'list'), nextCursor };
}

