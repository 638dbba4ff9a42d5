import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { SignupState } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { activities, activitySignups } from '../../db/schema';

/**
 * Places and the waiting list (报名与候补). Every function here runs in a transaction that holds the
 * activity's row lock (`lockActivity`): sign-ups, cancellations and edits of one activity take
 * turns, so a sign-up's id is its place in the order of arrival, the waiting list is the waitlisted
 * sign-ups in id order, and a place given up goes to exactly the first of them. `signed_up` rises
 * only by a conditional update under the table's capacity check, the hard limit whatever happens.
 */

/** A new sign-up: a place while places remain, else the end of the waiting list. One live sign-up
 *  per member is the partial unique index's to guarantee (`activity_signups_one_live`). */
export async function joinActivity(tx: Tx, activityId: number, memberId: number, now: Date): Promise<{ signupId: number; placed: boolean }> {
  const [placed] = await tx
    .update(activities)
    .set({ signedUp: sql`${activities.signedUp} + 1` })
    .where(and(eq(activities.id, activityId), eq(activities.status, 'published'), lt(activities.signedUp, activities.capacity)))
    .returning({ id: activities.id });
  const [signup] = await tx
    .insert(activitySignups)
    .values({ activityId, memberId, status: placed ? 'signed_up' : 'waitlisted', placedAt: placed ? now : null, createdAt: now })
    .returning({ id: activitySignups.id });
  return { signupId: signup!.id, placed: placed !== undefined };
}

/** Moves the first `places` of the waiting list up, in order of arrival; answers who moved. The
 *  caller counts them in `signed_up`. */
async function moveUp(tx: Tx, activityId: number, places: number, now: Date): Promise<{ signupId: number; memberId: number }[]> {
  if (places <= 0) return [];
  const rows = await rowsOf<{ id: unknown; memberId: unknown }>(
    tx,
    sql`update activity_signups s set status = 'signed_up', placed_at = ${now.toISOString()}::timestamptz
        where s.id in (select w.id from activity_signups w where w.activity_id = ${activityId} and w.status = 'waitlisted' order by w.id limit ${places})
        returning s.id, s.member_id as "memberId"`,
  );
  return rows.map((r) => ({ signupId: Number(r.id), memberId: Number(r.memberId) })).sort((a, b) => a.signupId - b.signupId);
}

/**
 * A member gives up their sign-up: a waitlisted one just leaves; a place given up goes to the first
 * on the waiting list, or is freed when nobody waits. Null when they have no live sign-up.
 */
export async function leaveActivity(
  tx: Tx,
  activityId: number,
  memberId: number,
  now: Date,
): Promise<{ signupId: number; was: SignupState; promoted: { signupId: number; memberId: number }[] } | null> {
  const [left] = await rowsOf<{ id: unknown; was: SignupState }>(
    tx,
    sql`update activity_signups s set status = 'cancelled', cancelled_at = ${now.toISOString()}::timestamptz
        from (select id, status from activity_signups where activity_id = ${activityId} and member_id = ${memberId} and status <> 'cancelled') old
        where s.id = old.id
        returning s.id, old.status as was`,
  );
  if (!left) return null;
  const promoted = left.was === 'signed_up' ? await moveUp(tx, activityId, 1, now) : [];
  if (left.was === 'signed_up' && promoted.length === 0) {
    await tx.update(activities).set({ signedUp: sql`${activities.signedUp} - 1` }).where(eq(activities.id, activityId));
  }
  return { signupId: Number(left.id), was: left.was, promoted };
}

/** After capacity grew: the waiting list moves up into the new places, in order. */
export async function fillPlaces(tx: Tx, activityId: number, free: number, now: Date): Promise<{ signupId: number; memberId: number }[]> {
  const promoted = await moveUp(tx, activityId, free, now);
  if (promoted.length > 0) {
    await tx
      .update(activities)
      .set({ signedUp: sql`${activities.signedUp} + ${promoted.length}` })
      .where(eq(activities.id, activityId));
  }
  return promoted;
}

/** Everyone signed up or waiting: whom a change of the activity concerns. */
export async function liveMembers(tx: Tx, activityId: number): Promise<number[]> {
  const rows = await tx
    .select({ memberId: activitySignups.memberId })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), inArray(activitySignups.status, ['signed_up', 'waitlisted'])));
  return rows.map((r) => r.memberId);
}
