/**
 * Who is expected where (应报到): the denominator of every reporting rate (domain.md, "A member's
 * life on the rolls"). Written once here; the server's SQL (the view `expected_members`,
 * migrations/0019) mirrors it.
 */

/** What decides where one person on the rolls is expected. Ids as the API writes them. */
export interface ExpectedCommunityInput {
  /** The community of their live report (`isLiveReport`: confirmed, or pending and not a transfer), if any. */
  liveReportCommunityId: string | null;
  /** The community they live in, as the account with their phone says; null with no account or no home. */
  homeCommunityId: string | null;
  /**
   * The communities paired (结对共建) with the unit of their first roster entry: of the entries
   * still on the rolls with their phone, the one with the lowest id.
   */
  pairedCommunityIds: readonly string[];
}

/** Numeric ids as strings, compared as numbers. */
const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The one community where a person on the rolls is expected: their live report's, else the one
 * they live in, else their unit's first paired community (the lowest id). A person is a phone: on
 * two rosters they are expected once; whether they have an account changes nothing but the home
 * their account may tell. Null when none applies (no live report, no known home, a unit paired
 * with no community): such a person is expected nowhere, and the figures name their unit as
 * unplaced rather than drop them silently.
 *
 * Who is on the rolls: every roster entry not departed (离开名册). A node's expected members are
 * those expected at the communities of its subtree.
 */
export function expectedCommunity(input: ExpectedCommunityInput): string | null {
  return input.liveReportCommunityId ?? input.homeCommunityId ?? [...input.pairedCommunityIds].sort(byId)[0] ?? null;
}
