import { z } from 'zod';
import { defineMachine } from './machine';

/** The micro-wish (微心愿) lifecycle: pending_review → published → claimed → fulfilled → completed,
 *  with rejected, withdrawn and disputed off the main path. Releasing a claim returns to published;
 *  a rejected wish, edited, goes back to review. */
export const WISH_STATES = [
  'pending_review',
  'published',
  'claimed',
  'fulfilled',
  'completed',
  'rejected',
  'withdrawn',
  'disputed',
] as const;
export const wishStateSchema = z.enum(WISH_STATES);
export type WishState = z.infer<typeof wishStateSchema>;

export const WISH_STATE_LABELS: Record<WishState, string> = {
  pending_review: '待审核',
  published: '待认领',
  claimed: '已认领',
  fulfilled: '待确认',
  completed: '已完成',
  rejected: '未通过',
  withdrawn: '已撤回',
  disputed: '有异议',
};

/** Who acts on a wish, relative to it: its resident, its current claimant, a member with a
 *  confirmed report in its community, staff of its community, or the scheduler. */
export const WISH_ACTORS = ['resident', 'claimant', 'reported_member', 'staff', 'system'] as const;
export type WishActor = (typeof WISH_ACTORS)[number];

export const wishMachine = defineMachine(WISH_STATES, WISH_ACTORS, {
  approve: { from: ['pending_review'], to: 'published', actors: ['staff'] },
  reject: { from: ['pending_review'], to: 'rejected', actors: ['staff'] },
  // The resident edits a rejected wish as the reason asks and sends it for review again.
  resubmit: { from: ['rejected'], to: 'pending_review', actors: ['resident'] },
  withdraw: { from: ['pending_review', 'published'], to: 'withdrawn', actors: ['resident'] },
  claim: { from: ['published'], to: 'claimed', actors: ['reported_member'] },
  // Contacting the resident stops the contact deadline; the wish stays claimed.
  contact: { from: ['claimed'], to: 'claimed', actors: ['claimant'] },
  release: { from: ['claimed'], to: 'published', actors: ['claimant', 'system'] },
  fulfil: { from: ['claimed'], to: 'fulfilled', actors: ['claimant'] },
  // Staff may confirm only once the resident has left it unanswered: see `mayStaffConfirm`.
  confirm: { from: ['fulfilled'], to: 'completed', actors: ['resident', 'staff'] },
  resolve: { from: ['disputed'], to: 'completed', actors: ['staff'] },
});
export type WishAction = keyof typeof wishMachine.transitions;

/** A rating at or below this sends a confirmed wish to `disputed` instead of `completed`. */
export const DISPUTE_RATING_MAX = 2;
/** Days a resident has to confirm before staff may confirm for them. */
export const RESIDENT_CONFIRM_DAYS = 7;
export const DEFAULT_CONTACT_DAYS = 7;
export const DEFAULT_FULFIL_DAYS = 30;

/** Where the resident's confirmation leads: a low rating is a dispute for staff. */
export function confirmOutcome(rating: number): WishState {
  return rating <= DISPUTE_RATING_MAX ? 'disputed' : 'completed';
}

/** Where staff's resolution of a dispute leads: done, or back to the hall for another member. */
export function resolveOutcome(outcome: 'completed' | 'reopen'): WishState {
  return outcome === 'completed' ? 'completed' : 'published';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Staff confirm a fulfilled wish only after the resident left it unanswered for 7 days. */
export function mayStaffConfirm(fulfilledAt: Date, now: Date): boolean {
  return now.getTime() - fulfilledAt.getTime() >= RESIDENT_CONFIRM_DAYS * DAY_MS;
}
