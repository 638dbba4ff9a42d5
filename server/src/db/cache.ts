import type { Change, ChangeFeed } from './changes';

export interface CacheOptions<K> {
  /** How long an entry may serve at most, even when nothing is heard to change it. */
  ttlMs: number;
  /** Entries kept; the oldest go first. */
  max: number;
  /** The keys a change makes stale: 'all', or those listed. */
  staleAfter: (change: Change) => 'all' | K[];
  now?: () => number;
}

/**
 * Reads kept in this process until the database says they changed (ChangeFeed) or `ttlMs` passed.
 * Concurrent reads of one key share one load. A load that overlapped any change is answered but
 * not kept (it may have read the old state), and a change drops loads under way, so a caller
 * arriving after a change never gets what was read before it. While the feed is not live
 * (nothing listening), nothing is kept or served from the cache. Absence is never kept.
 */
export class ChangeAwareCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private readonly loading = new Map<K, Promise<V>>();
  private readonly now: () => number;

  constructor(
    private readonly changes: ChangeFeed,
    private readonly options: CacheOptions<K>,
    private readonly load: (key: K) => Promise<V>,
  ) {
    this.now = options.now ?? Date.now;
    changes.subscribe((change) => {
      const stale = change.kind === 'unheard' ? 'all' : options.staleAfter(change);
      if (stale === 'all') {
        this.entries.clear();
        this.loading.clear();
      } else {
        for (const key of stale) {
          this.entries.delete(key);
          this.loading.delete(key);
        }
      }
    });
  }

  get(key: K): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now() && this.changes.live) return Promise.resolve(hit.value);
    const under = this.loading.get(key);
    if (under) return under;
    const generation = this.changes.generation;
    const loaded = this.load(key).then(
      (value) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        // Absence is not kept: new rows (a new user, a new node) are not announced.
        if (value != null && this.changes.live && this.changes.generation === generation) this.keep(key, value);
        return value;
      },
      (err: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  private keep(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + this.options.ttlMs });
    if (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value as K);
  }
}
