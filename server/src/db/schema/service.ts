import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { LEDGER_SOURCES, POST_STATES, RECORD_SOURCES, RECORD_STATES, SEAT_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { users } from './users';
import { pioneerRole, uploads } from './wishes';

export const postStatus = pgEnum('post_status', POST_STATES);
export const seatStatus = pgEnum('seat_status', SEAT_STATES);

/**
 * Service posts (定岗). `seats_taken` counts active seats and changes only together with them,
 * by conditional updates, so `seats_taken <= capacity` (a check constraint) holds under any
 * concurrency.
 */
export const posts = pgTable(
  'posts',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    pioneerRole: pioneerRole('pioneer_role').notNull(),
    capacity: integer('capacity').notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    schedule: text('schedule').notNull(),
    location: text('location').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: postStatus('status').notNull().default('open'),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('posts_seats_within_capacity', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    index('posts_community_idx').on(t.communityId, t.id),
  ],
);

/** Seats on a post (认岗), with the holder's commitment (认岗书). One active seat per member per post. */
export const postSeats = pgTable(
  'post_seats',
  {
    id: idColumn(),
    postId: ref('post_id')
      .notNull()
      .references(() => posts.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    commitment: text('commitment').notNull(),
    status: seatStatus('status').notNull().default('active'),
    removeReason: text('remove_reason'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('post_seats_one_active').on(t.postId, t.memberId).where(sql`status = 'active'`),
    index('post_seats_member_idx').on(t.memberId),
  ],
);

/** 评岗: a score of a holder by staff or a resident, at most one per evaluator, holder and month. */
export const postEvaluations = pgTable(
  'post_evaluations',
  {
    id: idColumn(),
    postId: ref('post_id')
      .notNull()
      .references(() => posts.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    evaluatorId: ref('evaluator_id')
      .notNull()
      .references(() => users.id),
    period: text('period').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('post_evaluations_once_a_month').on(t.postId, t.memberId, t.evaluatorId, t.period),
    check('post_evaluations_score', sql`${t.score} between 1 and 5`),
  ],
);

export const recordStatus = pgEnum('record_status', RECORD_STATES);
export const recordSource = pgEnum('record_source', RECORD_SOURCES);

/** Service records (服务记实). Only verified ones count, for hours and points. */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: idColumn(),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    sourceType: recordSource('source_type').notNull(),
    sourceId: ref('source_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    content: text('content').notNull(),
    beneficiary: text('beneficiary'),
    status: recordStatus('status').notNull().default('pending'),
    rejectReason: text('reject_reason'),
    verifiedBy: ref('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('service_records_minutes', sql`${t.minutes} between 30 and 480`),
    index('service_records_member_idx').on(t.memberId, t.id),
    index('service_records_queue_idx').on(t.communityId, t.status, t.id),
  ],
);

export const recordPhotos = pgTable(
  'record_photos',
  {
    recordId: ref('record_id')
      .notNull()
      .references(() => serviceRecords.id),
    uploadId: ref('upload_id')
      .notNull()
      .references(() => uploads.id),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.uploadId] })],
);

export const ledgerSource = pgEnum('ledger_source', LEDGER_SOURCES);

/** The points ledger (积分): append-only; a record or a wish pays once, by a unique index. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: idColumn(),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    source: ledgerSource('source').notNull(),
    sourceId: ref('source_id'),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_ledger_once_per_source').on(t.source, t.sourceId).where(sql`source <> 'adjustment'`),
    index('points_ledger_member_idx').on(t.memberId, t.id),
  ],
);

/** Households in difficulty (困难群众) that members pair with (结对帮扶). */
export const households = pgTable(
  'households',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    name: text('name').notNull(),
    needs: text('needs').notNull(),
    address: text('address'),
    maxMembers: integer('max_members').notNull().default(1),
    activePairings: integer('active_pairings').notNull().default(0),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('households_pairings_within_max', sql`${t.activePairings} >= 0 and ${t.activePairings} <= ${t.maxMembers}`)],
);

export const pairings = pgTable(
  'pairings',
  {
    id: idColumn(),
    householdId: ref('household_id')
      .notNull()
      .references(() => households.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['active', 'ended'] }).notNull().default('active'),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('pairings_one_active').on(t.householdId, t.memberId).where(sql`status = 'active'`)],
);
