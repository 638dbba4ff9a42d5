import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ACTIVITY_AUDIENCES, ACTIVITY_KINDS, ACTIVITY_ORGANISER_KINDS, ACTIVITY_STATES, SIGNUP_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { gridGroups } from './grid';
import { orgNodes } from './org';
import { serviceRecords } from './service';
import { units } from './units';
import { users } from './users';
import { pioneerRole } from './wishes';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const activityKind = pgEnum('activity_kind', ACTIVITY_KINDS);
export const activityAudience = pgEnum('activity_audience', ACTIVITY_AUDIENCES);
export const activityOrganiserKind = pgEnum('activity_organiser_kind', ACTIVITY_ORGANISER_KINDS);
export const activityStatus = pgEnum('activity_status', ACTIVITY_STATES);
export const signupStatus = pgEnum('activity_signup_status', SIGNUP_STATES);

/**
 * Activities (集体活动). `signed_up` counts the places taken and changes only by conditional updates
 * under the check constraint, so capacity is a hard limit under any concurrency (as post seats are).
 * `secret` derives the check-in code of each 30-second window (never leaves the server).
 */
export const activities = pgTable(
  'activities',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    organiserKind: activityOrganiserKind('organiser_kind').notNull(),
    /** The volunteer team (立体网格) or the paired unit that organises it, by kind. */
    teamId: ref('team_id').references(() => gridGroups.id),
    unitId: ref('unit_id').references(() => units.id),
    publishedBy: ref('published_by')
      .notNull()
      .references(() => users.id),
    kind: activityKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    pioneerRole: pioneerRole('pioneer_role'),
    location: text('location').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    signedUp: integer('signed_up').notNull().default(0),
    audience: activityAudience('audience').notNull().default('community'),
    status: activityStatus('status').notNull().default('published'),
    secret: bytea('secret').notNull(),
    cancelReason: text('cancel_reason'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: ref('confirmed_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activities_places_within_capacity', sql`${t.signedUp} >= 0 and ${t.signedUp} <= ${t.capacity}`),
    check('activities_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'activities_organiser',
      sql`(${t.organiserKind} = 'community' and ${t.teamId} is null and ${t.unitId} is null)
       or (${t.organiserKind} = 'team' and ${t.teamId} is not null and ${t.unitId} is null)
       or (${t.organiserKind} = 'unit' and ${t.unitId} is not null and ${t.teamId} is null)`,
    ),
    // The hall: a community's activities by start.
    index('activities_community_start_idx').on(t.communityId, t.startsAt, t.id),
    index('activities_unit_idx').on(t.unitId).where(sql`unit_id is not null`),
  ],
);

/**
 * Sign-ups: a place (`signed_up`), a place waited for (`waitlisted`, in id order), or given up.
 * One live sign-up per member per activity. Check-in and check-out are stamped on it; the organiser
 * may strike it (with a reason) before confirming, and confirming links the record it became.
 */
export const activitySignups = pgTable(
  'activity_signups',
  {
    id: idColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    status: signupStatus('status').notNull(),
    /** When the place was taken (at sign-up, or when moved up from the waiting list). */
    placedAt: timestamp('placed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    struckReason: text('struck_reason'),
    recordId: ref('record_id').references(() => serviceRecords.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('activity_signups_one_live').on(t.activityId, t.memberId).where(sql`status <> 'cancelled'`),
    // The waiting list in order, and the places.
    index('activity_signups_activity_idx').on(t.activityId, t.status, t.id),
    index('activity_signups_member_idx').on(t.memberId, t.id),
    check('activity_signups_checkout_after_checkin', sql`${t.checkedOutAt} is null or (${t.checkedInAt} is not null and ${t.checkedOutAt} >= ${t.checkedInAt})`),
  ],
);
