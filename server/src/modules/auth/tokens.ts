import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db';
import { refreshTokens, users } from '../../db/schema';
import { ACCESS_TOKEN_SECONDS } from '../../http/auth';
import { AppError } from '../../http/errors';

const REFRESH_TOKEN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Stores the hash of a new refresh token in `familyId` and answers the token itself. */
async function issueRefreshToken(tx: Tx, userId: number, familyId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(refreshTokens).values({
    familyId,
    userId,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_DAYS * DAY_MS),
  });
  return token;
}

function signAccessToken(app: FastifyInstance, userId: number): string {
  return app.jwt.sign({ sub: String(userId) });
}

/** A sign-in: a new family of refresh tokens and an access token. */
export async function startSession(app: FastifyInstance, tx: Tx, userId: number): Promise<TokenPair> {
  const refreshToken = await issueRefreshToken(tx, userId, randomUUID(), app.now());
  return { accessToken: signAccessToken(app, userId), refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

/**
 * Uses up `token` and issues the next of its family. The use is one conditional update, so two
 * concurrent refreshes with one token cannot both win. A token that was already used revokes the
 * whole family: someone replayed it. A token merely revoked (signed out, password changed or reset,
 * account deactivated) is invalid, and a deactivated account's tokens refresh nothing.
 */
export async function rotateSession(app: FastifyInstance, token: string): Promise<TokenPair & { userId: number }> {
  const now = app.now();
  const hash = hashToken(token);
  const outcome = await app.db.transaction(async (tx) => {
    const [used] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(refreshTokens.tokenHash, hash),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, now),
          sql`not exists (select 1 from ${users} where ${users.id} = ${refreshTokens.userId} and ${users.deactivatedAt} is not null)`,
        ),
      )
      .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
    if (used) {
      const refreshToken = await issueRefreshToken(tx, used.userId, used.familyId, now);
      return { kind: 'rotated' as const, userId: used.userId, refreshToken };
    }
    const [known] = await tx
      .select({ familyId: refreshTokens.familyId, usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hash));
    if (known?.usedAt) {
      await revokeFamily(tx, known.familyId, now);
      return { kind: 'reused' as const };
    }
    return { kind: 'invalid' as const };
  });
  if (outcome.kind === 'reused') throw new AppError(401, 'REFRESH_TOKEN_REUSED');
  if (outcome.kind === 'invalid') throw new AppError(401, 'REFRESH_TOKEN_INVALID');
  return {
    userId: outcome.userId,
    accessToken: signAccessToken(app, outcome.userId),
    refreshToken: outcome.refreshToken,
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

async function revokeFamily(tx: Tx, familyId: string, now: Date): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(refreshTokens.familyId, familyId));
}

/** Ends every sign-in of the user: after a password change or reset, or a deactivation. */
export async function revokeAllSessions(tx: Tx, userId: number, now: Date): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/** Signs out: revokes the family of `token`, if it is the user's. */
export async function endSession(app: FastifyInstance, userId: number, token: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.tokenHash, hashToken(token)), eq(refreshTokens.userId, userId)));
    if (row) await revokeFamily(tx, row.familyId, app.now());
  });
}
