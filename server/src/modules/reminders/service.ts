import { and, desc, eq, like, lt, sql, type SQL } from 'drizzle-orm';
import { reminderDay, type ListEnvelope, type OrgRemindersResult, type Reminder, type ReminderListQuery } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { rowsOf } from '../../db/raw';
import { arrayLiteral, nums } from '../../db/statement';
import { orgNodes, reportReminders, units, users } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import { recordAudits } from '../audit/audit';
import { notifyEach } from '../notifications/notify';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import type { UnitRow } from '../units/service';

/** Messages are written this many to a statement: its parameters stay well under PostgreSQL's limit. */
const MESSAGES_PER_INSERT = 1_000;

/** What a member with an account reads. */
const reminderMessage = (unitName: string) => ({
  kind: 'report.reminded',
  title: '报到提醒',
  body: `您所在单位（${unitName}）提醒您尽快到居住社区报到`,
});

/** A reminder just written, with the accounts it went to. */
interface Sent {
  id: number;
  unitId: number;
  reminded: number;
  withoutAccount: number;
  userIds: number[];
}

/**
 * 催报 for some units, on `day`, in statements whose number does not grow with the units: in one
 * statement, who is unreported on each roster (not departed, and their phone has no account with a
 * confirmed report: a pending report is not one, a pending transfer stands beside the confirmed
 * report it would replace), each unit's reminder with its counts, and its recipients (roster entry,
 * account if any); then a message to each recipient with an account, and an audit row per unit.
 *
 * The unique key (unit, day) is the daily limit. `refuse`: a unit reminded today already fails the
 * statement with a unique violation (the caller answers 409). `skip`: such units are left out
 * (`on conflict do nothing`, which under concurrency waits for the other transaction and then
 * skips), and so are units with nobody to remind. Units are inserted in id order, so that two
 * overlapping runs never wait on each other crosswise.
 */
async function sendReminders(
  tx: Tx,
  actorId: number,
  targets: readonly Pick<UnitRow, 'id' | 'name' | 'orgPath'>[],
  day: string,
  mode: 'refuse' | 'skip',
  details: Record<string, unknown> = {},
): Promise<{ sent: Sent[]; candidates: number }> {
  if (targets.length === 0) return { sent: [], candidates: 0 };
  const unitIds = arrayLiteral(targets.map((u) => u.id));
  const skip = mode === 'skip';
  // Each member's account and confirmed report looked up by index (phone, then member), as the
  // units' figures do (rosters/figures.ts): a join would hash every account of the city.
  const rows = await rowsOf<{ candidates: number; id: unknown; unit_id: unknown; reminded: number | null; without_account: number | null; user_ids: unknown }>(
    tx,
    sql`with recipients as materialized (
          select e.unit_id, e.id as entry_id, (select u.id from users u where u.phone = e.phone) as user_id
            from roster_entries e
           where e.unit_id = any(${unitIds}::bigint[]) and e.departed_at is null
             and not exists (select 1 from users u join reports r on r.member_id = u.id and r.status = 'confirmed' where u.phone = e.phone)
        ),
        sent as (
          insert into report_reminders (unit_id, day, sent_by, reminded, without_account)
          select t.unit_id, ${day}::date, ${actorId}, count(r.user_id)::int, (count(r.entry_id) - count(r.user_id))::int
            from unnest(${unitIds}::bigint[]) as t(unit_id)
            left join recipients r on r.unit_id = t.unit_id
           group by t.unit_id
           ${skip ? sql`having count(r.entry_id) > 0` : sql``}
           order by t.unit_id
          ${skip ? sql`on conflict on constraint report_reminders_unit_day_key do nothing` : sql``}
          returning id, unit_id, reminded, without_account
        ),
        listed as (
          insert into report_reminder_members (reminder_id, entry_id, user_id)
          select s.id, r.entry_id, r.user_id from sent s join recipients r on r.unit_id = s.unit_id
          returning reminder_id, user_id
        ),
        accounts as (
          select reminder_id, array_agg(user_id order by user_id) as user_ids from listed where user_id is not null group by reminder_id
        )
        select (select count(distinct unit_id) from recipients)::int as candidates,
               s.id, s.unit_id, s.reminded, s.without_account, coalesce(a.user_ids, '{}') as user_ids
          from (select 1) as one
          left join sent s on true
          left join accounts a on a.reminder_id = s.id`,
  );
  const sent: Sent[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({ id: Number(r.id), unitId: Number(r.unit_id), reminded: Number(r.reminded), withoutAccount: Number(r.without_account), userIds: nums(r.user_ids) }));

  const unitOf = new Map(targets.map((u) => [u.id, u]));
  const messages = sent.flatMap((s) =>
    s.userIds.map((userId) => ({ userId, ...reminderMessage(unitOf.get(s.unitId)!.name), entity: 'report_reminder', entityId: s.id })),
  );
  for (let i = 0; i < messages.length; i += MESSAGES_PER_INSERT) await notifyEach(tx, messages.slice(i, i + MESSAGES_PER_INSERT));
  await recordAudits(
    tx,
    sent.map((s) => ({
      actorId,
      action: 'report.remind',
      entity: 'unit',
      entityId: s.unitId,
      details: { ...details, reminderId: s.id, reminded: s.reminded, withoutAccount: s.withoutAccount },
      orgPath: unitOf.get(s.unitId)!.orgPath,
    })),
  );
  return { sent, candidates: Number(rows[0]?.candidates ?? 0) };
}

/** Reminders as the API answers them, of one unit (keyset, newest first) or by id. */
function selectReminders(tx: Tx, where: SQL | undefined) {
  return tx
    .select({
      id: reportReminders.id,
      unitId: reportReminders.unitId,
      unitName: units.name,
      day: reportReminders.day,
      createdAt: reportReminders.createdAt,
      sentByName: users.name,
      reminded: reportReminders.reminded,
      withoutAccount: reportReminders.withoutAccount,
    })
    .from(reportReminders)
    .innerJoin(units, eq(units.id, reportReminders.unitId))
    .innerJoin(users, eq(users.id, reportReminders.sentBy))
    .where(where)
    .orderBy(desc(reportReminders.id));
}

type ReminderRow = Awaited<ReturnType<typeof selectReminders>>[number];

const toReminder = (r: ReminderRow): Reminder => ({
  id: String(r.id),
  unitId: String(r.unitId),
  unitName: r.unitName,
  day: r.day,
  sentAt: r.createdAt.toISOString(),
  sentByName: r.sentByName,
  reminded: r.reminded,
  withoutAccount: r.withoutAccount,
});

/**
 * `POST /api/units/:id/reminders`: 催报 of one unit's unreported members, today (China's day of
 * `now`). A second one the same day is 409 `REMINDED_TODAY`, decided by the unique key: two at once
 * both try, and the database lets one through.
 */
export async function remindUnit(db: Db, actorId: number, unit: UnitRow, now: Date): Promise<Reminder> {
  try {
    return await db.transaction(async (tx) => {
      const { sent } = await sendReminders(tx, actorId, [unit], reminderDay(now), 'refuse');
      const [row] = await selectReminders(tx, eq(reportReminders.id, sent[0]!.id));
      return toReminder(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'report_reminders_unit_day_key')) throw new AppError(409, 'REMINDED_TODAY');
    throw err;
  }
}

/**
 * `POST /api/orgs/:id/reminders`: a district's 催报 of every unit registered at or below the node,
 * in one transaction. Units reminded today already, by their own admin or another run, are
 * skipped; units whose members have all reported are left alone (a reminder of nobody would only
 * use up the unit's day).
 */
export async function remindUnitsBelow(db: Db, actorId: number, node: OrgNodeRow, now: Date): Promise<OrgRemindersResult> {
  return db.transaction(async (tx) => {
    const below = await tx
      .select({ id: units.id, name: units.name, orgPath: orgNodes.path })
      .from(units)
      .innerJoin(orgNodes, eq(orgNodes.id, units.orgId))
      .where(like(orgNodes.path, `${node.path}%`));
    const { sent, candidates } = await sendReminders(tx, actorId, below, reminderDay(now), 'skip', { orgId: node.id });
    return {
      units: sent.length,
      skipped: candidates - sent.length,
      reminded: sent.reduce((n, s) => n + s.reminded, 0),
      withoutAccount: sent.reduce((n, s) => n + s.withoutAccount, 0),
    };
  });
}

/** `GET /api/units/:id/reminders`: the unit's reminders, newest first, keyset by id. */
export async function listReminders(db: Tx, unit: UnitRow, query: ReminderListQuery): Promise<ListEnvelope<Reminder>> {
  const before = parseCursor(query.cursor);
  const rows = await selectReminders(db, and(eq(reportReminders.unitId, unit.id), before === null ? undefined : lt(reportReminders.id, before))).limit(query.limit + 1);
  const { rows: items, nextCursor } = page(rows, query.limit, (r) => r.id);
  return { items: items.map(toReminder), nextCursor };
}

/** One of the unit's reminders (what its ledger lists), or 404. */
export async function getReminder(db: Tx, unit: UnitRow, id: string): Promise<Reminder> {
  const n = parseId(id);
  const [row] = n === null ? [] : await selectReminders(db, and(eq(reportReminders.id, n), eq(reportReminders.unitId, unit.id)));
  if (!row) throw notFound();
  return toReminder(row);
}
