const DAY_MS = 24 * 60 * 60 * 1000;
/** A deadline closer than this is shown in red, as one already past. */
const NEAR_MS = 2 * DAY_MS;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 11月24日 */
export function formatDay(iso: string): string {
  const at = new Date(iso);
  return `${at.getMonth() + 1}月${at.getDate()}日`;
}

/** A calendar day (`YYYY-MM-DD`, as terms and due dates are kept): 2026年12月1日. */
export function formatDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** A term of calendar days: 2026年12月1日 至 2029年11月30日. */
export const formatTerm = (from: string, to: string) => `${formatDate(from)} 至 ${formatDate(to)}`;

/** 09:30 */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** 11月24日 09:30, or with the year when it is not this year's. */
export function formatTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const day = `${at.getMonth() + 1}月${at.getDate()}日 ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return at.getFullYear() === now.getFullYear() ? day : `${at.getFullYear()}年${day}`;
}

export interface Deadline {
  /** 11月30日 09:30（还剩 6 天） */
  text: string;
  /** Past, or less than two days away. */
  urgent: boolean;
}

/** A deadline with how far away it is. */
export function describeDeadline(iso: string, now = new Date()): Deadline {
  const left = new Date(iso).getTime() - now.getTime();
  let distance: string;
  if (left < 0) distance = `已超期 ${Math.max(1, Math.floor(-left / DAY_MS))} 天`;
  else if (left < DAY_MS) distance = `还剩 ${Math.max(1, Math.ceil(left / (60 * 60 * 1000)))} 小时`;
  // Part of a day counts as a day: a 7-day deadline just set reads 还剩 7 天, not 6.
  else distance = `还剩 ${Math.ceil(left / DAY_MS)} 天`;
  return { text: `${formatTime(iso, now)}（${distance}）`, urgent: left < NEAR_MS };
}
