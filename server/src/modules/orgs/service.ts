import { and, asc, eq, gt } from 'drizzle-orm';
import { childKindOf, type CreateOrgBody, type ListEnvelope, type OrgNode } from '@huijia/shared';
import type { Db } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes } from '../../db/schema';
import { parseCursor, page } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { OrgNodes } from './nodes';
import { findRoot, insertOrgNode, type OrgNodeRow } from './repository';

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

/** A new node one level below its parent, with its audit row. */
export async function createOrgNode(db: Db, actorId: number, parent: OrgNodeRow, body: CreateOrgBody): Promise<OrgNode> {
  if (childKindOf(parent.kind) !== body.kind) {
    throw new AppError(400, 'ORG_KIND_MISMATCH', undefined, { expected: childKindOf(parent.kind) });
  }
  try {
    return await db.transaction(async (tx) => {
      const node = await insertOrgNode(tx, parent, body.kind, body.name);
      await recordAudit(tx, { actorId, action: 'org.create', entity: 'org_node', entityId: node.id, to: node.kind, details: { name: node.name, parentId: parent.id } });
      return toOrgNode(node);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'org_nodes_sibling_name_key')) throw new AppError(409, 'ORG_NAME_TAKEN');
    throw err;
  }
}

/** A node that must be a community; any other id is not found. */
export async function getCommunity(nodes: OrgNodes, id: string): Promise<OrgNodeRow> {
  const node = await getOrgNode(nodes, id);
  if (node.kind !== 'community') throw notFound();
  return node;
}
