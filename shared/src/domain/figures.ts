/**
 * The figures everybody watches (domain.md), defined once. Each is a ratio of counts that the
 * server computes in SQL; these functions say what the ratio is and how it rounds.
 */

/** A share as a fraction in [0, 1] to four places; 0 when there is nothing to divide by. */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/** Reporting rate (报到率) = members with a confirmed report / members on the roster. */
export const reportingRate = (confirmed: number, roster: number) => share(confirmed, roster);

/** Service rate (服务率) = members with at least one verified record / members reported. */
export const serviceRate = (served: number, reported: number) => share(served, reported);

/** "98.5%" for people. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}
