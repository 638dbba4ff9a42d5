/** A PostgreSQL error as both drivers raise it: a five-character SQLSTATE and where it happened. */
export interface DatabaseError {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

/** The database's own error under whatever wrapped it (drizzle wraps them), if any. */
export function databaseErrorOf(err: unknown): DatabaseError | null {
  for (let e = err as { code?: unknown; severity?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string') return e as DatabaseError;
  }
  return null;
}

/** Whether a database error is a unique violation (23505), of `constraint` when named. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const db = databaseErrorOf(err);
  return db?.code === '23505' && (constraint === undefined || db.constraint === constraint);
}

/** What pg-pool throws when no connection came within its `connectionTimeoutMillis` (POOL_WAIT_MS). */
export const isPoolWaitTimeout = (err: unknown) => err instanceof Error && err.message === 'timeout exceeded when trying to connect';
