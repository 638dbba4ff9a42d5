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

/**
 * Completion rate (完成率) = wishes completed / wishes collected, over the wishes of a period: a
 * place's, those submitted in the period and how many of them are completed. A unit collects no
 * wishes: its members' are those they claimed in the period, and those they completed in it.
 */
export const completionRate = (completed: number, collected: number) => share(completed, collected);

/**
 * Resolution rate (办结率) = opinions resolved / opinions raised, over the 民情 raised in a period:
 * how many of them are resolved now. Closed ones (duplicates, not a matter for us) are not resolved.
 */
export const resolutionRate = (resolved: number, raised: number) => share(resolved, raised);

/**
 * Satisfaction rate (满意率) = resolutions rated 满意 or 基本满意 (`countsAsSatisfied`) / resolutions
 * rated. An unrated resolution is in neither: silence is never counted as satisfied.
 */
export const satisfactionRate = (satisfied: number, rated: number) => share(satisfied, rated);

/**
 * No-show rate (未到率) = places taken whose holder never checked in / places taken, over the
 * activities held (ended, not called off) in a period. A place on the waiting list or given up is
 * no place; an attendance the organiser struck was checked in, so it is no no-show.
 */
export const noShowRate = (noShows: number, places: number) => share(noShows, places);

/**
 * 结对共建 figures (`GET /api/stats/partnership`), of the agreements and projects of the communities
 * under a node, over the whole months of a period in China's time. An accepted agreement (active,
 * or ended since) is in force from the later of its start and the day it was accepted to the
 * earlier of its end and the day it was ended; 生效协议 counts those in force on at least one day
 * of the period. The projects count by their own moments: published (created), started (first
 * claimed: `first_claimed_at` stays when a lead hands one back, so a project starts once),
 * completed (accepted by the staff). 超期 is as of today, as the queues show it (`projectOverdue`).
 * By kind of lead: the lead a project has now; one handed back and open again has none, and counts
 * in its category only. Each text below is what 统计 says a figure is.
 */
export const PARTNERSHIP_FIGURES = {
  agreementsActive: '统计期间内任一天处于有效期的已生效协议（含此后终止的）',
  agreementsSigned: '统计期间内单位确认签订的协议',
  projectsPublished: '统计期间内发布的项目（含此后撤回的）',
  projectsStarted: '统计期间内首次被认领的项目，放弃后再认领不重复计',
  projectsCompleted: '统计期间内验收通过的项目',
  projectsOverdueNow: '截至今天已过截止日期、尚未完成的项目（不限发布时间）',
  byLeadKind: '按项目当前的牵头方；放弃认领后待认领的项目只计入类别',
} as const;

/** Seconds as days to one decimal; null for none (a median of nothing). */
export const daysOf = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 8_640) / 10);

/** Verified minutes as hours to one decimal. */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** The mean of ratings as a number to two places; null when there is none. */
export const averageOf = (sum: number, count: number) => (count > 0 ? Math.round((sum / count) * 100) / 100 : null);

/** `YYYY-MM` of a date, in China's time (UTC+8, no daylight saving). */
export function monthOf(date: Date): string {
  const china = new Date(date.getTime() + 8 * 60 * 60 * 1000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The month `n` months after `month` (before it when `n` is negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The default period: the last `n` months up to and including the month of `now`. */
export function lastMonths(now: Date, n: number): { from: string; to: string } {
  const to = monthOf(now);
  return { from: addMonths(to, -(n - 1)), to };
}

/**
 * The period of the figures a query asks for: `from`..`to` as given; `from` alone, up to this month;
 * `to` alone, the `n` months up to it; neither, the last `n` months. Its length is checked apart.
 */
export function periodOf(q: { from?: string; to?: string }, now: Date, n: number): { from: string; to: string } {
  if (q.from && q.to) return { from: q.from, to: q.to };
  if (q.to) return { from: addMonths(q.to, -(n - 1)), to: q.to };
  if (q.from) return { from: q.from, to: q.from > monthOf(now) ? q.from : monthOf(now) };
  return lastMonths(now, n);
}
