import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { rowsOf, tryJobLock } from '../../db/raw';
import { scheduleJob } from '../../jobs';

/** The reporting figures are a materialised view; they are recomputed at most this often. */
export const REPORTING_MAX_AGE_MS = 5 * 60_000;

/** When the reporting figures were last computed. */
export async function reportingAsOf(db: Db): Promise<Date> {
  const [row] = await rowsOf<{ at: Date | string }>(db, sql`select at from stats_refreshed where name = 'reporting'`);
  return new Date(row!.at);
}

/**
 * Recomputes the reporting figures (one pass over members and reports) unless another process is
 * at it: the transaction-scoped advisory lock lets one of several servers refresh.
 */
export async function refreshReporting(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, 'huijia:stats-reporting'))) return;
    await tx.execute(sql`refresh materialized view concurrently stats_reporting`);
    await tx.execute(sql`update stats_refreshed set at = now() where name = 'reporting'`);
  });
}

/**
 * When the reporting figures that `reader` holds were computed, refreshed first (on the primary,
 * `db`) when they are older than REPORTING_MAX_AGE_MS. A replica shows the refresh once it has
 * replayed it (usually within a second).
 */
export async function freshReporting(db: Db, reader: Db, now: Date): Promise<Date> {
  const asOf = await reportingAsOf(reader);
  if (now.getTime() - asOf.getTime() <= REPORTING_MAX_AGE_MS) return asOf;
  await refreshReporting(db);
  return reportingAsOf(reader);
}

/** Refreshes the reporting figures every REPORTING_MAX_AGE_MS while the app is up. */
export function scheduleReportingRefresh(app: FastifyInstance): void {
  scheduleJob(app, 'refreshing the reporting figures', REPORTING_MAX_AGE_MS, () => refreshReporting(app.db));
}
