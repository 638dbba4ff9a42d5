import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { PIONEER_ROLES, WISH_CATEGORIES, WISH_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { users } from './users';

export const wishStatus = pgEnum('wish_status', WISH_STATES);
export const wishCategory = pgEnum('wish_category', WISH_CATEGORIES);
export const pioneerRole = pgEnum('pioneer_role', PIONEER_ROLES);

/**
 * Micro-wishes (微心愿). The current claim is denormalised onto the wish (claimant, deadlines) and
 * changes only by conditional updates on `status`; `wish_claims` keeps every claim, with at most
 * one live claim per wish guaranteed by a partial unique index.
 */
export const wishes = pgTable(
  'wishes',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    residentId: ref('resident_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: wishCategory('category').notNull(),
    pioneerRole: pioneerRole('pioneer_role'),
    /** 代办: the name of a resident without a smartphone, whose wish staff posted (`resident_id` is
     *  the staff member); null when residents post their own. */
    onBehalfOfName: text('on_behalf_of_name'),
    contactPhone: text('contact_phone').notNull(),
    address: text('address').notNull(),
    status: wishStatus('status').notNull().default('pending_review'),
    rejectReason: text('reject_reason'),
    /** When staff approved or rejected it. */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    claimantId: ref('claimant_id').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    contactDueAt: timestamp('contact_due_at', { withTimezone: true }),
    fulfilDueAt: timestamp('fulfil_due_at', { withTimezone: true }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    fulfilNote: text('fulfil_note'),
    rating: integer('rating'),
    comment: text('comment'),
    /** When the resident's low rating disputed it (cleared when staff reopen it). */
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
    resolution: text('resolution'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The community feed: WHERE community_id = ? AND status = ? ORDER BY id DESC stays an index scan
    // (read backwards: an index declared `id DESC` would be NULLS LAST and not match ORDER BY id DESC).
    index('wishes_feed_idx').on(t.communityId, t.status, t.id),
    index('wishes_resident_idx').on(t.residentId, t.id),
    index('wishes_claimant_idx').on(t.claimantId, t.id).where(sql`claimant_id is not null`),
    // The deadline sweep looks only at live claims.
    index('wishes_claimed_due_idx').on(t.fulfilDueAt).where(sql`status = 'claimed'`),
  ],
);

/** Every claim of a wish; `released_at` null marks the live one. */
export const wishClaims = pgTable(
  'wish_claims',
  {
    id: idColumn(),
    wishId: ref('wish_id')
      .notNull()
      .references(() => wishes.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releaseReason: text('release_reason'),
  },
  (t) => [
    uniqueIndex('wish_claims_one_live').on(t.wishId).where(sql`released_at is null`),
    index('wish_claims_member_idx').on(t.memberId),
  ],
);

/** Per-community claim deadlines; a community without a row uses the defaults (7 and 30 days). */
export const communitySettings = pgTable('community_settings', {
  communityId: ref('community_id')
    .primaryKey()
    .references(() => orgNodes.id),
  contactDays: integer('contact_days').notNull().default(7),
  fulfilDays: integer('fulfil_days').notNull().default(30),
  /** How many members may pair with one household (结对帮扶) at most; null: one. */
  householdMaxMembers: integer('household_max_members'),
});

/**
 * Uploaded images, kept in the blob store under `key`, their thumbnails under `thumb_key` (of the same
 * type). An upload attached to no wish or record is removed a day after `created_at`.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: idColumn(),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull().unique(),
    /** Null for images uploaded before thumbnails were made: the image is its own thumbnail. */
    thumbKey: text('thumb_key'),
    contentType: text('content_type').notNull(),
    /** Bytes stored, the image and its thumbnail: what the daily quota counts. */
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  // The daily quota counts an account's uploads of the last 24 hours.
  (t) => [index('uploads_owner_created_idx').on(t.ownerId, t.createdAt)],
);

export const WISH_PHOTO_PURPOSES = ['wish', 'evidence'] as const;
export const wishPhotoPurpose = pgEnum('wish_photo_purpose', WISH_PHOTO_PURPOSES);

/** Photos of a wish: the resident's (`wish`) and the claimant's proof of fulfilment (`evidence`). */
export const wishPhotos = pgTable(
  'wish_photos',
  {
    wishId: ref('wish_id')
      .notNull()
      .references(() => wishes.id),
    uploadId: ref('upload_id')
      .notNull()
      .references(() => uploads.id),
    purpose: wishPhotoPurpose('purpose').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wishId, t.uploadId] }), index('wish_photos_upload_idx').on(t.uploadId)],
);

/** Idempotency-Key: the first answer to a key from a user, answered again for a repeat. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    route: text('route').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.route, t.key] })],
);
