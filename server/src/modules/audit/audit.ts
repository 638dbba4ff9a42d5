import type { Tx } from '../../db';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  from?: string | null;
  to?: string | null;
  details?: Record<string, unknown>;
  /** The path of the node it happened in (a wish's community, a unit's node), or null when it
   *  belongs to no node: what the audit viewer of a subtree reads it by. */
  orgPath: string | null;
}

/** Writes one row of the audit trail. Call it inside the transaction of the change it records. */
export function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  return recordAudits(tx, [entry]);
}

/** Writes the rows of a change that touched many things (an import, a departure) in one insert. */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      fromState: entry.from ?? null,
      toState: entry.to ?? null,
      details: entry.details ?? null,
      orgPath: entry.orgPath,
    })),
  );
}
