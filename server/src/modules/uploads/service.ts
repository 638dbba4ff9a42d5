import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import type { Photo } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { opinionPhotos, projectEventPhotos, recordPhotos, uploads, wishPhotos } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { parseId } from '../orgs/service';
import { sniffImage, storedImage } from './image';
import { UPLOAD_QUOTA } from './limits';
import type { BlobStore } from './store';

export type UploadRow = typeof uploads.$inferSelect;

export const photoOf = (id: number): Photo => ({ id: String(id), url: `/api/uploads/${id}` });

const newKey = () => randomBytes(16).toString('hex');

/**
 * Stores an image the caller sent, redrawn (image.ts): its first bytes must say an image, and
 * its pixels must decode. The row is written first, within the caller's daily quota; then the files.
 * If writing them fails, the row and whatever was written are removed: nothing is left half stored
 * (a row whose removal fails too is swept a day later, as an unattached upload).
 */
export async function saveImage(db: Db, store: BlobStore, ownerId: number, content: Buffer, now: Date): Promise<Photo> {
  if (!sniffImage(content)) throw new AppError(400, 'UPLOAD_NOT_IMAGE');
  // An account already at its quota costs no decoding.
  if (overQuota(await usedBy(db, ownerId, now), 0)) throw new AppError(429, 'UPLOAD_QUOTA_EXCEEDED');
  const stored = await storedImage(content);
  if (!stored) throw new AppError(400, 'UPLOAD_NOT_IMAGE');
  const files = { key: newKey(), thumbKey: newKey() };
  const size = stored.image.length + stored.thumb.length;
  const id = await db.transaction(async (tx) => {
    // Exact, across server processes too: an account's uploads take turns through this lock, held
    // while they are counted and the row is written, so parallel ones cannot all count one total.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`huijia:upload-quota:${ownerId}`}, 0))`);
    if (overQuota(await usedBy(tx, ownerId, now), size)) throw new AppError(429, 'UPLOAD_QUOTA_EXCEEDED');
    const [row] = await tx.insert(uploads).values({ ownerId, ...files, contentType: stored.contentType, size, createdAt: now }).returning({ id: uploads.id });
    return row!.id;
  });
  try {
    await store.put(files.key, stored.image);
    await store.put(files.thumbKey, stored.thumb);
  } catch (err) {
    await Promise.allSettled([db.delete(uploads).where(eq(uploads.id, id)), store.remove(files.key), store.remove(files.thumbKey)]);
    throw err;
  }
  return photoOf(id);
}

/** How many uploads an account made, and how many bytes they store, in the window before `now`. */
async function usedBy(tx: Tx, ownerId: number, now: Date): Promise<{ uploads: number; bytes: number }> {
  const since = new Date(now.getTime() - UPLOAD_QUOTA.windowMs);
  const [used] = await tx
    .select({ uploads: count(), bytes: sql<number>`coalesce(sum(${uploads.size}), 0)`.mapWith(Number) })
    .from(uploads)
    .where(and(eq(uploads.ownerId, ownerId), gt(uploads.createdAt, since)));
  return used!;
}

/** Whether one more upload of `size` bytes would take the account past UPLOAD_QUOTA. */
const overQuota = (used: { uploads: number; bytes: number }, size: number) =>
  used.uploads + 1 > UPLOAD_QUOTA.uploads || used.bytes + size > UPLOAD_QUOTA.bytes;

export async function getUpload(db: Db, id: string): Promise<UploadRow> {
  const n = parseId(id);
  const [row] = n === null ? [] : await db.select().from(uploads).where(eq(uploads.id, n));
  if (!row) throw notFound();
  return row;
}

/** Whether an upload (`uploads` row of the query) is attached to nothing: no wish, record, opinion
 *  or project update holds it. The sweep of abandoned uploads and the attaching of photos read it alike. */
export const unattached = sql`not exists (select 1 from ${wishPhotos} where ${wishPhotos.uploadId} = ${uploads.id})
  and not exists (select 1 from ${recordPhotos} where ${recordPhotos.uploadId} = ${uploads.id})
  and not exists (select 1 from ${opinionPhotos} where ${opinionPhotos.uploadId} = ${uploads.id})
  and not exists (select 1 from ${projectEventPhotos} where ${projectEventPhotos.uploadId} = ${uploads.id})`;

/**
 * The caller's own uploads that are not attached to anything yet, by id. Someone else's upload,
 * or one already attached elsewhere, is refused: a photo belongs to one wish, record or opinion.
 */
export async function unattachedUploads(tx: Tx, ownerId: number, ids: string[] | undefined): Promise<number[]> {
  if (!ids || ids.length === 0) return [];
  const numeric = [...new Set(ids.map(parseId))];
  if (numeric.some((n) => n === null)) throw new AppError(400, 'UPLOAD_NOT_FOUND');
  const usable = await tx
    .select({ id: uploads.id })
    .from(uploads)
    .where(
      and(
        inArray(uploads.id, numeric as number[]),
        eq(uploads.ownerId, ownerId),
        unattached,
      ),
    )
    // Held until the photo is attached: the sweep of unattached uploads skips a row locked so, and
    // an upload the sweep is removing is waited for and then refused here, not failed on later.
    .for('key share');
  if (usable.length !== numeric.length) throw new AppError(400, 'UPLOAD_NOT_FOUND');
  return usable.map((u) => u.id);
}

/** Attaches the caller's own unattached uploads to a wish. */
export async function attachPhotos(tx: Tx, ownerId: number, wishId: number, ids: string[] | undefined, purpose: 'wish' | 'evidence'): Promise<void> {
  const usable = await unattachedUploads(tx, ownerId, ids);
  if (usable.length) await tx.insert(wishPhotos).values(usable.map((uploadId) => ({ wishId, uploadId, purpose })));
}

/**
 * Makes `ids` the photos of a wish (its own, not the claimant's evidence): those it has and are
 * listed stay, the others are taken off (left unattached, for the sweep), and the listed ones it
 * does not have yet must be the caller's unattached uploads.
 */
export async function replaceWishPhotos(tx: Tx, ownerId: number, wishId: number, ids: string[]): Promise<void> {
  const own = and(eq(wishPhotos.wishId, wishId), eq(wishPhotos.purpose, 'wish'));
  const has = new Set((await tx.select({ uploadId: wishPhotos.uploadId }).from(wishPhotos).where(own)).map((p) => String(p.uploadId)));
  const kept = ids.filter((id) => has.has(id));
  await tx.delete(wishPhotos).where(kept.length > 0 ? and(own, notInArray(wishPhotos.uploadId, kept.map(Number))) : own);
  await attachPhotos(tx, ownerId, wishId, ids.filter((id) => !has.has(id)), 'wish');
}

/** Attaches the caller's own unattached uploads to a project's progress update (项目认领). */
export async function attachProjectPhotos(tx: Tx, ownerId: number, eventId: number, ids: string[] | undefined): Promise<void> {
  const usable = await unattachedUploads(tx, ownerId, ids);
  if (usable.length) await tx.insert(projectEventPhotos).values(usable.map((uploadId) => ({ eventId, uploadId })));
}

/** Attaches the caller's own unattached uploads to an opinion (民情). */
export async function attachOpinionPhotos(tx: Tx, ownerId: number, opinionId: number, ids: string[] | undefined): Promise<void> {
  const usable = await unattachedUploads(tx, ownerId, ids);
  if (usable.length) await tx.insert(opinionPhotos).values(usable.map((uploadId) => ({ opinionId, uploadId })));
}

/** What a photo belongs to, if anything: whoever may see that (or that part of it) may see it. */
export async function attachmentOf(db: Db, uploadId: number) {
  const [wish] = await db.select().from(wishPhotos).where(eq(wishPhotos.uploadId, uploadId));
  if (wish) return { kind: 'wish' as const, ...wish };
  const [record] = await db.select().from(recordPhotos).where(eq(recordPhotos.uploadId, uploadId));
  if (record) return { kind: 'record' as const, ...record };
  const [opinion] = await db.select().from(opinionPhotos).where(eq(opinionPhotos.uploadId, uploadId));
  if (opinion) return { kind: 'opinion' as const, ...opinion };
  const [project] = await db.select().from(projectEventPhotos).where(eq(projectEventPhotos.uploadId, uploadId));
  return project ? { kind: 'project' as const, ...project } : null;
}
