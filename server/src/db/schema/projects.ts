import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { PROJECT_CATEGORIES, PROJECT_EVENT_KINDS, PROJECT_LEAD_KINDS, PROJECT_STATES } from '@huijia/shared';
import { agreementResource } from './agreements';
import { createdAt, idColumn, ref } from './columns';
import { gridGroups } from './grid';
import { orgNodes } from './org';
import { units } from './units';
import { users } from './users';
import { uploads } from './wishes';

export const projectCategory = pgEnum('project_category', PROJECT_CATEGORIES);
export const projectStatus = pgEnum('project_status', PROJECT_STATES);
export const projectLeadKind = pgEnum('project_lead_kind', PROJECT_LEAD_KINDS);
export const projectEventKind = pgEnum('project_event_kind', PROJECT_EVENT_KINDS);

/**
 * 项目认领: a community's project and its one lead. The lead columns are set exactly while it is
 * claimed, reported or completed (`projects_lead_when_claimed`): the kind, the unit or team it is
 * led by, and the person who claimed it (the unit's admin, the team's leader, the member).
 * `first_claimed_at` stays when a lead hands it back: the figures count a project started once.
 */
export const projects = pgTable(
  'projects',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    category: projectCategory('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    needs: agreementResource('needs').array().notNull(),
    dueOn: date('due_on').notNull(),
    status: projectStatus('status').notNull().default('open'),
    leadKind: projectLeadKind('lead_kind'),
    leadUnitId: ref('lead_unit_id').references(() => units.id),
    leadTeamId: ref('lead_team_id').references(() => gridGroups.id),
    leadUserId: ref('lead_user_id').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    firstClaimedAt: timestamp('first_claimed_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    acceptedBy: ref('accepted_by').references(() => users.id),
    sentBackReason: text('sent_back_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    publishedBy: ref('published_by')
      .notNull()
      .references(() => users.id),
    /** Residents' ratings, summed as they are given (project_ratings holds each one). */
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'projects_lead_when_claimed',
      sql`(${t.status} in ('claimed', 'reported', 'completed')) = (${t.leadKind} is not null and ${t.leadUserId} is not null and ${t.claimedAt} is not null)`,
    ),
    check(
      'projects_lead_columns',
      sql`${t.leadKind} is null or (${t.leadKind} = 'unit') = (${t.leadUnitId} is not null) and (${t.leadKind} = 'team') = (${t.leadTeamId} is not null)`,
    ),
    index('projects_community_idx').on(t.communityId, t.id),
    index('projects_lead_unit_idx').on(t.leadUnitId, t.id).where(sql`lead_unit_id is not null`),
    index('projects_lead_team_idx').on(t.leadTeamId, t.id).where(sql`lead_team_id is not null`),
    index('projects_lead_user_idx').on(t.leadUserId, t.id).where(sql`lead_user_id is not null`),
  ],
);

/** A project's timeline: every transition and every progress update, with the name shown for who acted. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: idColumn(),
    projectId: ref('project_id')
      .notNull()
      .references(() => projects.id),
    kind: projectEventKind('kind').notNull(),
    actorId: ref('actor_id')
      .notNull()
      .references(() => users.id),
    /** As the board shows them: the leading unit's or team's name, the person's name, or 社区. */
    byName: text('by_name').notNull(),
    content: text('content'),
    createdAt: createdAt(),
  },
  (t) => [index('project_events_project_idx').on(t.projectId, t.id)],
);

export const projectEventPhotos = pgTable(
  'project_event_photos',
  {
    eventId: ref('event_id')
      .notNull()
      .references(() => projectEvents.id),
    uploadId: ref('upload_id')
      .notNull()
      .references(() => uploads.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.uploadId] }), index('project_event_photos_upload_idx').on(t.uploadId)],
);

/** One rating per resident per completed project. */
export const projectRatings = pgTable(
  'project_ratings',
  {
    projectId: ref('project_id')
      .notNull()
      .references(() => projects.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    stars: smallint('stars').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), check('project_ratings_stars', sql`${t.stars} between 1 and 5`)],
);
