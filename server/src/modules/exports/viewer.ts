import { decide, mayTake } from '@huijia/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { orgNodes, units } from '../../db/schema';
import type { Actor } from '../users/actor';

/**
 * What the caller may see in a ledger's rows, by the same rules as in the app: the private fields of
 * a wish (the resident's phone, address and full name) go only to staff of its community, as
 * `wishes/view.ts` decides; a member's phone only to whoever may read a roster listing them (信息比对).
 */
export interface Viewer {
  reviewsWishesOf(communityPath: string): boolean;
  readsRosterOf(unitIds: readonly number[]): boolean;
}

export async function viewerOf(db: Db, actor: Actor): Promise<Viewer> {
  const rosters = await readableRosters(db, actor);
  return {
    reviewsWishesOf: (communityPath) => decide(actor.grants, 'wish.review', { orgPath: communityPath }) === 'allow',
    readsRosterOf: (unitIds) => unitIds.some((id) => rosters.has(id)),
  };
}

/** The units whose rosters the caller may read: the one guard's rule over every unit (a city has few). */
async function readableRosters(db: Db, actor: Actor): Promise<ReadonlySet<number>> {
  if (!mayTake(actor.grants, 'roster.read')) return new Set();
  const all = await db.select({ id: units.id, orgPath: orgNodes.path }).from(units).innerJoin(orgNodes, eq(orgNodes.id, units.orgId));
  const readable = all.filter((u) => decide(actor.grants, 'roster.read', { unitId: String(u.id), unitOrgPath: u.orgPath }) === 'allow');
  return new Set(readable.map((u) => u.id));
}
