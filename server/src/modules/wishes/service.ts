import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  POINTS_PER_COMPLETED_WISH,
  confirmOutcome,
  mayStaffConfirm,
  resolveOutcome,
  wishMachine,
  type CreateWishBody,
  type ResubmitWishBody,
  type Wish,
  type WishAction,
  type WishActor,
  type WishState,
} from '@huijia/shared';
import type { Database, Db, Tx } from '../../db';
import { wishClaims, wishes } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { onceForKey } from '../idempotency/idempotency';
import { notify, type NotificationDraft } from '../notifications/notify';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { payOnce } from '../points/ledger';
import { attachPhotos, replaceWishPhotos } from '../uploads/service';
import type { Actor } from '../users/actor';
import { staffOf } from '../users/grants';
import { wishMessages, type WishMessage } from './messages';
import { findWish, readWish, type WishRow } from './repository';
import { maySee, presentWishes, viewerActors } from './view';

function present(viewer: Actor, wish: WishRow): Wish {
  return presentWishes([{ wish, actors: viewerActors(viewer, wish) }], 'detail')[0]!;
}

/**
 * `POST /api/wishes`: a resident's wish, pending review by staff of its community; or (代办,
 * `onBehalfOf`, the route lets only staff of the community) a wish staff post for a resident
 * without a smartphone: the staff member is its `resident_id`, the resident's name, phone and
 * address are the ones typed, and the audit row says only that it was 代办.
 */
export async function submitWish(db: Db, actor: Actor, community: OrgNodeRow, body: CreateWishBody, idempotencyKey: string | undefined) {
  const proxy = body.onBehalfOf;
  return onceForKey(db, actor.userId, 'POST /api/wishes', idempotencyKey, async (tx) => {
    const [row] = await tx
      .insert(wishes)
      .values({
        communityId: community.id,
        residentId: actor.userId,
        onBehalfOfName: proxy?.name ?? null,
        title: body.title,
        description: body.description,
        category: body.category,
        pioneerRole: body.pioneerRole ?? null,
        // The schema asks for these unless the wish is 代办.
        contactPhone: proxy ? proxy.phone : body.contactPhone!,
        address: proxy ? proxy.address : body.address!,
      })
      .returning({ id: wishes.id });
    await attachPhotos(tx, actor.userId, row!.id, body.photoIds, 'wish');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'wish.submit',
      entity: 'wish',
      entityId: row!.id,
      to: 'pending_review',
      details: proxy ? { onBehalfOf: true } : undefined,
      orgPath: community.path,
    });
    await notify(tx, await staffOf(tx, community.id), { ...wishMessages.submitted(body.title), entity: 'wish', entityId: row!.id });
    return present(actor, (await findWish(tx, row!.id))!);
  });
}

/** A wish the caller may see, with who they are to it; anything else is not found. */
export async function loadForCaller(database: Database, actor: Actor, id: string): Promise<{ wish: WishRow; actors: WishActor[] }> {
  const n = parseId(id);
  const wish = n === null ? undefined : await readWish(database, n);
  if (!wish) throw notFound();
  const actors = viewerActors(actor, wish);
  if (!maySee(actor, wish, actors)) throw notFound();
  return { wish, actors };
}

export async function getWish(database: Database, actor: Actor, id: string): Promise<Wish> {
  const { wish, actors } = await loadForCaller(database, actor, id);
  return presentWishes([{ wish, actors }], 'detail')[0]!;
}

/** A member claiming where they have no confirmed report (or it ended as they claimed). */
export const notReportedHere = () => new AppError(403, 'NOT_REPORTED_HERE', '您尚未在该社区完成报到，暂不能认领');

/**
 * Why the caller may not take `action` on the wish as it stands, in the order the API answers:
 * 404 when they may not see it, 403 when they are none of the action's actors, 409 when the wish
 * is in none of its from-states; null when they may.
 */
export function refusal(actor: Actor, wish: WishRow, action: WishAction): AppError | null {
  const actors = viewerActors(actor, wish);
  if (!maySee(actor, wish, actors)) return notFound();
  const transition = wishMachine.transitions[action];
  if (!actors.some((a) => transition.actors.includes(a))) {
    if (action === 'claim' && actor.grants.some((g) => g.role === 'member') && wish.residentId !== actor.userId) return notReportedHere();
    return forbidden();
  }
  return wishMachine.allowsFrom(action, wish.status) ? null : conflictFor(action, wish.status);
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
  after?: (tx: Tx, before: WishRow) => Promise<void>;
}

/** The conflict a lost or wrong-state action answers. */
export function conflictFor(action: WishAction, state: WishState): AppError {
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
  database: Database,
  actor: Actor,
  id: string,
  action: WishAction,
  step: (wish: WishRow, actors: WishActor[]) => Step | Promise<Step>,
): Promise<Wish> {
  const n = parseId(id);
  const wish = n === null ? undefined : await readWish(database, n);
  if (!wish) throw notFound();
  const refused = refusal(actor, wish, action);
  if (refused) throw refused;
  const transition = wishMachine.transitions[action];
  const actors = viewerActors(actor, wish);
  const s = await step(wish, actors);
  const to = s.to ?? wishMachine.target(action);
  // Staff answering for the resident of a 代办 wish: recorded as given by staff, for the resident.
  const forResident = wish.onBehalfOfName !== null && transition.actors.includes('resident') && actors.includes('resident');
  const details = forResident ? { ...s.details, onBehalfOf: true } : s.details;
  return database.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(wishes)
      .set({ ...s.set, status: to, updatedAt: sql`now()` })
      .where(and(eq(wishes.id, wish.id), inArray(wishes.status, [...transition.from]), s.where))
      .returning({ id: wishes.id });
    if (!changed) {
      const [current] = await tx.select({ status: wishes.status }).from(wishes).where(eq(wishes.id, wish.id));
      throw conflictFor(action, current!.status);
    }
    await recordAudit(tx, { actorId: actor.userId, action: `wish.${action}`, entity: 'wish', entityId: wish.id, from: wish.status, to, details, orgPath: wish.communityPath });
    await s.after?.(tx, wish);
    return present(actor, (await findWish(tx, wish.id))!);
  });
}

const tell = (tx: Tx, userIds: number | number[], wish: WishRow, message: WishMessage) =>
  notify(tx, userIds, { ...message, entity: 'wish', entityId: wish.id } satisfies NotificationDraft);

export const approveWish = (database: Database, actor: Actor, id: string, now: Date) =>
  act(database, actor, id, 'approve', () => ({
    set: { reviewedAt: now },
    after: (tx, w) => tell(tx, w.residentId, w, wishMessages.approved(w.title)),
  }));

export const rejectWish = (database: Database, actor: Actor, id: string, now: Date, reason: string) =>
  act(database, actor, id, 'reject', () => ({
    set: { rejectReason: reason, reviewedAt: now },
    details: { reason },
    after: (tx, w) => tell(tx, w.residentId, w, wishMessages.rejected(w.title, reason)),
  }));

/**
 * The resident sends their rejected wish, edited, for review again (staff of its community for a
 * 代办 wish). Its content and contact are rewritten, its photos become the set listed, the
 * rejection is cleared, and the community's staff are told, as for a new wish.
 */
export const resubmitWish = (database: Database, actor: Actor, id: string, body: ResubmitWishBody) =>
  act(database, actor, id, 'resubmit', (wish) => ({
    set: {
      title: body.title,
      description: body.description,
      category: body.category,
      pioneerRole: body.pioneerRole ?? null,
      contactPhone: body.contactPhone,
      address: body.address,
      rejectReason: null,
      reviewedAt: null,
    },
    where: wish.onBehalfOfName === null ? eq(wishes.residentId, actor.userId) : undefined,
    details: { rejectedFor: wish.rejectReason },
    after: async (tx, before) => {
      await replaceWishPhotos(tx, actor.userId, before.id, body.photoIds ?? []);
      await tell(tx, await staffOf(tx, before.communityId), before, wishMessages.resubmitted(body.title));
    },
  }));

/** The resident withdraws; staff of its community withdraw a 代办 wish for the resident. */
export const withdrawWish = (database: Database, actor: Actor, id: string) =>
  act(database, actor, id, 'withdraw', (wish) => ({ where: wish.onBehalfOfName === null ? eq(wishes.residentId, actor.userId) : undefined }));

export const contactWish = (database: Database, actor: Actor, id: string, now: Date) =>
  act(database, actor, id, 'contact', () => ({
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

export const releaseWish = (database: Database, actor: Actor, id: string, now: Date) =>
  act(database, actor, id, 'release', () => ({
    set: clearClaim,
    where: eq(wishes.claimantId, actor.userId),
    after: async (tx, before) => {
      await releaseClaim(tx, before, now, 'claimant');
      await tell(tx, before.residentId, before, wishMessages.released(before.title));
    },
  }));

export const fulfilWish = (database: Database, actor: Actor, id: string, now: Date, note: string, photoIds?: string[]) =>
  act(database, actor, id, 'fulfil', () => ({
    set: { fulfilledAt: now, fulfilNote: note },
    where: eq(wishes.claimantId, actor.userId),
    after: async (tx, before) => {
      await attachPhotos(tx, actor.userId, before.id, photoIds, 'evidence');
      await tell(tx, before.residentId, before, wishMessages.fulfilled(before.title));
    },
  }));

/** The resident confirms and rates (staff for the resident of a 代办 wish, at once); staff may, once
 *  the resident has left it 7 days. */
export const confirmWish = (database: Database, actor: Actor, id: string, now: Date, rating: number, comment?: string) =>
  act(database, actor, id, 'confirm', (wish, actors) => {
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
export const resolveWish = (database: Database, actor: Actor, id: string, now: Date, outcome: 'completed' | 'reopen', note: string) =>
  act(database, actor, id, 'resolve', () => {
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
