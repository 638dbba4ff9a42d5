/**
 * What the database says changed, for the in-process caches of every server process. Triggers
 * (migrations/0013) send `NOTIFY huijia_changes` in the transaction of every change to who a
 * person is (their grants, roster rows, reports, phone and name) and to the tree; PostgreSQL
 * delivers it at commit to every connection listening, in every process. Every connection of the
 * pool listens, so the process that made a change hears it on its own connection before its
 * commit returns: a revoked role stops working there at once, and elsewhere as soon as the
 * notification arrives (well under a millisecond on one machine). Behind a transaction pooler the
 * pool's connections cannot listen: one direct connection per process does (db/index.ts), and the
 * process that made a change hears it a moment after its commit, like the others.
 *
 * While no connection listens (the pool has none open, or all dropped), a change could pass
 * unheard: the feed is then not `live`, and caches neither keep nor trust what they hold.
 */
export const CHANGES_CHANNEL = 'huijia_changes';

/** A change as the triggers name it: `user:<id>` (who they are changed) or `tree` (a node moved or renamed). */
export type Change = { kind: 'user'; userId: number } | { kind: 'tree' } | { kind: 'unheard' };

export function parseChange(payload: string): Change | null {
  if (payload === 'tree') return { kind: 'tree' };
  const user = /^user:(\d{1,15})$/.exec(payload);
  return user ? { kind: 'user', userId: Number(user[1]) } : null;
}

export class ChangeFeed {
  private readonly handlers = new Set<(change: Change) => void>();
  private listeners = 0;
  /** Counts every change heard and every time listening stopped: a cache reading before and
   *  after sees whether anything happened in between. */
  private counter = 0;

  get live(): boolean {
    return this.listeners > 0;
  }

  get generation(): number {
    return this.counter;
  }

  subscribe(handler: (change: Change) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** A connection started listening. */
  listening(): void {
    this.listeners += 1;
    this.counter += 1;
  }

  /** A listening connection closed; with none left, changes may pass unheard. */
  stopped(): void {
    this.listeners = Math.max(0, this.listeners - 1);
    if (this.listeners === 0) this.emit({ kind: 'unheard' });
  }

  heard(payload: string | undefined): void {
    const change = payload === undefined ? null : parseChange(payload);
    // Something we cannot read is treated as the largest change there is.
    this.emit(change ?? { kind: 'unheard' });
  }

  private emit(change: Change): void {
    this.counter += 1;
    for (const handler of this.handlers) handler(change);
  }
}
