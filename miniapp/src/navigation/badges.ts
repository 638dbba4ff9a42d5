import type { QueueSize } from '../services/queueCounts';
import { memoryValue } from '../settings/stored';
import type { Tab } from './tabs';

type Badges = Partial<Record<Tab['key'], QueueSize>>;

/**
 * How many wait behind a tab (审核 for community staff, 民情 for party representatives), shown on
 * it. Set by the pages that count them: 工作台 each time it shows, the queue itself as it empties.
 * Kept while the app runs only, since a count from the last launch would be stale.
 */
export const tabBadges = memoryValue<Badges>('tab-badges', {});

export function setTabBadge(tab: Tab['key'], size: QueueSize): void {
  const current = tabBadges.get()[tab];
  if (current?.count === size.count && current.more === size.more) return;
  tabBadges.set({ ...tabBadges.get(), [tab]: size });
}

/** `n` items left the tab's queue here (approved, verified): the badge counts them off until it is counted again. */
export function takeFromTabBadge(tab: Tab['key'], n: number): void {
  const current = tabBadges.get()[tab];
  if (current) setTabBadge(tab, { count: Math.max(0, current.count - n), more: current.more });
}

/** A badge's text: the count, `99+` past that or past one page; none at zero. */
export function badgeText(size: QueueSize | undefined): string | null {
  if (!size || size.count === 0) return null;
  return size.count > 99 || size.more ? '99+' : String(size.count);
}
