import { performance } from 'node:perf_hooks';

/** How long a page of a community's hall is served from memory at most, counted from its read. */
export const HALL_FRESH_MS = 1_000;
/** Communities whose pages are kept; the least recently read go first. */
const COMMUNITIES_KEPT = 5_000;

/** A page as read: its rows, whether more follow, and its answers already serialised, by viewer kind. */
export interface HallPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  answers: Map<string, string>;
}

interface Entry<Row> {
  page: Promise<HallPage<Row>>;
  until: number;
}

/**
 * The pages of community halls (心愿大厅) this process read in the last second. A busy hall is read
 * by every member of the community at once; under that load one read a second serves them all.
 * A wish changed through this process drops its community's pages at once (`changed`); a change
 * made by another process shows within a second. Concurrent misses share one read, and a read that
 * overlapped a change is answered but not kept. Only the hall is kept: one's own wishes and claims
 * (`mine`, `claimedByMe`) and a wish's page are always read.
 */
export class HallCache<Row> {
  private readonly communities = new Map<number, { version: number; entries: Map<string, Entry<Row>> }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  page(communityId: number, key: string, read: () => Promise<HallPage<Row>>): Promise<HallPage<Row>> {
    const community = this.community(communityId);
    const now = this.now();
    const hit = community.entries.get(key);
    if (hit && hit.until > now) return hit.page;
    for (const [k, e] of community.entries) if (e.until <= now) community.entries.delete(k);
    const version = community.version;
    const entry: Entry<Row> = { page: read(), until: now + HALL_FRESH_MS };
    community.entries.set(key, entry);
    const forget = () => {
      if (community.entries.get(key) === entry) community.entries.delete(key);
    };
    entry.page.then(() => {
      if (community.version !== version) forget();
    }, forget);
    return entry.page;
  }

  /** A wish of this community changed: its pages are read again. */
  changed(communityId: number): void {
    const community = this.communities.get(communityId);
    if (!community) return;
    community.version += 1;
    community.entries.clear();
  }

  private community(id: number) {
    let community = this.communities.get(id);
    if (community) {
      this.communities.delete(id);
    } else {
      community = { version: 0, entries: new Map() };
      if (this.communities.size >= COMMUNITIES_KEPT) this.communities.delete(this.communities.keys().next().value!);
    }
    this.communities.set(id, community);
    return community;
  }
}
