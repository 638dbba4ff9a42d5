import { and, asc, eq, gt } from 'drizzle-orm';
import { childKindOf, childKindsOf, type CreateOrgBody, type ListEnvelope, type OrgNode } from '@huijia/shared';
import type { Db } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes } from '../../db/schema';
import { parseCursor, page } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { OrgNodes } from './nodes';
import { findOrgNode, findRoot, insertOrgNode, lockTree, type OrgNodeRow } from './repository';

export function toOrgNode(row: OrgNodeRow): OrgNode {
  return {
    id: String(row.id),
    parentId: row.parentId === null ? null : String(row.parentId),
    kind: row.kind,
    name: row.name,
    path: row.path,
    archivedAt: row.archivedAt === null ? null : row.archivedAt.toISOString(),
  };
}

/** Ids in paths are digits; anything else names no node. */
export const parseId = (id: string): number | null => (/^\d{1,15}$/.test(id) ? Number(id) : null);

export async function getOrgNode(nodes: OrgNodes, id: string): Promise<OrgNodeRow> {
  const n = parseId(id);
  const node = n === null ? undefined : await nodes.get(n);
  if (!node) throw notFound();
  return node;
}

export async function getRoot(db: Db): Promise<OrgNodeRow> {
  const root = await findRoot(db);
  if (!root) throw notFound();
  return root;
}

/** Children of a node in id order, keyset-paginated by id. */
export async function listChildren(db: Db, parent: OrgNodeRow, limit: number, cursor?: string): Promise<ListEnvelope<OrgNode>> {
  const after = parseCursor(cursor);
  const rows = await db
    .select()
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, parent.id), after === null ? undefined : gt(orgNodes.id, after)))
    .orderBy(asc(orgNodes.id))
    .limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  return { items: items.map(toOrgNode), nextCursor };
}

/** A new node one level below its parent (a city may also hold streets), with its audit row. */
export async function createOrgNode(db: Db, actorId: number, parent: OrgNodeRow, body: CreateOrgBody): Promise<OrgNode> {
  if (!childKindsOf(parent.kind).includes(body.kind)) {
    throw new AppError(400, 'ORG_KIND_MISMATCH', undefined, { expected: childKindOf(parent.kind), allowed: childKindsOf(parent.kind) });
  }
  try {
    return await db.transaction(async (tx) => {
      await lockTree(tx, 'shared');
      // Read again under the lock: the path the child's ends with, and whether it was archived since.
      const current = await findOrgNode(tx, parent.id);
      if (!current) throw notFound();
      assertOpen(current);
      const node = await insertOrgNode(tx, current, body.kind, body.name);
      await recordAudit(tx, {
        actorId,
        action: 'org.create',
        entity: 'org_node',
        entityId: node.id,
        to: node.kind,
        details: { name: node.name, parentId: current.id },
        orgPath: node.path,
      });
      return toOrgNode(node);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'org_nodes_sibling_name_key')) throw new AppError(409, 'ORG_NAME_TAKEN');
    throw err;
  }
}

/** Refuses new work under an archived node (停用): it keeps its history, and is read as before. */
export function assertOpen(node: OrgNodeRow): OrgNodeRow {
  if (node.archivedAt !== null) throw new AppError(409, 'ORG_ARCHIVED');
  return node;
}

/** A node that must be a community; any other id is not found. */
export async function getCommunity(nodes: OrgNodes, id: string): Promise<OrgNodeRow> {
  const node = await getOrgNode(nodes, id);
  if (node.kind !== 'community') throw notFound();
  return node;
}

/** A community that takes new work (wishes, posts, reports, households): not archived. */
export async function getOpenCommunity(nodes: OrgNodes, id: string): Promise<OrgNodeRow> {
  return assertOpen(await getCommunity(nodes, id));
}

/** 409 ORG_ARCHIVED when `id` names an archived node; any other id is left to the caller's own rules. */
export async function refuseArchived(nodes: OrgNodes, id: string): Promise<void> {
  const n = parseId(id);
  const node = n === null ? undefined : await nodes.get(n);
  if (node) assertOpen(node);
}
