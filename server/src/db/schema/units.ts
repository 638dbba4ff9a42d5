import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';

/** Work units (单位) sit outside the tree; each is registered under a node (a district, or the
 *  city) whose admins reach it. */
export const units = pgTable('units', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  orgId: ref('org_id')
    .notNull()
    .references(() => orgNodes.id),
  createdAt: createdAt(),
});

/** A unit's paired communities (结对共建). */
export const unitCommunities = pgTable(
  'unit_communities',
  {
    unitId: ref('unit_id').notNull().references(() => units.id),
    communityId: ref('community_id').notNull().references(() => orgNodes.id),
  },
  // By community too: the members a community expects through its paired units (migrations/0019).
  (t) => [primaryKey({ columns: [t.unitId, t.communityId] }), index('unit_communities_community_idx').on(t.communityId)],
);
