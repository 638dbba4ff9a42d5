import { eq, isNull, sql } from 'drizzle-orm';
import type { OrgKind } from '@huijia/shared';
import type { Tx } from '../../db';
import { orgNodes } from '../../db/schema';

export type OrgNodeRow = typeof orgNodes.$inferSelect;

/** Inserts a node under `parent` (or the root when `parent` is null), with its materialised path. */
export async function insertOrgNode(
  tx: Tx,
  parent: Pick<OrgNodeRow, 'id' | 'path'> | null,
  kind: OrgKind,
  name: string,
): Promise<OrgNodeRow> {
  const nodeId = await nextOrgNodeId(tx);
  const [row] = await tx
    .insert(orgNodes)
    .values({ id: nodeId, parentId: parent?.id ?? null, kind, name, path: `${parent?.path ?? '/'}${nodeId}/` })
    .returning();
  return row!;
}

/** The id is taken first so the path can end with it in the same insert. */
async function nextOrgNodeId(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ id: sql<string>`nextval(pg_get_serial_sequence('org_nodes', 'id'))` })
    .from(sql`(select 1) as one`);
  return Number(row!.id);
}

export async function findRoot(tx: Tx): Promise<OrgNodeRow | undefined> {
  const [root] = await tx.select().from(orgNodes).where(isNull(orgNodes.parentId));
  return root;
}

export async function findOrgNode(tx: Tx, id: number): Promise<OrgNodeRow | undefined> {
  const [node] = await tx.select().from(orgNodes).where(eq(orgNodes.id, id));
  return node;
}

/**
 * Serialises the writes that depend on where nodes are (a transaction-scoped advisory lock, held
 * to commit). Moving, archiving and restoring take it alone: they rewrite or mark a subtree by
 * path prefix, and a node added under it meanwhile (with the path read before) would be missed.
 * Adding nodes (one, or an import) takes it shared, so additions run side by side and a move waits
 * for them and they for it; they read their parent's path after taking it.
 */
export async function lockTree(tx: Tx, mode: 'shared' | 'exclusive'): Promise<void> {
  await tx.execute(
    mode === 'exclusive' ? sql`select pg_advisory_xact_lock(hashtext('huijia:org-tree'))` : sql`select pg_advisory_xact_lock_shared(hashtext('huijia:org-tree'))`,
  );
}

/** A node as it stands now, its row locked against other writers until commit. */
export async function lockOrgNode(tx: Tx, id: number): Promise<OrgNodeRow | undefined> {
  const [node] = await tx.select().from(orgNodes).where(eq(orgNodes.id, id)).for('update');
  return node;
}
