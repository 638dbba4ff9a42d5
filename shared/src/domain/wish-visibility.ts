import type { WishState } from '../machines/wish';

/** States anyone signed in may see (public fields only). The rest are seen by the resident, the
 *  claimant of a disputed wish, and staff. */
export const PUBLIC_WISH_STATES = ['published', 'claimed', 'fulfilled', 'completed'] as const satisfies readonly WishState[];

/** States in which the claimant is the current claimant, entitled to the resident's contact. */
export const CLAIMANT_STATES = ['claimed', 'fulfilled', 'disputed'] as const satisfies readonly WishState[];

/** States of a wish a member took on: claimed or beyond. What 我认领的 lists, and what the figures
 *  count as claimed (the rollup triggers of migrations/0008 spell the same list in SQL). */
export const TAKEN_WISH_STATES = [...CLAIMANT_STATES, 'completed'] as const satisfies readonly WishState[];

export const isPublicWishState = (s: WishState) => (PUBLIC_WISH_STATES as readonly WishState[]).includes(s);
export const isClaimantState = (s: WishState) => (CLAIMANT_STATES as readonly WishState[]).includes(s);

/**
 * Who answers for a wish's resident (withdraws it, confirms and rates the help): the resident who
 * posted it; for a wish staff posted on behalf of a resident without a smartphone (代办), the staff
 * of its community, who ask the resident by phone. The account that typed a 代办 wish answers for
 * the resident only while it is staff there. The server's `viewerActors` gives such staff the
 * `resident` actor, so the app shows them the resident's buttons.
 */
export function answersForResident(wish: { onBehalf: boolean }, viewer: { posted: boolean; isStaff: boolean }): boolean {
  return wish.onBehalf ? viewer.isStaff : viewer.posted;
}
