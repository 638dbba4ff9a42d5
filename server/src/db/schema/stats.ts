import { bigint, date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Rollups of the figures (统计), kept by triggers in the same transaction as the writes they count
 * (migrations 0008, 0011): per community and month; per member, community and month; and per member,
 * community and year with a bitmask of the months served, for counting "served" over a period.
 * Each row carries its community's path (rewritten when the community moves: orgs/tree.ts), so a
 * subtree is one index range.
 * Months are China's (UTC+8). `stats_rebuild()` recomputes them from the base tables.
 */
export const statsCommunityMonth = pgTable(
  'stats_community_month',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    communityPath: text('community_path').notNull(),
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
  // The subtree's index (path, month) covering every count, so a district is read index-only, is
  // in migrations/0011: drizzle cannot declare INCLUDE columns.
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

export const statsMemberYear = pgTable(
  'stats_member_year',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    communityPath: text('community_path').notNull(),
    year: smallint('year').notNull(),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    /** Bit m-1 set: verified service in month m of the year. */
    months: integer('months').notNull(),
  },
  // Its subtree index (path, year) including member and months is in migrations/0011, as above.
  (t) => [primaryKey({ columns: [t.communityId, t.year, t.memberId] })],
);
