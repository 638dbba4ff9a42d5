import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, ref } from './columns';
import { users } from './users';

/**
 * Refresh tokens, stored as SHA-256 hashes. Each sign-in starts a family; every refresh uses up
 * one token and issues the next in the same family. Presenting a used token revokes the family.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: idColumn(),
    familyId: uuid('family_id').notNull(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('refresh_tokens_family_idx').on(t.familyId),
    // Revoking every session of one account (a reset, a deactivation) finds its live tokens.
    index('refresh_tokens_user_live_idx').on(t.userId).where(sql`revoked_at is null`),
  ],
);
