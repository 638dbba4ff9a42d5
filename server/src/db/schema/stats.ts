import { bigint, date, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Rollups of the figures (统计), kept by triggers in the same transaction as the writes they count
 * (migrations/0008): per community and month, and per member, community and month for "served".
 * Months are China's (UTC+8). `stats_rebuild()` recomputes both from the base tables.
 */
export const statsCommunityMonth = pgTable(
  'stats_community_month',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    month: date('month').notNull(),
    /** Wishes submitted this month, and of those how many are now claimed or beyond, and completed. */
    wishesCollected: integer('wishes_collected').notNull().default(0),
    wishesClaimed: integer('wishes_claimed').notNull().default(0),
    wishesCompleted: integer('wishes_completed').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    /** Verified service that started this month. */
    verifiedMinutes: bigint('verified_minutes', { mode: 'number' }).notNull().default(0),
    /** Points entered in the ledger this month. */
    points: bigint('points', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
);

export const statsMemberMonth = pgTable(
  'stats_member_month',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    month: date('month').notNull(),
    verifiedMinutes: bigint('verified_minutes', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.memberId] })],
);
