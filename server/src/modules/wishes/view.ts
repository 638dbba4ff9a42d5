import {
  answersForResident,
  decide,
  isClaimantState,
  isPublicWishState,
  maskName,
  type Wish,
  type WishActor,
} from '@huijia/shared';
import type { Actor } from '../users/actor';
import { photoOf } from '../uploads/service';
import type { WishRow } from './repository';

/** Who the caller is to a wish: the actors of the wish machine they may act as. Staff of its
 *  community are also its `resident` when they posted it for a resident (代办: `answersForResident`). */
export function viewerActors(viewer: Actor, wish: WishRow): WishActor[] {
  const actors: WishActor[] = [];
  const isStaff = decide(viewer.grants, 'wish.review', { orgPath: wish.communityPath }) === 'allow';
  if (answersForResident({ onBehalf: wish.onBehalfOfName !== null }, { posted: wish.residentId === viewer.userId, isStaff })) actors.push('resident');
  if (wish.claimantId === viewer.userId && isClaimantState(wish.status)) actors.push('claimant');
  if (isStaff) actors.push('staff');
  if (wish.residentId !== viewer.userId && viewer.reportedIn.has(wish.communityId)) actors.push('reported_member');
  return actors;
}

/** Whether the caller may see the wish at all (public fields). */
export function maySee(actor: Actor, wish: WishRow, actors: readonly WishActor[]): boolean {
  if (isPublicWishState(wish.status)) return true;
  if (actors.includes('resident') || actors.includes('staff') || actors.includes('claimant')) return true;
  return decide(actor.grants, 'wish.oversee', { orgPath: wish.communityPath }) === 'allow';
}

/** The resident's phone and address, and the claimant's evidence, go only to the resident, the current claimant and staff. */
export const entitled = (actors: readonly WishActor[]) =>
  actors.includes('resident') || actors.includes('claimant') || actors.includes('staff');

/**
 * A wish as this caller may receive it: private fields present only when entitled (absent, not
 * blank, otherwise), the resident's name masked for the unentitled and in lists (but for staff,
 * whose queues show the phone and address beside it), evidence photos only for the entitled.
 */
export function presentWishes(rows: { wish: WishRow; actors: WishActor[] }[], context: 'list' | 'detail'): Wish[] {
  return rows.map(({ wish, actors }) => {
    const full = entitled(actors);
    const mine = actors.includes('resident');
    return {
      id: String(wish.id),
      communityId: String(wish.communityId),
      communityName: wish.communityName,
      title: wish.title,
      description: wish.description,
      category: wish.category,
      pioneerRole: wish.pioneerRole,
      status: wish.status,
      // Staff read the name beside the phone and address in their queues too; others only on the detail.
      residentName: mine || (full && (context === 'detail' || actors.includes('staff'))) ? wish.residentName : maskName(wish.residentName),
      ...(full ? { onBehalfOf: wish.onBehalfOfName !== null } : {}),
      claimantName: wish.claimantName,
      ...(full ? { contactPhone: wish.contactPhone, address: wish.address } : {}),
      photos: wish.photoIds.map(photoOf),
      rejectReason: full ? wish.rejectReason : null,
      reviewedAt: wish.reviewedAt?.toISOString() ?? null,
      claimedAt: wish.claimedAt?.toISOString() ?? null,
      contactedAt: wish.contactedAt?.toISOString() ?? null,
      contactDueAt: wish.contactDueAt?.toISOString() ?? null,
      fulfilDueAt: wish.fulfilDueAt?.toISOString() ?? null,
      fulfilledAt: wish.fulfilledAt?.toISOString() ?? null,
      fulfilNote: full ? wish.fulfilNote : null,
      evidence: full ? wish.evidenceIds.map(photoOf) : [],
      rating: wish.rating,
      comment: wish.comment,
      resolution: full ? wish.resolution : null,
      disputedAt: wish.disputedAt?.toISOString() ?? null,
      completedAt: wish.completedAt?.toISOString() ?? null,
      createdAt: wish.createdAt.toISOString(),
      updatedAt: wish.updatedAt.toISOString(),
      viewerActors: actors,
    };
  });
}
