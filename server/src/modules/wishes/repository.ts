import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db';
import { communitySettings, orgNodes, users, wishPhotos, wishes } from '../../db/schema';
import { DEFAULT_CONTACT_DAYS, DEFAULT_FULFIL_DAYS, type WishDeadlines } from '@huijia/shared';

const resident = alias(users, 'resident');
const claimant = alias(users, 'claimant');

export type WishRow = typeof wishes.$inferSelect & {
  communityName: string;
  communityPath: string;
  residentName: string;
  claimantName: string | null;
};

/** Wishes with the names a wish shows; narrow with `.where(...)`. */
export function selectWishes(tx: Tx) {
  return tx
    .select({
      wish: wishes,
      communityName: orgNodes.name,
      communityPath: orgNodes.path,
      residentName: resident.name,
      claimantName: claimant.name,
    })
    .from(wishes)
    .innerJoin(orgNodes, eq(orgNodes.id, wishes.communityId))
    .innerJoin(resident, eq(resident.id, wishes.residentId))
    .leftJoin(claimant, eq(claimant.id, wishes.claimantId));
}

export const flatten = (r: { wish: typeof wishes.$inferSelect; communityName: string; communityPath: string; residentName: string; claimantName: string | null }): WishRow => ({
  ...r.wish,
  communityName: r.communityName,
  communityPath: r.communityPath,
  residentName: r.residentName,
  claimantName: r.claimantName,
});

export async function findWish(tx: Tx, id: number): Promise<WishRow | undefined> {
  const [row] = await selectWishes(tx).where(eq(wishes.id, id));
  return row && flatten(row);
}

/** Photos of these wishes, by wish. */
export async function photosOf(tx: Tx, wishIds: number[]) {
  if (wishIds.length === 0) return [];
  return tx.select().from(wishPhotos).where(inArray(wishPhotos.wishId, wishIds)).orderBy(wishPhotos.uploadId);
}

export async function deadlinesOf(tx: Tx, communityId: number): Promise<WishDeadlines> {
  const [row] = await tx.select().from(communitySettings).where(eq(communitySettings.communityId, communityId));
  return row ?? { contactDays: DEFAULT_CONTACT_DAYS, fulfilDays: DEFAULT_FULFIL_DAYS };
}
