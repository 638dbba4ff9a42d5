import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { mayManageGrant, mayTake, type Target } from '@huijia/shared';
import type { Tx } from '../../db';
import { orgNodes, roleGrants, units } from '../../db/schema';
import { forbidden, notFound } from '../../http/errors';
import type { Actor } from '../users/actor';

/** The node a unit is registered under, joined beside the node a grant is bound to. */
export const unitNodes = alias(orgNodes, 'unit_node');

/** A grant's columns with where it applies: its node's path, or its unit's node's path. */
export const grantColumns = {
  id: roleGrants.id,
  userId: roleGrants.userId,
  role: roleGrants.role,
  orgId: roleGrants.orgId,
  unitId: roleGrants.unitId,
  grantedBy: roleGrants.grantedBy,
  createdAt: roleGrants.createdAt,
  path: sql<string>`coalesce(${orgNodes.path}, ${unitNodes.path})`.as('grant_path'),
  scopeName: sql<string>`coalesce(${orgNodes.name}, ${units.name})`.as('scope_name'),
};

export interface GrantRow {
  id: number;
  userId: number;
  role: (typeof roleGrants.$inferSelect)['role'];
  orgId: number | null;
  unitId: number | null;
  grantedBy: number | null;
  createdAt: Date;
  path: string;
  scopeName: string;
}

/** Grants with their place (node or unit, and the unit's node). */
export function selectGrants(tx: Tx) {
  return tx
    .select(grantColumns)
    .from(roleGrants)
    .leftJoin(orgNodes, eq(orgNodes.id, roleGrants.orgId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .leftJoin(unitNodes, eq(unitNodes.id, units.orgId));
}

/** What a grant reaches, as the guard reads targets: a unit (and the node above it), or a node. */
export function targetOf(grant: Pick<GrantRow, 'unitId' | 'path'>): Target {
  return grant.unitId !== null ? { unitId: String(grant.unitId), unitOrgPath: grant.path } : { orgPath: grant.path };
}

/** Whether the caller may revoke this grant (the grant rule of permissions.ts, written once). */
export const mayManage = (actor: Actor, grant: Pick<GrantRow, 'role' | 'unitId' | 'path'>): boolean =>
  mayManageGrant(actor.grants, grant.role, targetOf(grant));

/**
 * As the guard answers: 403 to someone who manages grants nowhere, whatever they name; beyond that,
 * a grant or an account they may not manage is not found, as if it did not exist.
 */
export function assertManagesGrants(actor: Actor): void {
  if (!mayTake(actor.grants, 'staff.grant')) throw forbidden();
}

/**
 * Whether the caller may reset the password of, deactivate or reactivate the holder of `grants`:
 * only over every one of them, since whoever holds an account's password acts with all its roles
 * (a street admin must not take over a district admin who also serves in one of its communities).
 * Answers the node where it happens for the audit trail: the nearest one above all the grants.
 */
export function accountScope(actor: Actor, grants: readonly GrantRow[]): string {
  if (grants.length === 0 || !grants.every((g) => mayManage(actor, g))) throw notFound();
  return commonAncestor(grants.map((g) => g.path));
}

/** `/1/7/12/` and `/1/7/30/` → `/1/7/`: materialised paths cut at whole segments. */
function commonAncestor(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  return `/${common.map((s) => `${s}/`).join('')}`;
}
