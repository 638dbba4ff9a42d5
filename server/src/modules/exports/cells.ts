import { onChinaClock } from '@huijia/shared';

/** `YYYY-MM-DD HH:mm` in China's time; nothing for no time. */
export const chinaTime = (at: Date | null): string | null => (at ? onChinaClock(at).slice(0, 16).replace('T', ' ') : null);

/** `YYYYMMDD` of the day in China, for file names. */
export const chinaDay = (at: Date): string => onChinaClock(at).slice(0, 10).replaceAll('-', '');

/**
 * Codes' labels in one cell, as Chinese lists them (志愿服务、政策宣传), for codes kept as plain text
 * (a member's pioneer roles); a code the labels do not know shows as itself rather than vanishing.
 */
export const labelsOf = (labels: Readonly<Record<string, string>>, codes: readonly string[] | null): string =>
  (codes ?? []).map((code) => labels[code] ?? code).join('、');

/** The number format of an hours column (shared's `hoursOf` rounds to one decimal). */
export const HOURS_FORMAT = '0.0';
