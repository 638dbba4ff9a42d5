import { eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { childKindsOf, decide, type OrgNode, type RenameOrgBody } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { auditLog, orgNodes, statsCommunityMonth, statsMemberYear } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../users/actor';
import type { OrgNodes } from './nodes';
import { findOrgNode, lockOrgNode, lockTree, type OrgNodeRow } from './repository';
import { assertOpen, getOrgNode, toOrgNode } from './service';

/** A node as admins manage it: `org.manage` is checked on its parent, so one's own node is above reach. */
export interface ManagedNode {
  node: OrgNodeRow;
  parent: OrgNodeRow;
}

/** A node with its parent, from the cache; the root has no parent and is nobody's to manage. */
export async function getManagedNode(nodes: OrgNodes, id: string): Promise<ManagedNode> {
  const node = await getOrgNode(nodes, id);
  const parent = node.parentId === null ? undefined : await nodes.get(node.parentId);
  if (!parent) throw notFound();
  return { node, parent };
}

/**
 * The node locked as it stands now, with its parent, checked again against the caller's grants:
 * the route checked the node as the cache had it, and a move committed since may have taken it
 * out of the caller's reach.
 */
export async function lockManagedNode(tx: Tx, actor: Actor, id: number): Promise<ManagedNode> {
  const node = await lockOrgNode(tx, id);
  const parent = node?.parentId == null ? undefined : await findOrgNode(tx, node.parentId);
  if (!node || !parent || !manages(actor, parent)) throw notFound();
  return { node, parent };
}

const manages = (actor: Actor, parent: OrgNodeRow) => decide(actor.grants, 'org.manage', { orgPath: parent.path }) === 'allow';

const nameTaken = (err: unknown) => isUniqueViolation(err, 'org_nodes_sibling_name_key');

/** `PATCH /api/orgs/:id`: a new name, unique among its siblings. The same name again changes nothing. */
export async function renameOrgNode(db: Db, actor: Actor, id: number, body: RenameOrgBody): Promise<OrgNode> {
  try {
    return await db.transaction(async (tx) => {
      const { node } = await lockManagedNode(tx, actor, id);
      if (node.name === body.name) return toOrgNode(node);
      const [renamed] = await tx.update(orgNodes).set({ name: body.name }).where(eq(orgNodes.id, node.id)).returning();
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'org.rename',
        entity: 'org_node',
        entityId: node.id,
        from: node.name,
        to: body.name,
        orgPath: node.path,
      });
      return toOrgNode(renamed!);
    });
  } catch (err) {
    if (nameTaken(err)) throw new AppError(409, 'ORG_NAME_TAKEN');
    throw err;
  }
}

/**
 * Every stored copy of the paths under `from` now under `to`: the nodes', the figures' rollups'
 * and the audit trail's (each by one index range of its path). The reporting figures
 * (`stats_reporting`) are kept by community id and joined to the nodes' paths when read, so they
 * follow at once.
 */
async function rewritePaths(tx: Tx, from: string, to: string): Promise<void> {
  const moved = (column: PgColumn) => sql`${to} || substr(${column}, ${from.length + 1})`;
  const under = `${from}%`; // paths are digits and slashes: nothing in them is a LIKE wildcard
  await tx.update(orgNodes).set({ path: moved(orgNodes.path) }).where(sql`${orgNodes.path} like ${under}`);
  await tx.update(statsCommunityMonth).set({ communityPath: moved(statsCommunityMonth.communityPath) }).where(sql`${statsCommunityMonth.communityPath} like ${under}`);
  await tx.update(statsMemberYear).set({ communityPath: moved(statsMemberYear.communityPath) }).where(sql`${statsMemberYear.communityPath} like ${under}`);
  await tx.update(auditLog).set({ orgPath: moved(auditLog.orgPath) }).where(sql`${auditLog.orgPath} like ${under}`);
}

/**
 * `POST /api/orgs/:id/move`: under another parent that may hold its kind, not archived, not the
 * node itself nor below it; the caller manages both the old parent and the new. The subtree's
 * paths and every copy of them change in one transaction, under the tree's exclusive lock (so two
 * moves never interleave, nor a move and an addition); the caches hear of it at commit
 * (migrations/0013). Moving it where it already is changes nothing.
 */
export async function moveOrgNode(db: Db, actor: Actor, id: number, parentId: number): Promise<OrgNode> {
  try {
    return await db.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const { node, parent } = await lockManagedNode(tx, actor, id);
      const target = await lockOrgNode(tx, parentId);
      if (!target || !manages(actor, target)) throw notFound();
      if (target.path.startsWith(node.path)) throw new AppError(400, 'ORG_MOVE_INTO_SUBTREE');
      if (!childKindsOf(target.kind).includes(node.kind)) {
        throw new AppError(400, 'ORG_KIND_MISMATCH', '新的上级节点下不能放这种节点', { allowed: childKindsOf(target.kind) });
      }
      assertOpen(target);
      if (target.id === parent.id) return toOrgNode(node);

      const to = `${target.path}${node.id}/`;
      await tx.update(orgNodes).set({ parentId: target.id }).where(eq(orgNodes.id, node.id));
      await rewritePaths(tx, node.path, to);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'org.move',
        entity: 'org_node',
        entityId: node.id,
        from: String(parent.id),
        to: String(target.id),
        details: { name: node.name, fromPath: node.path, toPath: to, fromParent: parent.name, toParent: target.name },
        orgPath: to,
      });
      return toOrgNode((await findOrgNode(tx, node.id))!);
    });
  } catch (err) {
    if (nameTaken(err)) throw new AppError(409, 'ORG_NAME_TAKEN', '新的上级节点下已有同名节点');
    throw err;
  }
}
