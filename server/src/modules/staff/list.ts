import { and, asc, eq, gt, inArray, like, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ListEnvelope, StaffGrant, StaffListQuery, Target } from '@huijia/shared';
import type { Db } from '../../db';
import { orgNodes, roleGrants, units, users } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import type { OrgNodes } from '../orgs/nodes';
import { getOrgNode } from '../orgs/service';
import { getUnitRow } from '../units/service';
import type { Actor } from '../users/actor';
import { grantColumns, mayManage, selectGrants, unitNodes } from './grants';

/** Whose grants a list shows: a node's subtree (with the units registered in it), or one unit. */
export type StaffScope = { orgPath: string } | { unitId: number };

/** The node or unit a list names (404 when none), and the target its reader must reach. */
export async function staffScope(db: Db, nodes: OrgNodes, query: Pick<StaffListQuery, 'orgId' | 'unitId'>): Promise<{ scope: StaffScope; target: Target }> {
  if (query.unitId !== undefined) {
    const unit = await getUnitRow(db, query.unitId);
    return { scope: { unitId: unit.id }, target: { unitId: String(unit.id), unitOrgPath: unit.orgPath } };
  }
  const node = await getOrgNode(nodes, query.orgId!);
  return { scope: { orgPath: node.path }, target: { orgPath: node.path } };
}

const subtreeNodes = alias(orgNodes, 'subtree_node');
const subtreeUnits = alias(units, 'subtree_unit');

function scopeCondition(db: Db, scope: StaffScope): SQL | undefined {
  if ('unitId' in scope) return eq(roleGrants.unitId, scope.unitId);
  // Paths are digits and slashes: nothing in them for LIKE to read as a wildcard.
  const nodes = db.select({ id: subtreeNodes.id }).from(subtreeNodes).where(like(subtreeNodes.path, `${scope.orgPath}%`));
  const unitsThere = db.select({ id: subtreeUnits.id }).from(subtreeUnits).where(inArray(subtreeUnits.orgId, nodes));
  return or(inArray(roleGrants.orgId, nodes), inArray(roleGrants.unitId, unitsThere));
}

/** Of these holders, the ones whose accounts the caller may reset or deactivate (`accountScope`). */
async function manageableAccounts(db: Db, actor: Actor, userIds: number[]): Promise<Set<number>> {
  const others = [...new Set(userIds)].filter((id) => id !== actor.userId);
  if (others.length === 0) return new Set();
  const grants = await selectGrants(db).where(inArray(roleGrants.userId, others));
  return new Set(others.filter((id) => grants.filter((g) => g.userId === id).every((g) => mayManage(actor, g))));
}

/**
 * `GET /api/staff`: who holds which role in a subtree or a unit, in grant order (keyset by id), with
 * the holder's account state and whether the caller may manage each grant. Staff phones are work
 * contacts, shown to the admins who read this list.
 */
export async function listStaff(db: Db, actor: Actor, scope: StaffScope, limit: number, cursor?: string): Promise<ListEnvelope<StaffGrant>> {
  const after = parseCursor(cursor);
  const rows = await db
    .select({
      ...grantColumns,
      holder: { id: users.id, name: users.name, phone: users.phone, mustChangePassword: users.mustChangePassword, deactivatedAt: users.deactivatedAt },
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(orgNodes, eq(orgNodes.id, roleGrants.orgId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .leftJoin(unitNodes, eq(unitNodes.id, units.orgId))
    .where(and(scopeCondition(db, scope), after === null ? undefined : gt(roleGrants.id, after)))
    .orderBy(asc(roleGrants.id))
    .limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  const accounts = await manageableAccounts(db, actor, items.map((g) => g.userId));
  return {
    items: items.map((g) => ({
      grantId: String(g.id),
      role: g.role,
      orgId: g.orgId === null ? null : String(g.orgId),
      unitId: g.unitId === null ? null : String(g.unitId),
      scopeName: g.scopeName,
      user: {
        id: String(g.holder.id),
        name: g.holder.name,
        phone: g.holder.phone,
        mustChangePassword: g.holder.mustChangePassword,
        deactivatedAt: g.holder.deactivatedAt === null ? null : g.holder.deactivatedAt.toISOString(),
      },
      grantedBy: g.grantedBy === null ? null : String(g.grantedBy),
      grantedAt: g.createdAt.toISOString(),
      // Not one's own: the page offers no way to cut the branch one sits on.
      manageable: g.userId !== actor.userId && mayManage(actor, g),
      accountManageable: accounts.has(g.userId),
    })),
    nextCursor,
  };
}
