import { sql } from 'drizzle-orm';
import type { LedgerSource } from '@huijia/shared';
import type { Tx } from '../../db';
import { pointsLedger } from '../../db/schema';

/** One payment for one source. */
export interface Payment {
  memberId: number;
  communityId: number;
  source: Exclude<LedgerSource, 'adjustment'>;
  sourceId: number;
  points: number;
  reason: string;
  createdBy: number | null;
}

/**
 * Pays points for a source (a verified record, a completed wish) at most once: the ledger's
 * unique index on the source makes a retry, a double click or a concurrent verify pay nothing more.
 * Answers whether this call paid.
 */
export async function payOnce(tx: Tx, entry: Payment): Promise<boolean> {
  return (await payEachOnce(tx, [entry])) > 0;
}

/**
 * Pays many sources in one insert (an activity's attendance confirmed in one step), each at most
 * once by the same unique index. Answers how many were paid.
 */
export async function payEachOnce(tx: Tx, entries: readonly Payment[]): Promise<number> {
  if (entries.length === 0) return 0;
  const paid = await tx
    .insert(pointsLedger)
    .values([...entries])
    .onConflictDoNothing({ target: [pointsLedger.source, pointsLedger.sourceId], where: sql`source <> 'adjustment'` })
    .returning({ id: pointsLedger.id });
  return paid.length;
}
