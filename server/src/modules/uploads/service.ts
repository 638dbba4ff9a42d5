import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Photo } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { recordPhotos, uploads, wishPhotos } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { parseId } from '../orgs/service';
import { sniffImage } from './image';
import type { BlobStore } from './store';

export type UploadRow = typeof uploads.$inferSelect;

export const photoOf = (id: number): Photo => ({ id: String(id), url: `/api/uploads/${id}` });

/** Stores an image the caller sent; its type is what its bytes say it is. */
export async function saveImage(db: Db, store: BlobStore, ownerId: number, content: Buffer): Promise<Photo> {
  const contentType = sniffImage(content);
  if (!contentType) throw new AppError(400, 'UPLOAD_NOT_IMAGE');
  const key = randomBytes(16).toString('hex');
  await store.put(key, content);
  const [row] = await db.insert(uploads).values({ ownerId, key, contentType, size: content.length }).returning({ id: uploads.id });
  return photoOf(row!.id);
}

export async function getUpload(db: Db, id: string): Promise<UploadRow> {
  const n = parseId(id);
  const [row] = n === null ? [] : await db.select().from(uploads).where(eq(uploads.id, n));
  if (!row) throw notFound();
  return row;
}

/**
 * The caller's own uploads that are not attached to anything yet, by id. Someone else's upload,
 * or one already attached elsewhere, is refused: a photo belongs to one wish or record.
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
        sql`not exists (select 1 from ${wishPhotos} where ${wishPhotos.uploadId} = ${uploads.id})`,
        sql`not exists (select 1 from ${recordPhotos} where ${recordPhotos.uploadId} = ${uploads.id})`,
      ),
    );
  if (usable.length !== numeric.length) throw new AppError(400, 'UPLOAD_NOT_FOUND');
  return usable.map((u) => u.id);
}

/** Attaches the caller's own unattached uploads to a wish. */
export async function attachPhotos(tx: Tx, ownerId: number, wishId: number, ids: string[] | undefined, purpose: 'wish' | 'evidence'): Promise<void> {
  const usable = await unattachedUploads(tx, ownerId, ids);
  if (usable.length) await tx.insert(wishPhotos).values(usable.map((uploadId) => ({ wishId, uploadId, purpose })));
}

/** What a photo belongs to, if anything: whoever may see that (or that part of it) may see it. */
export async function attachmentOf(db: Db, uploadId: number) {
  const [wish] = await db.select().from(wishPhotos).where(eq(wishPhotos.uploadId, uploadId));
  if (wish) return { kind: 'wish' as const, ...wish };
  const [record] = await db.select().from(recordPhotos).where(eq(recordPhotos.uploadId, uploadId));
  return record ? { kind: 'record' as const, ...record } : null;
}
