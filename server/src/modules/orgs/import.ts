import { sql } from 'drizzle-orm';
import { IMPORTED_KINDS, ORG_KIND_LABELS, type OrgImportResult, type OrgKind } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { orgNodes } from '../../db/schema';
import { arrayLiteral, columnsOf, rowOf } from '../../db/statement';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../users/actor';
import type { OrgNodes } from './nodes';
import { findOrgNode, lockTree, type OrgNodeRow } from './repository';
import { assertOpen } from './service';
import type { ParsedTreeFile, TreePath } from './tree-file';

/** Where a tree file may go when none is named: the node the caller is a district admin of. */
export async function callersDistrict(nodes: OrgNodes, actor: Actor): Promise<OrgNodeRow | undefined> {
  const grant = actor.grants.find((g) => g.role === 'district_admin' && g.orgId !== undefined);
  return grant ? nodes.get(Number(grant.orgId)) : undefined;
}

/** A tree file's paths start with streets: it goes into a district, or a city that holds streets itself. */
export function assertImportBase(base: OrgNodeRow): void {
  if (base.kind !== 'district' && base.kind !== 'city') throw new AppError(400, 'ORG_IMPORT_BASE');
}

/** A node of the file's paths: one already in the tree, or one to add. */
interface Slot {
  name: string;
  kind: OrgKind;
  parent: Slot | null;
  children: Map<string, Slot>;
  /** Once known: found in the tree, or added by this import. */
  node: Pick<OrgNodeRow, 'id' | 'path' | 'kind' | 'archivedAt'> | null;
  existed: boolean;
  /** On the path of a row that is imported. */
  used: boolean;
}

const slotOf = (parent: Slot | null, name: string, kind: OrgKind): Slot => ({ name, kind, parent, children: new Map(), node: null, existed: false, used: false });

/** The file's paths as a tree of slots under the base, level by level (streets first). */
function slotsOf(base: OrgNodeRow, paths: readonly TreePath[]): { levels: Slot[][]; rows: { path: TreePath; slots: Slot[] }[] } {
  const root: Slot = { ...slotOf(null, base.name, base.kind), node: base, existed: true };
  const levels: Slot[][] = IMPORTED_KINDS.map(() => []);
  const rows = paths.map((path) => {
    let at = root;
    const slots = path.names.map((name, depth) => {
      let next = at.children.get(name);
      if (!next) {
        next = slotOf(at, name, IMPORTED_KINDS[depth]!);
        at.children.set(name, next);
        levels[depth]!.push(next);
      }
      at = next;
      return next;
    });
    return { path, slots };
  });
  return { levels, rows };
}

/** The nodes named `name` under `parentId`, for pairs of both, as they are now. */
async function childrenNamed(tx: Tx, pairs: readonly { parentId: number; name: string }[]): Promise<OrgNodeRow[]> {
  if (pairs.length === 0) return [];
  const raw = await rowsOf<Record<string, unknown>>(
    tx,
    sql`select ${columnsOf(orgNodes, 'o')} from org_nodes o
        join unnest(${arrayLiteral(pairs.map((p) => p.parentId))}::bigint[], ${arrayLiteral(pairs.map((p) => p.name))}::text[]) as x(parent_id, name)
          on o.parent_id = x.parent_id and o.name = x.name`,
  );
  return raw.map((r) => rowOf(orgNodes, r));
}

const key = (parentId: number, name: string) => `${parentId}\u0000${name}`;

/** Finds, level by level, which slots are nodes already (one query a level, whatever the file's size). */
async function findExisting(tx: Tx, levels: readonly Slot[][]): Promise<void> {
  for (const level of levels) {
    const known = level.filter((s) => s.parent!.node !== null);
    const found = new Map((await childrenNamed(tx, known.map((s) => ({ parentId: s.parent!.node!.id, name: s.name })))).map((n) => [key(n.parentId!, n.name), n]));
    for (const slot of known) {
      const node = found.get(key(slot.parent!.node!.id, slot.name));
      if (node) Object.assign(slot, { node, existed: true });
    }
  }
}

/** Why a row cannot be imported as the tree stands (a node on its path archived, or of another kind), or null. */
function conflictOf(slots: readonly Slot[]): string | null {
  for (const [i, slot] of slots.entries()) {
    if (!slot.existed) continue;
    const where = `第 ${i + 1} 列（${ORG_KIND_LABELS[slot.kind]}）「${slot.name}」`;
    if (slot.node!.kind !== slot.kind) return `${where}已存在，但它是${ORG_KIND_LABELS[slot.node!.kind]}`;
    if (slot.node!.archivedAt !== null) return `${where}已停用`;
  }
  return null;
}

/**
 * Adds one level's new nodes in one statement, ids and paths made in it. A node that another
 * import added meanwhile (same parent, same name) is not added twice: the sibling index refuses
 * it, and it is read back as existing. Rows go in (parent, name) order, the same in every import,
 * so two imports waiting on each other's new nodes cannot deadlock. Answers how many it added.
 */
async function addLevel(tx: Tx, slots: Slot[]): Promise<number> {
  if (slots.length === 0) return 0;
  const ordered = [...slots].sort((a, b) => a.parent!.node!.id - b.parent!.node!.id || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const values = {
    parents: arrayLiteral(ordered.map((s) => s.parent!.node!.id)),
    kinds: arrayLiteral(ordered.map((s) => s.kind)),
    names: arrayLiteral(ordered.map((s) => s.name)),
  };
  const added = await rowsOf<Record<string, unknown>>(
    tx,
    sql`insert into org_nodes as o (id, parent_id, kind, name, path)
        select n.id, n.parent_id, n.kind, n.name, p.path || n.id || '/'
        from (select nextval(pg_get_serial_sequence('org_nodes', 'id')) as id, x.parent_id, x.kind::org_kind as kind, x.name, x.n
              from unnest(${values.parents}::bigint[], ${values.kinds}::text[], ${values.names}::text[]) with ordinality as x(parent_id, kind, name, n)) n
        join org_nodes p on p.id = n.parent_id
        order by n.n
        on conflict (parent_id, name) do nothing
        returning ${columnsOf(orgNodes, 'o')}`,
  );
  const byKey = new Map(added.map((r) => rowOf(orgNodes, r)).map((n) => [key(n.parentId!, n.name), n]));
  const lost = ordered.filter((s) => !byKey.has(key(s.parent!.node!.id, s.name)));
  for (const node of await childrenNamed(tx, lost.map((s) => ({ parentId: s.parent!.node!.id, name: s.name })))) {
    byKey.set(key(node.parentId!, node.name), node);
  }
  for (const slot of ordered) {
    const node = byKey.get(key(slot.parent!.node!.id, slot.name));
    // Added meanwhile as another kind: this file no longer describes the tree; nothing is kept.
    if (!node || node.kind !== slot.kind) throw new AppError(409, 'ORG_NAME_TAKEN', '导入期间有同名节点被新建，请重新预览后再导入');
    slot.node = node;
  }
  return added.length;
}

/**
 * `POST /api/orgs/import`: a tree file's paths under `base`, in one transaction. Each path's nodes
 * that exist (same parent, same name) are kept, the others added (in bulk, a statement a level);
 * a row through an archived node, or through a node of another kind than its column, is rejected.
 * A dry run answers the same and changes nothing. One audit row on the base.
 */
export async function importOrgTree(db: Db, actorId: number, baseId: number, parsed: ParsedTreeFile, dryRun: boolean): Promise<OrgImportResult> {
  return db.transaction(async (tx) => {
    // Shared: imports and additions run side by side; moves and archiving wait, and are waited for.
    if (!dryRun) await lockTree(tx, 'shared');
    const base = await findOrgNode(tx, baseId);
    if (!base) throw notFound();
    assertImportBase(base);
    assertOpen(base);

    const { levels, rows } = slotsOf(base, parsed.paths);
    await findExisting(tx, levels);
    const rejected = [...parsed.rejected];
    for (const { path, slots } of rows) {
      const conflict = conflictOf(slots);
      if (conflict) rejected.push({ row: path.row, reason: conflict });
      else for (const slot of slots) slot.used = true;
    }
    rejected.sort((a, b) => a.row - b.row);

    const used = levels.flat().filter((s) => s.used);
    const existing = used.filter((s) => s.existed).length;
    const createdByKind: Record<string, number> = {};
    for (const slot of used) if (!slot.existed) createdByKind[slot.kind] = (createdByKind[slot.kind] ?? 0) + 1;
    const planned = { dryRun, created: used.length - existing, existing, createdByKind, rejected };
    if (dryRun) return planned;

    // Added level by level, parents before children; a node another import added meanwhile counts as existing.
    const result = { ...planned, createdByKind: {} as Record<string, number>, created: 0 };
    for (const [depth, level] of levels.entries()) {
      const added = await addLevel(tx, level.filter((s) => s.used && !s.existed));
      if (added > 0) result.createdByKind[IMPORTED_KINDS[depth]!] = added;
      result.created += added;
    }
    result.existing = used.length - result.created;
    await recordAudit(tx, {
      actorId,
      action: 'org.import',
      entity: 'org_node',
      entityId: base.id,
      details: { created: result.created, existing: result.existing, createdByKind: result.createdByKind, rejected: rejected.length },
      orgPath: base.path,
    });
    return result;
  });
}
