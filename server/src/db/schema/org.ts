import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { ORG_KINDS } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';

export const orgKind = pgEnum('org_kind', ORG_KINDS);

/**
 * The organisation tree: city > district > street > community > compound > building.
 * `path` is the materialised path of ids from the root (`/1/7/12/`), so a subtree is the one
 * indexed predicate `path LIKE '/1/7/%'` (text_pattern_ops makes it a range scan).
 */
export const orgNodes = pgTable(
  'org_nodes',
  {
    id: idColumn(),
    parentId: ref('parent_id').references((): AnyPgColumn => orgNodes.id),
    kind: orgKind('kind').notNull(),
    name: text('name').notNull(),
    path: text('path').notNull(),
    /** Archived (停用): keeps its history and figures, takes no new wishes, posts or reports. Set on
     *  the whole subtree at once. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('org_nodes_path_key').on(t.path.op('text_pattern_ops')),
    uniqueIndex('org_nodes_sibling_name_key').on(t.parentId, t.name),
    // Exactly one root: the city.
    uniqueIndex('org_nodes_one_root').on(sql`(parent_id IS NULL)`).where(sql`parent_id IS NULL`),
    index('org_nodes_parent_idx').on(t.parentId),
  ],
);
