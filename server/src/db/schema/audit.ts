import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { idColumn, ref } from './columns';
import { users } from './users';

/** The audit trail: who did what to which entity, from which state to which. Written by services
 *  in the same transaction as the change it records. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    actorId: ref('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    details: jsonb('details'),
    /** The path of the node the change happened in (a wish's community, a unit's node): the audit
     *  viewer of a node reads its subtree as one index range. Moving a node moves it too. */
    orgPath: text('org_path'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_log_org_idx').on(t.orgPath.op('text_pattern_ops'), t.id),
  ],
);
