import { and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db';
import { reportReminderMembers, reportReminders, rosterEntries, units } from '../../../db/schema';
import type { UnitRow } from '../../units/service';
import { BATCH_ROWS, defineLedger, type Column } from '../ledger';
import type { Viewer } from '../viewer';

/** Whose 催报 the ledger lists: one reminder of a unit, or all of them (`reminderId` null). */
export interface ReminderScope {
  unit: UnitRow;
  reminderId: number | null;
}

/** A batch of recipients after the (reminder, entry) pair `after`: the newest reminder first, each in roster order. */
async function recipients(db: Db, { unit, reminderId }: ReminderScope, after: { reminder: number; entry: number } | null) {
  return db
    .select({
      reminderId: reportReminderMembers.reminderId,
      entryId: reportReminderMembers.entryId,
      unitId: reportReminders.unitId,
      unit: units.name,
      day: reportReminders.day,
      name: rosterEntries.name,
      phone: rosterEntries.phone,
      branch: rosterEntries.branch,
    })
    .from(reportReminderMembers)
    .innerJoin(reportReminders, eq(reportReminders.id, reportReminderMembers.reminderId))
    .innerJoin(units, eq(units.id, reportReminders.unitId))
    .innerJoin(rosterEntries, eq(rosterEntries.id, reportReminderMembers.entryId))
    .where(
      and(
        eq(reportReminders.unitId, unit.id),
        reminderId === null ? undefined : eq(reportReminderMembers.reminderId, reminderId),
        after === null
          ? undefined
          : or(
              lt(reportReminderMembers.reminderId, after.reminder),
              and(eq(reportReminderMembers.reminderId, after.reminder), gt(reportReminderMembers.entryId, after.entry)),
            ),
      ),
    )
    .orderBy(desc(reportReminderMembers.reminderId), asc(reportReminderMembers.entryId))
    .limit(BATCH_ROWS);
}

/** Keyset batches by the pair (reminder, entry), which `keyset`'s one number cannot carry. */
async function* batchesOf(db: Db, scope: ReminderScope): AsyncGenerator<RecipientRow[]> {
  let after: { reminder: number; entry: number } | null = null;
  for (;;) {
    const rows = await recipients(db, scope, after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < BATCH_ROWS || !last) return;
    after = { reminder: last.reminderId, entry: last.entryId };
  }
}

type RecipientRow = Awaited<ReturnType<typeof recipients>>[number];

const columns = [
  { key: 'unit', header: '单位', width: 20 },
  { key: 'day', header: '日期', width: 12 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'phone', header: '手机号', width: 14 },
  { key: 'branch', header: '支部', width: 16 },
] as const satisfies readonly Column<string>[];

/**
 * 催报名单: who each reminder went to, the unit's unreported members. Not whether each has an
 * account (those with one got an in-app message): a unit never learns that of a phone it lists, only
 * how many (as its figures say). The phone, as in 信息比对, only for whoever may read the roster.
 */
export const reminderLedger = defineLedger({
  columns,
  batches: batchesOf,
  cells: (r: RecipientRow, viewer: Viewer) => ({
    unit: r.unit,
    day: r.day,
    name: r.name,
    phone: viewer.readsRosterOf([r.unitId]) ? r.phone : null,
    branch: r.branch,
  }),
});
