/**
 * China's calendar: one time zone, UTC+8, and no daylight saving. Terms, due dates, deadlines,
 * daily limits and the days of a ledger are China's days, whatever the server's or the phone's zone.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `at` on China's clock as ISO text without a zone (`2026-12-06T09:30:00.000`): take the part needed. */
export const onChinaClock = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 23);

/** China's day at `at`, `YYYY-MM-DD`. */
export const chinaToday = (at: Date = new Date()): string => onChinaClock(at).slice(0, 10);

/** The instant China's day `day` (`YYYY-MM-DD`) begins. */
export const chinaDayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * The last day of a term of `years` whose first day is `startsOn` (民法典 第二百零二条: the
 * matching day of the last year, counted from the day before the first; the month's last day when
 * there is none). 2026-12-01 → 2029-11-30; 2025-03-01 → 2028-02-29; 2028-02-29, one year → 2029-02-28.
 */
export function termEnd(startsOn: string, years: number): string {
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d - 1)).toISOString().slice(0, 10);
}
