import { householdSchema, listEnvelope, wishSchema } from '@huijia/shared';
import { z } from 'zod';
import { Batcher } from '../src/db/batch';
import { ChangeAwareCache } from '../src/db/cache';
import { ChangeFeed, parseChange } from '../src/db/changes';
import { serializerFor, serializeThroughZod } from '../src/http/serialize';
import { HALL_FRESH_MS, HallCache } from '../src/modules/wishes/hall';

// The parts of the request path that hold state between requests, each against its real
// collaborators (a ChangeFeed as the database's listeners drive it, the clock injected).

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('the change feed reads what the triggers send', () => {
  it('a user, the tree, and anything else as the largest change there is', () => {
    expect(parseChange('user:42')).toEqual({ kind: 'user', userId: 42 });
    expect(parseChange('tree')).toEqual({ kind: 'tree' });
    expect(parseChange('user:')).toBeNull();
    const feed = new ChangeFeed();
    const heard: unknown[] = [];
    feed.subscribe((c) => heard.push(c));
    feed.heard('something else');
    expect(heard).toEqual([{ kind: 'unheard' }]);
  });
});

describe('a cache of reads kept until the database says they changed', () => {
  function setUp(ttlMs = 30_000) {
    const feed = new ChangeFeed();
    feed.listening();
    let clock = 0;
    const loads: number[] = [];
    let value = 'v1';
    const pending: ReturnType<typeof deferred<string>>[] = [];
    const cache = new ChangeAwareCache<number, string>(
      feed,
      { ttlMs, max: 3, staleAfter: (c) => (c.kind === 'user' ? [c.userId] : 'all'), now: () => clock },
      async (key) => {
        loads.push(key);
        if (pending.length > 0) return pending.shift()!.promise;
        return `${value}:${key}`;
      },
    );
    return { feed, cache, loads, setValue: (v: string) => (value = v), tick: (ms: number) => (clock += ms), pending };
  }

  it('serves a kept read until its key is announced changed, then reads again', async () => {
    const { feed, cache, loads, setValue } = setUp();
    expect(await cache.get(1)).toBe('v1:1');
    expect(await cache.get(1)).toBe('v1:1');
    expect(loads).toEqual([1]);
    setValue('v2');
    feed.heard('user:2');
    expect(await cache.get(1)).toBe('v1:1');
    feed.heard('user:1');
    expect(await cache.get(1)).toBe('v2:1');
    expect(loads).toEqual([1, 1]);
  });

  it('reads again once the time to live is over, changed or not', async () => {
    const { cache, loads, tick } = setUp(1_000);
    await cache.get(1);
    tick(999);
    await cache.get(1);
    tick(1);
    await cache.get(1);
    expect(loads).toEqual([1, 1]);
  });

  it('does not keep a read that overlapped a change, and a caller after the change never shares it', async () => {
    const { feed, cache, loads, pending } = setUp();
    const first = deferred<string>();
    pending.push(first);
    const before = cache.get(1);
    const sharing = cache.get(1);
    feed.heard('user:1');
    const after = cache.get(1);
    first.resolve('old');
    expect(await before).toBe('old');
    expect(await sharing).toBe('old');
    expect(await after).toBe('v1:1');
    expect(loads).toEqual([1, 1]);
    expect(await cache.get(1)).toBe('v1:1');
    expect(loads).toEqual([1, 1]);
  });

  it('keeps nothing and serves nothing kept while no connection listens', async () => {
    const { feed, cache, loads } = setUp();
    await cache.get(1);
    feed.stopped();
    expect(feed.live).toBe(false);
    await cache.get(1);
    await cache.get(1);
    expect(loads).toEqual([1, 1, 1]);
    feed.listening();
    await cache.get(1);
    await cache.get(1);
    expect(loads).toEqual([1, 1, 1, 1]);
  });

  it('keeps a few entries at most, the oldest going first, and never keeps absence', async () => {
    const feed = new ChangeFeed();
    feed.listening();
    const loads: number[] = [];
    const cache = new ChangeAwareCache<number, string | undefined>(feed, { ttlMs: 30_000, max: 2, staleAfter: () => 'all' }, async (k) => {
      loads.push(k);
      return k === 0 ? undefined : `v${k}`;
    });
    for (const k of [1, 2, 3, 3, 2, 1, 0, 0]) await cache.get(k);
    expect(loads).toEqual([1, 2, 3, 1, 0, 0]);
  });
});

describe("a community hall's pages kept a second", () => {
  const page = (label: string) => ({ rows: [label], nextCursor: null, answers: new Map<string, string>() });

  it('serves a page read less than a second ago, from the start of its read', async () => {
    let clock = 0;
    const hall = new HallCache<string>(() => clock);
    let reads = 0;
    const read = async () => page(`read ${++reads}`);
    expect((await hall.page(1, 'k', read)).rows).toEqual(['read 1']);
    clock = HALL_FRESH_MS - 1;
    expect((await hall.page(1, 'k', read)).rows).toEqual(['read 1']);
    clock = HALL_FRESH_MS;
    expect((await hall.page(1, 'k', read)).rows).toEqual(['read 2']);
    expect((await hall.page(1, 'other', read)).rows).toEqual(['read 3']);
  });

  it('shares one read among concurrent callers', async () => {
    const hall = new HallCache<string>(() => 0);
    const one = deferred<ReturnType<typeof page>>();
    let reads = 0;
    const read = () => (reads++, one.promise);
    const a = hall.page(1, 'k', read);
    const b = hall.page(1, 'k', read);
    one.resolve(page('shared'));
    expect([(await a).rows, (await b).rows]).toEqual([['shared'], ['shared']]);
    expect(reads).toBe(1);
  });

  it('reads a community again at once after a change of one of its wishes, and does not keep a read that overlapped it', async () => {
    const hall = new HallCache<string>(() => 0);
    let reads = 0;
    await hall.page(1, 'k', async () => page(`read ${++reads}`));
    await hall.page(2, 'k', async () => page(`other ${++reads}`));
    const slow = deferred<ReturnType<typeof page>>();
    hall.changed(1);
    const during = hall.page(1, 'k', () => (reads++, slow.promise));
    hall.changed(1);
    const after = hall.page(1, 'k', async () => page(`read ${++reads}`));
    slow.resolve(page('overlapped'));
    expect((await during).rows).toEqual(['overlapped']);
    expect((await after).rows).toEqual(['read 4']);
    expect((await hall.page(1, 'k', async () => page('not read'))).rows).toEqual(['read 4']);
    expect((await hall.page(2, 'k', async () => page('not read'))).rows).toEqual(['other 2']);
  });
});

describe('claims that arrive together share a batch', () => {
  function batcher(options: { inFlight?: number; fail?: (items: number[]) => boolean } = {}) {
    const batches: number[][] = [];
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const b = new Batcher<number, string>({
      max: 3,
      inFlight: options.inFlight ?? 1,
      keyOf: (n) => n % 10,
      run: async (items) => {
        batches.push(items);
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        if (options.fail?.(items)) throw new Error(`batch ${items.join(',')} failed`);
        return items.map((n) => `done ${n}`);
      },
    });
    const openAll = async () => {
      for (let i = 0; i < 20; i++) {
        gates.forEach((g) => g.resolve());
        await turn();
      }
    };
    return { b, batches, openAll };
  }

  it('sends what arrives in one turn as one batch, at most `max`, the rest in the next', async () => {
    const { b, batches, openAll } = batcher();
    const results = Promise.all([1, 2, 3, 4].map((n) => b.submit(n)));
    await turn();
    expect(batches).toEqual([[1, 2, 3]]);
    await openAll();
    expect(await results).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('never puts two items of one key in a batch', async () => {
    const { b, batches, openAll } = batcher();
    const results = Promise.all([1, 11, 2, 21].map((n) => b.submit(n)));
    await openAll();
    await results;
    expect(batches).toEqual([[1, 2], [11], [21]]);
  });

  it('runs at most `inFlight` batches at once, gathering what comes meanwhile', async () => {
    const { b, batches, openAll } = batcher({ inFlight: 2 });
    const first = b.submit(1);
    await turn();
    const second = b.submit(2);
    await turn();
    const later = [3, 4, 5].map((n) => b.submit(n));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    await openAll();
    await Promise.all([first, second, ...later]);
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
  });

  it('tries each item of a failed batch on its own: only the failing item fails', async () => {
    const { b, batches, openAll } = batcher({ fail: (items) => items.includes(2) });
    const results = [1, 2, 3].map((n) => b.submit(n).then((r) => r, (err: Error) => err.message));
    await openAll();
    expect(await Promise.all(results)).toEqual(['done 1', 'batch 2 failed', 'done 3']);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});

describe('answers serialised from the JSON Schema are the bytes zod would produce', () => {
  const wish = {
    id: '1', communityId: '2', communityName: '龙津社区', title: 't', description: 'd', category: 'other', pioneerRole: null,
    status: 'published', residentName: '王**', claimantName: null, photos: [{ id: '9', url: '/api/uploads/9' }], rejectReason: null,
    reviewedAt: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null, fulfilledAt: null, fulfilNote: null,
    evidence: [], rating: 4, comment: null, resolution: null, disputedAt: null, completedAt: null, createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z', viewerActors: ['reported_member'],
  };
  const texts = ['plain', 'quote " back \\ slash', 'line\nbreak\ttab', '\u2028\u2029', '😀', 'lone \ud800 surrogate', '\u0001', '「引号」', `${'长'.repeat(60)}"`];

  it('for a wish page, with the private keys present, absent or one of them, whatever the text', () => {
    const schema = listEnvelope(wishSchema);
    const fast = serializerFor(schema);
    for (const text of texts) {
      for (const privateKeys of [{}, { contactPhone: text }, { address: text }, { contactPhone: '13900000201', address: text }]) {
        const page = { items: [{ ...wish, title: text, comment: text, ...privateKeys }, wish], nextCursor: text };
        expect(fast(page)).toBe(serializeThroughZod(schema, page));
      }
    }
  });

  it('for a household, whose address is absent for those not paired with it', () => {
    const fast = serializerFor(householdSchema);
    const sample = { id: '1', communityId: '2', communityName: '龙津社区', name: '王**', needs: '代购', maxMembers: 1, activePairings: 0, pairedWithMe: false };
    for (const address of [undefined, '阳光花园 1 栋']) {
      const household = { ...sample, ...(address === undefined ? {} : { address }) };
      expect(fast(household)).toBe(serializeThroughZod(householdSchema, household));
    }
  });

  it('drops keys the schema does not name, as zod does', () => {
    const schema = z.object({ a: z.string(), b: z.number().nullable() });
    const data = { a: 'x', b: null, secret: 'never sent' };
    expect(serializerFor(schema)(data)).toBe('{"a":"x","b":null}');
    expect(serializeThroughZod(schema, data)).toBe('{"a":"x","b":null}');
  });
});
