import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db';
import { agreements, unitCommunities, units } from '../../db/schema';

/** China has one time zone, UTC+8, and no daylight saving. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of `at`'s day in China: the day an agreement's term is read against. */
export const chinaToday = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** `day` moved by whole years and days on the calendar (`2025-03-01` + 3 years − 1 day = `2028-02-29`). */
export function shiftDay(day: string, years: number, days = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // A 29 February a number of years on falls on the 28th when that year has none.
  const landed = new Date(Date.UTC(y + years, m - 1, d));
  const base = landed.getUTCMonth() === m - 1 ? landed : new Date(Date.UTC(y + years, m, 0));
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

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
