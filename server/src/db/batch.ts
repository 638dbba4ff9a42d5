/**
 * Group commit for a hot write: requests that arrive while the previous batch is in the database
 * go together in the next one, one statement and one commit for all. Under light load a batch is
 * one request, sent at once; under heavy load the statement's and the commit's fixed costs are
 * shared. A few batches run at a time per process (`inFlight`). Items with the same key never share a batch (the
 * later waits for the next), and when a batch fails as a whole (a deadlock with another process's
 * batch, say) each of its items is tried again on its own, so one item's failure is only its own.
 */
export class Batcher<Item, Result> {
  private readonly queue: { item: Item; resolve: (r: Result) => void; reject: (err: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly options: {
      /** Items a batch holds at most. */
      max: number;
      /** Batches in the database at once. */
      inFlight: number;
      /** Items with one key (a wish) go in different batches. */
      keyOf: (item: Item) => unknown;
      /** Runs a batch; answers a result per item, in order. */
      run: (items: Item[]) => Promise<Result[]>;
    },
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Requests read in the same turn of the event loop reach here before setImmediate fires.
      if (this.running < this.options.inFlight) {
        this.running += 1;
        setImmediate(() => void this.next());
      }
    });
  }

  private async next(): Promise<void> {
    const batch = this.take();
    if (batch.length === 0) {
      this.running -= 1;
      return;
    }
    try {
      await this.settle(batch);
    } finally {
      setImmediate(() => void this.next());
    }
  }

  private take() {
    const keys = new Set<unknown>();
    const batch: typeof this.queue = [];
    for (let i = 0; i < this.queue.length && batch.length < this.options.max; ) {
      const entry = this.queue[i]!;
      const key = this.options.keyOf(entry.item);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(entry);
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async settle(batch: typeof this.queue): Promise<void> {
    try {
      const results = await this.options.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const entry of batch) await this.settle([entry]);
    }
  }
}
