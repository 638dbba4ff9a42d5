import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db';
import { roleGrants } from '../../db/schema';

/** Who holds a role on a node (staff of a community) or a unit (its admins): whom to tell. */
export async function holdersOf(
  tx: Tx,
  role: 'community_staff' | 'unit_admin',
  where: { orgId: number } | { unitId: number },
): Promise<number[]> {
  const scope = 'orgId' in where ? eq(roleGrants.orgId, where.orgId) : eq(roleGrants.unitId, where.unitId);
  const rows = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(and(eq(roleGrants.role, role), scope));
  return rows.map((r) => r.userId);
}

/** Staff of a community. */
export const staffOf = (tx: Tx, communityId: number) => holdersOf(tx, 'community_staff', { orgId: communityId });
