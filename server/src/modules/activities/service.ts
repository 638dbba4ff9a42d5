import { and, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import {
  CHECKIN_OPENS_BEFORE_MINUTES,
  activityMachine,
  activityPhase,
  checkinQrText,
  maySignUp,
  parseCheckinInput,
  type Activity,
  type ActivityAction,
  type ActivityState,
  type CheckinCode,
  type CreateActivityBody,
  type SignupResult,
  type UpdateActivityBody,
} from '@huijia/shared';
import type { Database, Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { activities, activitySignups } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/audit';
import { onceForKey } from '../idempotency/idempotency';
import { notify } from '../notifications/notify';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { acceptsCode, currentCode, newActivitySecret } from './checkin-codes';
import { activityMessages, spanOf, type ActivityMessage } from './messages';
import { maySee, organiserFor, relationTo, type Relation } from './organisers';
import { findActivity, lockActivity, readActivity, secretOf, type ActivityRow, type LockedActivity } from './repository';
import { fillPlaces, joinActivity, leaveActivity, liveMembers } from './signups';
import { presentActivity } from './view';

/** The activity as the viewer now receives it (every action's answer). */
export async function presentDetail(tx: Tx, actor: Actor, id: number, now: Date): Promise<Activity> {
  const row = (await findActivity(tx, id, actor.userId))!;
  return presentActivity(row, relationTo(actor, row), now);
}

const MINUTE = 60_000;

const others = (userIds: readonly number[], actor: Actor) => userIds.filter((id) => id !== actor.userId);

const tell = (tx: Tx, userIds: readonly number[], activityId: number, message: ActivityMessage) =>
  notify(tx, [...userIds], { ...message, entity: 'activity', entityId: activityId });

/** A change of the activity, on its trail, in its community. */
const audit = (row: Pick<ActivityRow, 'id' | 'communityPath'>, entry: Omit<AuditEntry, 'entity' | 'entityId' | 'orgPath'>): AuditEntry => ({
  ...entry,
  entity: 'activity',
  entityId: row.id,
  orgPath: row.communityPath,
});

const inPast = () => new AppError(400, 'ACTIVITY_IN_PAST', undefined, [{ path: 'body.startsAt', message: '活动开始时间须晚于现在' }]);

export const stateConflict = (status: ActivityState, message?: string) => new AppError(409, 'ACTIVITY_STATE_CONFLICT', message, { status });

/** What the organiser writes of an activity, on publishing and on each edit; starting after now (400 ACTIVITY_IN_PAST). */
function described(body: UpdateActivityBody, now: Date) {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (startsAt.getTime() <= now.getTime()) throw inPast();
  const { kind, title, description, location, capacity } = body;
  return { kind, title, description, pioneerRole: body.pioneerRole ?? null, location, startsAt, endsAt, capacity };
}

/**
 * `POST /api/activities`: published by the caller in the organiser role they name (403
 * ACTIVITY_ORGANISER_INVALID when they do not hold it there), starting after now, with a secret
 * of its own for its check-in codes; its audit row in the same transaction; once per
 * Idempotency-Key.
 */
export async function publishActivity(db: Db, actor: Actor, community: OrgNodeRow, body: CreateActivityBody, idempotencyKey: string | undefined, now: Date) {
  return onceForKey(db, actor.userId, 'POST /api/activities', idempotencyKey, async (tx) => {
    const organiser = await organiserFor(tx, actor, community, body.organiser);
    const fields = described(body, now);
    const [row] = await tx
      .insert(activities)
      .values({
        communityId: community.id,
        ...organiser,
        publishedBy: actor.userId,
        ...fields,
        audience: body.audience,
        secret: newActivitySecret(),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: activities.id });
    const id = row!.id;
    await recordAudit(
      tx,
      audit(
        { id, communityPath: community.path },
        {
          actorId: actor.userId,
          action: 'activity.publish',
          to: 'published',
          details: {
            kind: body.kind,
            title: body.title,
            capacity: body.capacity,
            startsAt: body.startsAt,
            endsAt: body.endsAt,
            audience: body.audience,
            organiserKind: organiser.organiserKind,
            ...(organiser.teamId === null ? {} : { teamId: organiser.teamId }),
            ...(organiser.unitId === null ? {} : { unitId: organiser.unitId }),
          },
        },
      ),
    );
    return presentDetail(tx, actor, id, now);
  });
}

/** An activity the viewer may see, with who they are to it; anything else is not found. */
export async function loadForViewer(database: Database, actor: Actor, id: string): Promise<{ row: ActivityRow; relation: Relation }> {
  const n = parseId(id);
  const row = n === null ? undefined : await readActivity(database, n, actor.userId);
  if (!row) throw notFound();
  const relation = relationTo(actor, row);
  if (!maySee(row, relation)) throw notFound();
  return { row, relation };
}

export async function getActivity(database: Database, actor: Actor, id: string, now: Date): Promise<Activity> {
  const { row, relation } = await loadForViewer(database, actor, id);
  return presentActivity(row, relation, now);
}

/** 403 for one who is none of an action's actors, worded for what they lack. */
function notAnActor(action: ActivityAction): AppError {
  const actors = activityMachine.transitions[action].actors;
  if (actors.includes('eligible')) return new AppError(403, 'NOT_ELIGIBLE_FOR_ACTIVITY');
  if (actors.includes('participant')) return new AppError(403, 'NOT_SIGNED_UP');
  return forbidden();
}

/**
 * Why the viewer may not take `action` on the activity as it stands, in the order the API answers:
 * 404 when they may not see it, 403 when they are none of its actors (a check-in needs a place,
 * not a place waited for), then 409 for the clock (closed after the start, the check-in window,
 * not yet ended) and for the state; null when they may. The transactions check again what a
 * concurrent change could alter.
 */
function refusal(row: ActivityRow, relation: Relation, action: ActivityAction, now: Date): AppError | null {
  if (!maySee(row, relation)) return notFound();
  if (!relation.actors.some((a) => activityMachine.transitions[action].actors.includes(a))) return notAnActor(action);
  const phase = activityPhase(row.startsAt, row.endsAt, now);
  switch (action) {
    case 'signup':
    case 'cancel':
      if (!maySignUp(row.startsAt, now)) return new AppError(409, 'ACTIVITY_CLOSED');
      break;
    case 'edit':
      if (row.status === 'published' && !maySignUp(row.startsAt, now)) return new AppError(409, 'ACTIVITY_STARTED');
      break;
    case 'callOff':
      if (row.status === 'published' && phase === 'ended') return stateConflict(row.status, '活动已结束，不能再取消');
      break;
    case 'checkin':
    case 'checkout':
      if (row.mine?.status !== 'signed_up') return new AppError(403, 'NOT_SIGNED_UP');
      if (phase !== 'checkin') return new AppError(409, 'CHECKIN_OUTSIDE_WINDOW');
      break;
    case 'strike':
      if (row.status === 'confirmed') return new AppError(409, 'ATTENDANCE_CONFIRMED');
      if (row.status === 'published' && phase !== 'ended') return new AppError(409, 'ACTIVITY_NOT_ENDED');
      break;
    case 'confirm':
      if (row.status === 'published' && phase !== 'ended') return new AppError(409, 'ACTIVITY_NOT_ENDED');
      break;
  }
  return activityMachine.allowsFrom(action, row.status) ? null : stateConflict(row.status);
}

/** The activity, when the viewer may take `action` on it as it stands; else the refusal. */
export async function loadForAction(database: Database, actor: Actor, id: string, action: ActivityAction, now: Date): Promise<ActivityRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await readActivity(database, n, actor.userId);
  if (!row) throw notFound();
  const refused = refusal(row, relationTo(actor, row), action, now);
  if (refused) throw refused;
  return row;
}

/** Sign-ups and cancellations close at the start, and need the activity published: checked again
 *  under the row lock, against what the lock found. */
function lockedRefusal(locked: LockedActivity, now: Date): AppError | null {
  if (!maySignUp(locked.startsAt, now)) return new AppError(409, 'ACTIVITY_CLOSED');
  return locked.status === 'published' ? null : stateConflict(locked.status);
}

/**
 * 报名: a place while places remain, else the end of the waiting list, in the order sign-ups reach
 * the activity's row lock. A second live sign-up of the same member is refused by the partial
 * unique index (409 ALREADY_SIGNED_UP), and its transaction leaves the count as it was.
 */
export async function signUp(database: Database, actor: Actor, id: string, now: Date): Promise<SignupResult> {
  const row = await loadForAction(database, actor, id, 'signup', now);
  try {
    return await database.db.transaction(async (tx) => {
      const refused = lockedRefusal(await lockActivity(tx, row.id), now);
      if (refused) throw refused;
      const { placed } = await joinActivity(tx, row.id, actor.userId, now);
      await recordAudit(
        tx,
        audit(row, { actorId: actor.userId, action: placed ? 'activity.signup' : 'activity.waitlist', to: placed ? 'signed_up' : 'waitlisted', details: { memberId: actor.userId } }),
      );
      const activity = await presentDetail(tx, actor, row.id, now);
      return { waitlisted: !placed, position: activity.mySignup?.position ?? null, activity };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'activity_signups_one_live')) throw new AppError(409, 'ALREADY_SIGNED_UP');
    throw err;
  }
}

/** Audit rows and messages for members moved up from the waiting list (by nobody: the rule did it). */
async function promoted(tx: Tx, row: ActivityRow, moved: readonly { memberId: number }[], span: string, location: string): Promise<void> {
  if (moved.length === 0) return;
  await recordAudits(
    tx,
    moved.map((m) => audit(row, { actorId: null, action: 'activity.promote', from: 'waitlisted', to: 'signed_up', details: { memberId: m.memberId } })),
  );
  await tell(
    tx,
    moved.map((m) => m.memberId),
    row.id,
    activityMessages.promoted(row.title, span, location),
  );
}

/** 取消报名, before the start: a place given up goes to the first who waits, in the same transaction. */
export async function cancelSignup(database: Database, actor: Actor, id: string, now: Date): Promise<Activity> {
  const row = await loadForAction(database, actor, id, 'cancel', now);
  return database.db.transaction(async (tx) => {
    const refused = lockedRefusal(await lockActivity(tx, row.id), now);
    if (refused) throw refused;
    const left = await leaveActivity(tx, row.id, actor.userId, now);
    if (!left) throw new AppError(403, 'NOT_SIGNED_UP');
    await recordAudit(tx, audit(row, { actorId: actor.userId, action: 'activity.cancel', from: left.was, to: 'cancelled', details: { memberId: actor.userId } }));
    await promoted(tx, row, left.promoted, spanOf(row.startsAt, row.endsAt), row.location);
    return presentDetail(tx, actor, row.id, now);
  });
}

/**
 * The organiser edits before the start (409 ACTIVITY_STARTED after), never below the places taken
 * (409 ACTIVITY_CAPACITY_BELOW_SIGNUPS); places added go to the waiting list in order, and
 * everyone signed up or waiting is told.
 */
export async function editActivity(database: Database, actor: Actor, id: string, body: UpdateActivityBody, now: Date): Promise<Activity> {
  const row = await loadForAction(database, actor, id, 'edit', now);
  const fields = described(body, now);
  const { startsAt, endsAt } = fields;
  return database.db.transaction(async (tx) => {
    const locked = await lockActivity(tx, row.id);
    if (locked.status !== 'published') throw stateConflict(locked.status);
    if (!maySignUp(locked.startsAt, now)) throw new AppError(409, 'ACTIVITY_STARTED');
    if (body.capacity < locked.signedUp) throw new AppError(409, 'ACTIVITY_CAPACITY_BELOW_SIGNUPS', undefined, { signedUp: locked.signedUp });
    await tx
      .update(activities)
      .set({ ...fields, updatedAt: now })
      .where(eq(activities.id, row.id));
    // Check-in opens before the start, when edits are still allowed: a check-in made before the
    // new time's window would count for an activity its member was not at.
    await tx
      .update(activitySignups)
      .set({ checkedInAt: null, checkedOutAt: null })
      .where(and(eq(activitySignups.activityId, row.id), lt(activitySignups.checkedInAt, new Date(startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE))));
    const moved = await fillPlaces(tx, row.id, body.capacity - locked.signedUp, now);
    await recordAudit(
      tx,
      audit(row, {
        actorId: actor.userId,
        action: 'activity.edit',
        details: { title: body.title, capacity: body.capacity, startsAt: body.startsAt, endsAt: body.endsAt, location: body.location, promoted: moved.length },
      }),
    );
    const span = spanOf(startsAt, endsAt);
    await promoted(tx, { ...row, title: body.title }, moved, span, body.location);
    await tell(tx, others(await liveMembers(tx, row.id), actor), row.id, activityMessages.changed(body.title, span, body.location));
    return presentDetail(tx, actor, row.id, now);
  });
}

/** 取消活动, until its end, with the reason; everyone signed up or waiting is told. */
export async function callOffActivity(database: Database, actor: Actor, id: string, reason: string, now: Date): Promise<Activity> {
  const row = await loadForAction(database, actor, id, 'callOff', now);
  return database.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(activities)
      .set({ status: 'called_off', cancelReason: reason, updatedAt: now })
      .where(and(eq(activities.id, row.id), eq(activities.status, 'published'), gte(activities.endsAt, now)))
      .returning({ id: activities.id });
    if (!changed) {
      const [current] = await tx.select({ status: activities.status }).from(activities).where(eq(activities.id, row.id));
      throw stateConflict(current!.status, current!.status === 'published' ? '活动已结束，不能再取消' : undefined);
    }
    await recordAudit(tx, audit(row, { actorId: actor.userId, action: 'activity.call_off', from: 'published', to: 'called_off', details: { reason } }));
    await tell(tx, others(await liveMembers(tx, row.id), actor), row.id, activityMessages.calledOff(row.title, reason));
    return presentDetail(tx, actor, row.id, now);
  });
}

/** `GET /api/activities/:id/checkin-code`: the organiser's code of this window, inside the check-in
 *  window only, with the live counts of places, check-ins and check-outs. */
export async function checkinCodeOf(database: Database, actor: Actor, id: string, now: Date): Promise<CheckinCode> {
  const { row, relation } = await loadForViewer(database, actor, id);
  if (!relation.organiser) throw forbidden();
  if (activityPhase(row.startsAt, row.endsAt, now) !== 'checkin') throw new AppError(409, 'CHECKIN_OUTSIDE_WINDOW');
  if (row.status !== 'published') throw stateConflict(row.status);
  const { code, expiresAt } = currentCode(await secretOf(database.db, row.id), now);
  const [counts] = await database.db
    .select({
      checkedIn: sql<number>`count(*) filter (where ${activitySignups.checkedInAt} is not null)::int`,
      checkedOut: sql<number>`count(*) filter (where ${activitySignups.checkedOutAt} is not null)::int`,
    })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, row.id), eq(activitySignups.status, 'signed_up')));
  return {
    code,
    qr: checkinQrText(String(row.id), code),
    expiresAt: expiresAt.toISOString(),
    signedUp: row.signedUp,
    checkedIn: counts?.checkedIn ?? 0,
    checkedOut: counts?.checkedOut ?? 0,
  };
}

const codeInvalid = () => new AppError(409, 'CHECKIN_CODE_INVALID');

/** Why a check-in or check-out stamped nothing, from the member's sign-up as it now is. */
async function notStamped(tx: Tx, activityId: number, memberId: number, direction: 'checkin' | 'checkout'): Promise<AppError> {
  const [signup] = await tx
    .select({ checkedInAt: activitySignups.checkedInAt, checkedOutAt: activitySignups.checkedOutAt })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.memberId, memberId), eq(activitySignups.status, 'signed_up')));
  if (!signup) return new AppError(403, 'NOT_SIGNED_UP');
  if (direction === 'checkin' && signup.checkedInAt) return new AppError(409, 'ALREADY_CHECKED_IN');
  if (direction === 'checkout' && !signup.checkedInAt) return new AppError(409, 'NOT_CHECKED_IN');
  if (direction === 'checkout' && signup.checkedOutAt) return new AppError(409, 'ALREADY_CHECKED_OUT');
  const [current] = await tx.select({ status: activities.status }).from(activities).where(eq(activities.id, activityId));
  return stateConflict(current!.status);
}

/**
 * 签到 and 签退 with the code on the organiser's screen, typed or scanned (`parseCheckinInput`):
 * a QR code of another activity is refused as such, and a code is good for its window and the one
 * before. Each is stamped once, by a conditional update, while the activity is published.
 */
export async function stampAttendance(database: Database, actor: Actor, id: string, input: string, direction: 'checkin' | 'checkout', now: Date): Promise<Activity> {
  const row = await loadForAction(database, actor, id, direction, now);
  const parsed = parseCheckinInput(input);
  if (!parsed) throw codeInvalid();
  if (parsed.activityId !== null && Number(parsed.activityId) !== row.id) throw new AppError(409, 'CHECKIN_WRONG_ACTIVITY');
  if (!acceptsCode(await secretOf(database.db, row.id), parsed.code, now)) throw codeInvalid();
  const at = now.toISOString();
  return database.db.transaction(async (tx) => {
    const published = sql`exists (select from activities a where a.id = ${activitySignups.activityId} and a.status = 'published')`;
    const mine = and(eq(activitySignups.activityId, row.id), eq(activitySignups.memberId, actor.userId), eq(activitySignups.status, 'signed_up'), published);
    const [stamped] =
      direction === 'checkin'
        ? await tx
            .update(activitySignups)
            .set({ checkedInAt: now })
            .where(and(mine, isNull(activitySignups.checkedInAt)))
            .returning({ id: activitySignups.id })
        : await tx
            .update(activitySignups)
            // Never before the check-in, whatever the clock says.
            .set({ checkedOutAt: sql`greatest(${at}::timestamptz, ${activitySignups.checkedInAt})` })
            .where(and(mine, isNotNull(activitySignups.checkedInAt), isNull(activitySignups.checkedOutAt)))
            .returning({ id: activitySignups.id });
    if (!stamped) throw await notStamped(tx, row.id, actor.userId, direction);
    await recordAudit(tx, audit(row, { actorId: actor.userId, action: `activity.${direction}`, details: { memberId: actor.userId } }));
    return presentDetail(tx, actor, row.id, now);
  });
}
