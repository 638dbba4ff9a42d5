import { and, asc, eq, sql } from 'drizzle-orm';
import {
  RECORD_UNIT_MINUTES,
  activityPhase,
  attendedMinutes,
  pointsForMinutes,
  type AttendanceList,
  type confirmAttendanceResultSchema,
} from '@huijia/shared';
import type { z } from 'zod';
import type { Database, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { activities, activitySignups, serviceRecords, users } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit, recordAudits } from '../audit/audit';
import { notify, notifyEach } from '../notifications/notify';
import { parseId } from '../orgs/service';
import { payEachOnce } from '../points/ledger';
import type { Actor } from '../users/actor';
import { activityMessages } from './messages';
import { lockActivity, type ActivityRow } from './repository';
import { loadForAction, loadForViewer, presentDetail, stateConflict } from './service';

/** One place of an activity with its check-in and check-out (考勤). */
interface AttendanceRow {
  signupId: number;
  memberId: number;
  memberName: string;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  struckReason: string | null;
  recordId: number | null;
}

/** Everyone with a place, in the order they took it. */
function attendanceRows(tx: Tx, activityId: number): Promise<AttendanceRow[]> {
  return tx
    .select({
      signupId: activitySignups.id,
      memberId: activitySignups.memberId,
      memberName: users.name,
      checkedInAt: activitySignups.checkedInAt,
      checkedOutAt: activitySignups.checkedOutAt,
      struckReason: activitySignups.struckReason,
      recordId: activitySignups.recordId,
    })
    .from(activitySignups)
    .innerJoin(users, eq(users.id, activitySignups.memberId))
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, 'signed_up')))
    .orderBy(asc(activitySignups.id));
}

type Window = Pick<ActivityRow, 'startsAt' | 'endsAt'>;

/** What an attendance counts for: nothing once struck, else the time inside the activity's window. */
const minutesOf = (window: Window, a: AttendanceRow) => (a.struckReason === null ? attendedMinutes(window, a.checkedInAt, a.checkedOutAt) : 0);

/** The list the organiser confirms: who came (not struck), who never checked in; a member who never
 *  checked out is flagged once it has ended (counted to the end). */
function describe(row: ActivityRow, rows: AttendanceRow[], now: Date): AttendanceList {
  const ended = activityPhase(row.startsAt, row.endsAt, now) === 'ended';
  return {
    items: rows.map((a) => ({
      memberId: String(a.memberId),
      memberName: a.memberName,
      checkedInAt: a.checkedInAt?.toISOString() ?? null,
      checkedOutAt: a.checkedOutAt?.toISOString() ?? null,
      noCheckout: ended && a.checkedInAt !== null && a.checkedOutAt === null,
      minutes: minutesOf(row, a),
      struckReason: a.struckReason,
      recordId: a.recordId === null ? null : String(a.recordId),
    })),
    attended: rows.filter((a) => a.checkedInAt !== null && a.struckReason === null).length,
    noShows: rows.filter((a) => a.checkedInAt === null).length,
  };
}

/** `GET /api/activities/:id/attendance`: its organisers, and (read only) those who oversee it. */
export async function attendanceOf(database: Database, actor: Actor, id: string, now: Date): Promise<AttendanceList> {
  const { row, relation } = await loadForViewer(database, actor, id);
  if (!relation.organiser && !relation.oversees) throw forbidden();
  return describe(row, await attendanceRows(database.db, row.id), now);
}

/**
 * The organiser strikes one attendance with a reason, after the end and before confirming (the
 * activity's row lock orders it against a confirmation); the member is told why.
 */
export async function strikeAttendance(database: Database, actor: Actor, id: string, body: { memberId: string; reason: string }, now: Date): Promise<AttendanceList> {
  const row = await loadForAction(database, actor, id, 'strike', now);
  const memberId = parseId(body.memberId);
  if (memberId === null) throw notFound();
  return database.db.transaction(async (tx) => {
    const locked = await lockActivity(tx, row.id);
    if (locked.status === 'confirmed') throw new AppError(409, 'ATTENDANCE_CONFIRMED');
    if (locked.status !== 'published') throw stateConflict(locked.status);
    const [struck] = await tx
      .update(activitySignups)
      .set({ struckReason: body.reason })
      .where(and(eq(activitySignups.activityId, row.id), eq(activitySignups.memberId, memberId), eq(activitySignups.status, 'signed_up')))
      .returning({ id: activitySignups.id });
    if (!struck) throw notFound();
    await recordAudit(tx, { actorId: actor.userId, action: 'activity.strike', entity: 'activity', entityId: row.id, details: { memberId, reason: body.reason }, orgPath: row.communityPath });
    await notify(tx, memberId, { ...activityMessages.struck(row.title, body.reason), entity: 'activity', entityId: row.id });
    return describe(row, await attendanceRows(tx, row.id), now);
  });
}

/** A record an attendance becomes: the time counted, inside the window. */
interface Counted {
  attendance: AttendanceRow;
  minutes: number;
  startedAt: Date;
  endedAt: Date;
}

function counted(window: Window, rows: AttendanceRow[]): Counted[] {
  return rows.flatMap((a) => {
    const minutes = minutesOf(window, a);
    if (minutes < RECORD_UNIT_MINUTES) return [];
    const startedAt = new Date(Math.max(a.checkedInAt!.getTime(), window.startsAt.getTime()));
    const endedAt = new Date(Math.min((a.checkedOutAt ?? window.endsAt).getTime(), window.endsAt.getTime()));
    return [{ attendance: a, minutes, startedAt, endedAt }];
  });
}

/**
 * 确认时长, after the end, in one transaction: the activity moves published → confirmed by a
 * conditional update (a second or concurrent confirmation is 409 and writes nothing), then every
 * attendance not struck that counts at least half an hour becomes a verified service record of the
 * activity, linked to its sign-up and paid once through the ledger (each record its own source);
 * each member is told their hours. The confirming organiser's own attendance is written pending,
 * for the community's staff to verify: nobody verifies their own service.
 */
export async function confirmAttendance(database: Database, actor: Actor, id: string, now: Date): Promise<z.infer<typeof confirmAttendanceResultSchema>> {
  const row = await loadForAction(database, actor, id, 'confirm', now);
  return database.db.transaction(async (tx) => {
    const [confirmed] = await tx
      .update(activities)
      .set({ status: 'confirmed', confirmedAt: now, confirmedBy: actor.userId, updatedAt: now })
      .where(and(eq(activities.id, row.id), eq(activities.status, 'published'), sql`${activities.endsAt} < ${now.toISOString()}::timestamptz`))
      .returning({ id: activities.id });
    if (!confirmed) {
      const [current] = await tx.select({ status: activities.status }).from(activities).where(eq(activities.id, row.id));
      throw current!.status === 'published' ? new AppError(409, 'ACTIVITY_NOT_ENDED') : stateConflict(current!.status);
    }
    const sessions = counted(row, await attendanceRows(tx, row.id));
    const content = `参加活动：${row.title}`;
    const written = sessions.length
      ? await tx
          .insert(serviceRecords)
          .values(
            sessions.map((s) => {
              const own = s.attendance.memberId === actor.userId;
              return {
                memberId: s.attendance.memberId,
                communityId: row.communityId,
                sourceType: 'activity' as const,
                sourceId: row.id,
                startedAt: s.startedAt,
                endedAt: s.endedAt,
                minutes: s.minutes,
                content,
                status: own ? ('pending' as const) : ('verified' as const),
                verifiedBy: own ? null : actor.userId,
                verifiedAt: own ? null : now,
                createdAt: now,
              };
            }),
          )
          .returning({ id: serviceRecords.id, memberId: serviceRecords.memberId, status: serviceRecords.status })
      : [];
    const recordOf = new Map(written.map((r) => [r.memberId, r]));
    const records = sessions.map((s) => ({ ...s, record: recordOf.get(s.attendance.memberId)! }));
    if (records.length > 0) {
      await rowsOf(
        tx,
        sql`update activity_signups s set record_id = v.record_id
            from (values ${sql.join(
              records.map((r) => sql`(${r.attendance.signupId}::bigint, ${r.record.id}::bigint)`),
              sql`, `,
            )}) as v(signup_id, record_id)
            where s.id = v.signup_id`,
      );
    }
    const verified = records.filter((r) => r.record.status === 'verified');
    await payEachOnce(
      tx,
      verified.map((r) => ({
        memberId: r.attendance.memberId,
        communityId: row.communityId,
        source: 'record' as const,
        sourceId: r.record.id,
        points: pointsForMinutes(r.minutes),
        reason: `参加活动「${row.title}」服务 ${r.minutes / 60} 小时`,
        createdBy: actor.userId,
      })),
    );
    const minutes = records.reduce((sum, r) => sum + r.minutes, 0);
    await recordAudits(tx, [
      { actorId: actor.userId, action: 'activity.confirm', entity: 'activity', entityId: row.id, from: 'published', to: 'confirmed', details: { records: records.length, minutes }, orgPath: row.communityPath },
      ...records.map((r) => ({
        actorId: actor.userId,
        action: r.record.status === 'verified' ? 'record.verify' : 'record.create',
        entity: 'record',
        entityId: r.record.id,
        to: r.record.status,
        details: { minutes: r.minutes, activityId: row.id },
        orgPath: row.communityPath,
      })),
    ]);
    await notifyEach(
      tx,
      records.map((r) => ({
        userId: r.attendance.memberId,
        ...(r.record.status === 'verified' ? activityMessages.confirmed(row.title, r.minutes) : activityMessages.confirmedForOrganiser(row.title, r.minutes)),
        entity: 'activity',
        entityId: row.id,
      })),
    );
    return { records: records.length, minutes, activity: await presentDetail(tx, actor, row.id, now) };
  });
}
