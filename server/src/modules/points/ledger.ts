import { sql } from 'drizzle-orm';
import type { LedgerSource } from '@huijia/shared';
import type { Tx } from '../../db';
import { pointsLedger } from '../../db/schema';

/**
 * Pays points for a source (a verified record, a completed wish) at most once: the ledger's
 * unique index on the source makes a retry, a double click or a concurrent verify pay nothing more.
 * Answers whether this call paid.
 */
export async function payOnce(
  tx: Tx,
  entry: { memberId: number; communityId: number; source: Exclude<LedgerSource, 'adjustment'>; sourceId: number; points: number; reason: string; createdBy: number | null },
): Promise<boolean> {
  const paid = await tx
    .insert(pointsLedger)
    .values(entry)
    .onConflictDoNothing({ target: [pointsLedger.source, pointsLedger.sourceId], where: sql`source <> 'adjustment'` })
    .returning({ id: pointsLedger.id });
  return paid.length > 0;
}
