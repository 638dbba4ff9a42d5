import { and, inArray, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { tryJobLock } from '../../db/raw';
import { scheduleJob } from '../../jobs';
import { uploads } from '../../db/schema';
import { UNATTACHED_UPLOAD_TTL_MS, UPLOAD_SWEEP_EVERY_MS } from './limits';
import { unattached } from './service';
import { uploadStore, type BlobStore } from './store';

const SWEEP_BATCH = 500;

/**
 * Removes uploads attached to no wish, record or opinion a day after they were made (the form that uploaded
 * them was abandoned), rows and files. The rows go first, in a transaction under the job lock (one
 * server process sweeps at a time); their files after it commits, so a file is never removed for a
 * row that stays. A file already gone is fine. Answers how many uploads it removed.
 */
export async function sweepUnattachedUploads(db: Db, store: BlobStore, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_UPLOAD_TTL_MS);
  let removed = 0;
  for (;;) {
    const gone = await db.transaction(async (tx) => {
      if (!(await tryJobLock(tx, 'huijia:upload-sweep'))) return [];
      const stale = tx
        .select({ id: uploads.id })
        .from(uploads)
        .where(and(lt(uploads.createdAt, cutoff), unattached))
        .limit(SWEEP_BATCH)
        // An upload being attached right now holds a lock on its row (unattachedUploads): skipped.
        .for('update', { skipLocked: true });
      return tx.delete(uploads).where(inArray(uploads.id, stale)).returning({ key: uploads.key, thumbKey: uploads.thumbKey });
    });
    const keys = gone.flatMap((u) => (u.thumbKey ? [u.key, u.thumbKey] : [u.key]));
    const failed = (await Promise.allSettled(keys.map((key) => store.remove(key)))).filter((r) => r.status === 'rejected');
    if (failed.length) throw new AggregateError(failed.map((r) => r.reason), `${failed.length} swept upload files could not be removed`);
    removed += gone.length;
    if (gone.length < SWEEP_BATCH) return removed;
  }
}

/** Runs the sweep every hour while the app is up. */
export function scheduleUploadSweep(app: FastifyInstance): void {
  const store = uploadStore(app.config.dataDir);
  scheduleJob(app, 'upload sweep', UPLOAD_SWEEP_EVERY_MS, () => sweepUnattachedUploads(app.db, store, app.now()));
}
