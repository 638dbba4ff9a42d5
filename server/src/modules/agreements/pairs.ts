import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db';
import { agreements, unitCommunities, units } from '../../db/schema';

/**
 * Takes the unit's row lock: every change to a unit's agreements and pairs (proposing, deciding,
 * ending, the district's pairing, the sweep) holds it, so that the overlap check and the pair it
 * writes see every other change of that unit committed before them.
 */
export async function lockUnit(tx: Tx, unitId: number): Promise<void> {
  await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).for('update');
}

/** The agreements of the pair in force on `today`. */
export async function inForceOf(tx: Tx, unitId: number, communityId: number, today: string) {
  return tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.unitId, unitId),
        eq(agreements.communityId, communityId),
        eq(agreements.status, 'active'),
        lte(agreements.startsOn, today),
        gte(agreements.endsOn, today),
      ),
    );
}

/**
 * Rewrites the pair (`unit_communities`, the reporting rule's pairing) from the agreements: present
 * exactly while one of them is in force on `today`. Called in the transaction of every change to
 * the pair's agreements, under the unit's lock.
 */
export async function syncPair(tx: Tx, unitId: number, communityId: number, today: string): Promise<void> {
  if ((await inForceOf(tx, unitId, communityId, today)).length > 0) {
    await tx.insert(unitCommunities).values({ unitId, communityId }).onConflictDoNothing();
  } else {
    await tx.delete(unitCommunities).where(and(eq(unitCommunities.unitId, unitId), eq(unitCommunities.communityId, communityId)));
  }
}

/** A proposed or active agreement of the pair whose term meets `startsOn..endsOn`, if any. */
export async function overlapping(tx: Tx, unitId: number, communityId: number, startsOn: string, endsOn: string) {
  const [row] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.unitId, unitId),
        eq(agreements.communityId, communityId),
        sql`${agreements.status} in ('proposed', 'active')`,
        lte(agreements.startsOn, endsOn),
        gte(agreements.endsOn, startsOn),
      ),
    )
    .limit(1);
  return row;
}
