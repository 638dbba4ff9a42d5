import { eq } from 'drizzle-orm';
import type { ScopedGrant } from '@huijia/shared';
import type { Tx } from '../../db';
import { orgNodes, roleGrants, rosterEntries, users } from '../../db/schema';

/** The signed-in person as the guard sees them: every role they hold, with where it applies. */
export interface Actor {
  userId: number;
  grants: ScopedGrant[];
}

/** Everyone is a resident; a phone on a roster makes a member; the rest are granted. */
export async function loadActor(tx: Tx, userId: number): Promise<Actor | null> {
  const [user] = await tx.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const granted = await tx
    .select({ role: roleGrants.role, orgId: roleGrants.orgId, orgPath: orgNodes.path, unitId: roleGrants.unitId })
    .from(roleGrants)
    .leftJoin(orgNodes, eq(orgNodes.id, roleGrants.orgId))
    .where(eq(roleGrants.userId, userId));
  const grants: ScopedGrant[] = [{ role: 'resident' }];
  if (user.phone) {
    const rosters = await tx
      .select({ unitId: rosterEntries.unitId })
      .from(rosterEntries)
      .where(eq(rosterEntries.phone, user.phone));
    for (const r of rosters) grants.push({ role: 'member', unitId: String(r.unitId) });
  }
  for (const g of granted) {
    grants.push({
      role: g.role,
      ...(g.orgId !== null && g.orgPath ? { orgId: String(g.orgId), orgPath: g.orgPath } : {}),
      ...(g.unitId !== null ? { unitId: String(g.unitId) } : {}),
    });
  }
  return { userId, grants };
}
