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
