import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { OPINION_CATEGORIES, OPINION_LEVELS, OPINION_SOURCES, OPINION_STATES, OPINION_STEP_ACTIONS, SATISFACTIONS } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { uploads } from './wishes';
import { users } from './users';

export const opinionLevel = pgEnum('opinion_level', OPINION_LEVELS);
export const opinionStatus = pgEnum('opinion_status', OPINION_STATES);
export const opinionCategory = pgEnum('opinion_category', OPINION_CATEGORIES);
export const opinionSource = pgEnum('opinion_source', OPINION_SOURCES);
export const opinionSatisfaction = pgEnum('opinion_satisfaction', SATISFACTIONS);
export const opinionStepAction = pgEnum('opinion_step_action', OPINION_STEP_ACTIONS);

/**
 * 民情 (opinions) and their way up 四议一呼. `level` is where it stands (open) or where it was
 * resolved or closed; `level_reached` the highest it went, whose holders and those below it see
 * the reporter's contact. It changes only by conditional updates on (status, level), so of two
 * holders acting at once one wins. `due_at` is the current level's deadline for a first answer.
 */
export const opinions = pgTable(
  'opinions',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    /** A compound or building of the community. */
    placeId: ref('place_id').references(() => orgNodes.id),
    category: opinionCategory('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    source: opinionSource('source').notNull(),
    /** Who raised it in the app, or the worker who logged it (社情民意搜集本). */
    reporterId: ref('reporter_id')
      .notNull()
      .references(() => users.id),
    /** A collected one's source person, seen only by staff. */
    raisedByName: text('raised_by_name'),
    raisedByPhone: text('raised_by_phone'),
    /** A self-raised one's private contact, seen only by the reporter and its levels' holders. */
    contactPhone: text('contact_phone'),
    status: opinionStatus('status').notNull().default('open'),
    level: opinionLevel('level').notNull().default('branch'),
    levelReached: opinionLevel('level_reached').notNull().default('branch'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    reply: text('reply'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedReason: text('closed_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    satisfaction: opinionSatisfaction('satisfaction'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** When 不满意 reopened it; once only. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    seconds: integer('seconds').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The board and the queues: a community's opinions by status and level.
    index('opinions_community_idx').on(t.communityId, t.status, t.level, t.id),
    index('opinions_reporter_idx').on(t.reporterId, t.id),
    // Overdue ones: open, by deadline.
    index('opinions_open_due_idx').on(t.dueAt).where(sql`status = 'open'`),
    check('opinions_seconds_nonnegative', sql`${t.seconds} >= 0`),
  ],
);

/** The path: every step with its level, who took it (and in what role), and the note. */
export const opinionSteps = pgTable(
  'opinion_steps',
  {
    id: idColumn(),
    opinionId: ref('opinion_id')
      .notNull()
      .references(() => opinions.id),
    action: opinionStepAction('action').notNull(),
    level: opinionLevel('level').notNull(),
    note: text('note'),
    actorId: ref('actor_id')
      .notNull()
      .references(() => users.id),
    /** The role they acted in: a role id (`community_staff`) or `grid_leader`. */
    actorRole: text('actor_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('opinion_steps_opinion_idx').on(t.opinionId, t.id)],
);

/** 附议: once per person. */
export const opinionSeconds = pgTable(
  'opinion_seconds',
  {
    opinionId: ref('opinion_id')
      .notNull()
      .references(() => opinions.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.userId] })],
);

export const opinionPhotos = pgTable(
  'opinion_photos',
  {
    opinionId: ref('opinion_id')
      .notNull()
      .references(() => opinions.id),
    uploadId: ref('upload_id')
      .notNull()
      .references(() => uploads.id),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.uploadId] }), index('opinion_photos_upload_idx').on(t.uploadId)],
);

/** Per district: days each level has for its first answer; a district without a row uses the defaults. */
export const opinionDeadlines = pgTable('opinion_deadlines', {
  districtId: ref('district_id')
    .primaryKey()
    .references(() => orgNodes.id),
  branchDays: integer('branch_days').notNull(),
  communityDays: integer('community_days').notNull(),
  streetDays: integer('street_days').notNull(),
  representativeDays: integer('representative_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
