import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './index';

/** The rows of a query written in SQL: both drivers answer `{ rows }`. */
export async function rowsOf<T>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Whether this transaction may do a job that one of several server processes should do (a sweep,
 * a refresh): a transaction-scoped advisory lock on `name`, false when another process holds it.
 */
export async function tryJobLock(tx: Tx, name: string): Promise<boolean> {
  const [row] = await rowsOf<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`);
  return row?.locked === true;
}
