import type { Database } from '../../db';
import { ChangeAwareCache } from '../../db/cache';
import { findOrgNode, type OrgNodeRow } from './repository';

/** A node serves this long at most; renaming, moving or removing any node drops them all (migrations/0013). */
const NODE_TTL_MS = 60_000;
const NODES_KEPT = 20_000;

/**
 * The tree's nodes by id, kept in this process: nearly every request names a node (a community's
 * hall, a district's figures) and the tree changes seldom.
 */
export type OrgNodes = ChangeAwareCache<number, OrgNodeRow | undefined>;

export function orgNodeCache(database: Database): OrgNodes {
  return new ChangeAwareCache<number, OrgNodeRow | undefined>(
    database.changes,
    { ttlMs: NODE_TTL_MS, max: NODES_KEPT, staleAfter: (change) => (change.kind === 'tree' ? 'all' : []) },
    (id) => findOrgNode(database.db, id),
  );
}
