import { date, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, ref } from './columns';
import { units } from './units';
import { users } from './users';

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

/**
 * 催报: one reminder per unit per day (China's calendar day), to every member on its roster who has
 * not reported; the unique key is the daily limit, under any concurrency.
 */
export const reportReminders = pgTable(
  'report_reminders',
  {
    id: idColumn(),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    /** The day in China (UTC+8) it was sent. */
    day: date('day').notNull(),
    sentBy: ref('sent_by')
      .notNull()
      .references(() => users.id),
    /** Members told in the app; members on the roster with no account yet cannot be. */
    reminded: integer('reminded').notNull(),
    withoutAccount: integer('without_account').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('report_reminders_unit_day_key').on(t.unitId, t.day)],
);

/** Who a reminder went to (the roster entry; the account when there is one): what the export lists. */
export const reportReminderMembers = pgTable(
  'report_reminder_members',
  {
    reminderId: ref('reminder_id')
      .notNull()
      .references(() => reportReminders.id),
    entryId: ref('entry_id')
      .notNull()
      .references(() => rosterEntries.id),
    userId: ref('user_id').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.reminderId, t.entryId] })],
);
