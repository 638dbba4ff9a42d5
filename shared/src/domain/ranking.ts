/**
 * 通报: how units and communities are ranked by their figures, written once for the server (which
 * answers the rows in this order) and the pages (which name the lowest).
 */

/** What a subject is ranked by: its rates (see figures.ts), and its name to order a tie. */
export interface RankedRates {
  id: string;
  name: string;
  reportingRate: number;
  serviceRate: number;
  completionRate: number;
}

/** The rates in the order they count: reporting first, then service, then wish completion. */
export const RANKED_RATES = ['reportingRate', 'serviceRate', 'completionRate'] as const;

/** Negative when `a` ranks above `b` by its rates alone; 0 when they tie and share a rank. */
export function compareRates(a: RankedRates, b: RankedRates): number {
  for (const rate of RANKED_RATES) if (a[rate] !== b[rate]) return b[rate] - a[rate];
  return 0;
}

/**
 * The ranking's order: each rate highest first, in RANKED_RATES' order; within a tie by name as
 * Chinese orders it (by pinyin: 安 before 北), then by id, so that the order never depends on how
 * the rows arrived.
 */
export function compareRanked(a: RankedRates, b: RankedRates): number {
  return compareRates(a, b) || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id, 'en', { numeric: true });
}

/**
 * The subjects in ranking order, each with its rank: standard competition ranking, so subjects
 * with equal rates share a rank and the next rank skips as many (1, 2, 2, 4). The rates are shares
 * rounded to four places (figures.ts): equal means equal to that precision.
 */
export function rankSubjects<T extends RankedRates>(subjects: readonly T[]): (T & { rank: number })[] {
  const sorted = [...subjects].sort(compareRanked);
  let rank = 0;
  return sorted.map((subject, i) => {
    if (i === 0 || compareRates(sorted[i - 1]!, subject) !== 0) rank = i + 1;
    return { ...subject, rank };
  });
}

/** How many of the last a 通报 names (排名后十位). */
export const LOWEST_NAMED = 10;

/**
 * 排名后十位: the last `n` of ranked rows (in ranking order), and any tied with the first of
 * them, so that of subjects sharing a rank none is named without the others.
 */
export function lowestRanked<T extends { rank: number }>(ranked: readonly T[], n: number = LOWEST_NAMED): T[] {
  if (n <= 0) return [];
  if (ranked.length <= n) return [...ranked];
  const edge = ranked[ranked.length - n]!.rank;
  return ranked.filter((row) => row.rank >= edge);
}

/** "2026年11月", or "2025年12月 – 2026年11月": a period of whole months, as a 通报's title says it. */
export function periodText({ from, to }: { from: string; to: string }): string {
  const text = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
  return from === to ? text(from) : `${text(from)} – ${text(to)}`;
}
