import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { AGREEMENT_RESOURCES, AGREEMENT_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { units } from './units';
import { users } from './users';

export const agreementStatus = pgEnum('agreement_status', AGREEMENT_STATES);
export const agreementResource = pgEnum('agreement_resource', AGREEMENT_RESOURCES);

/**
 * 共建协议 between a unit and a community, kept with their history. `unit_communities` (the
 * pairing the reporting rule reads) holds a pair exactly while an agreement between them is in
 * force: active, and today (China's date) within its term. Changes to an agreement rewrite the pair
 * in the same transaction; the daily turn of terms is swept.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: idColumn(),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    content: text('content').notNull(),
    resources: agreementResource('resources').array().notNull(),
    status: agreementStatus('status').notNull().default('proposed'),
    /** Null for the pairs that existed before agreements did (migrations/0024). */
    proposedBy: ref('proposed_by').references(() => users.id),
    decidedBy: ref('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    endedBy: ref('ended_by').references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('agreements_term', sql`${t.endsOn} >= ${t.startsOn}`),
    index('agreements_unit_idx').on(t.unitId, t.id),
    index('agreements_community_idx').on(t.communityId, t.id),
    index('agreements_active_idx').on(t.unitId, t.communityId).where(sql`status = 'active'`),
  ],
);
