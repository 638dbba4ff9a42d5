import Taro from '@tarojs/taro';
import type { ReportingRoute } from '../../subpackages/reporting';

/** Opens a reporting page (they are not tabs), with its query. */
export function openReporting(
  route: ReportingRoute,
  query: Record<string, string | undefined> = {},
): void {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  Taro.navigateTo({ url: pairs.length > 0 ? `${route}?${pairs.join('&')}` : route });
}

/** A query value of the current page, decoded (h5 hands them over still encoded). */
export function decodeParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
