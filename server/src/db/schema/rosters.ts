import { index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, ref } from './columns';
import { units } from './units';

/**
 * A unit's roster of in-service members (name, phone, party branch). Whoever has an account with a
 * phone on a roster holds the `member` role: it is derived by phone at query time, so it holds
 * whichever of the account and the roster row came first.
 */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: idColumn(),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    branch: text('branch'),
    /** Left the roster (离开名册): by a replacing import that no longer lists them, or one at a
     *  time with a reason. Never deleted: history and past figures keep them. A later import that
     *  lists them again brings them back (clears it). */
    departedAt: timestamp('departed_at', { withTimezone: true }),
    departReason: text('depart_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('roster_entries_unit_phone_key').on(t.unitId, t.phone), index('roster_entries_phone_idx').on(t.phone)],
);
