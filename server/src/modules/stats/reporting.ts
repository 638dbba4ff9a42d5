import { sql } from 'drizzle-orm';
import type { StatsOverview } from '@huijia/shared';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db';
import { databaseErrorOf } from '../../db/errors';
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
 * Recomputes the reporting figures (one pass over the rolls and their reports) unless another
 * process is at it: the transaction-scoped advisory lock lets one of several servers refresh. The
 * two views are computed from one snapshot (repeatable read), so that everyone on the rolls is
 * either expected at one community or unplaced, never both nor neither. A refresh that lost a race
 * with another process's (a serialization failure) leaves that one's result.
 */
export async function refreshReporting(db: Db): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      if (!(await tryJobLock(tx, 'huijia:stats-reporting'))) return;
      await tx.execute(sql`refresh materialized view concurrently stats_reporting`);
      await tx.execute(sql`refresh materialized view concurrently stats_unplaced`);
      await tx.execute(sql`update stats_refreshed set at = now() where name = 'reporting'`);
    });
  } catch (err) {
    if (databaseErrorOf(err)?.code !== '40001') throw err;
  }
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

/**
 * Units whose members are expected nowhere (no live report, no known home, the unit paired with no
 * community), with how many, as of the last refresh: those registered under a node of the tree, or
 * one unit. Most members first.
 */
export async function unplacedUnits(db: Db, scope: { orgPath: string } | { unitId: number }): Promise<StatsOverview['unplaced']> {
  const rows = await rowsOf<{ unit_id: string | number; unit_name: string; members: number }>(
    db,
    sql`select un.id as unit_id, un.name as unit_name, s.members
          from stats_unplaced s join units un on un.id = s.unit_id join org_nodes o on o.id = un.org_id
         where ${'orgPath' in scope ? sql`o.path like ${`${scope.orgPath}%`}` : sql`un.id = ${scope.unitId}`}
         order by s.members desc, un.id`,
  );
  return rows.map((r) => ({ unitId: String(r.unit_id), unitName: r.unit_name, members: Number(r.members) }));
}
