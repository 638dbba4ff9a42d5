import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { RosterImportResult, RosterMember } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { auditLog, orgNodes, reports, rosterEntries, users } from '../../db/schema';
import { parseCursor, page } from '../../http/cursor';
import type { ParsedRoster } from './parse';

const BATCH = 1000;

/**
 * Adds and updates a unit's roster rows in batches, in one transaction with an audit row per row
 * that changed. Unchanged rows are left alone (and not counted as updated).
 */
export async function importRoster(db: Db, actorId: number, unit: { id: number; orgPath: string }, parsed: ParsedRoster): Promise<RosterImportResult> {
  const unitId = unit.id;
  let added = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < parsed.rows.length; i += BATCH) {
      const batch = parsed.rows.slice(i, i + BATCH);
      const changed = await tx
        .insert(rosterEntries)
        .values(batch.map((r) => ({ unitId, name: r.name, phone: r.phone, branch: r.branch })))
        .onConflictDoUpdate({
          target: [rosterEntries.unitId, rosterEntries.phone],
          set: { name: sql`excluded.name`, branch: sql`excluded.branch`, updatedAt: sql`now()` },
          setWhere: sql`(${rosterEntries.name}, ${rosterEntries.branch}) is distinct from (excluded.name, excluded.branch)`,
        })
        .returning({ id: rosterEntries.id, phone: rosterEntries.phone, inserted: sql<boolean>`(xmax = 0)` });
      if (changed.length === 0) continue;
      const addedHere = changed.filter((c) => c.inserted).length;
      added += addedHere;
      updated += changed.length - addedHere;
      await tx.insert(auditLog).values(
        changed.map((c) => ({
          actorId,
          action: c.inserted ? 'roster.add' : 'roster.update',
          entity: 'roster_entry',
          entityId: String(c.id),
          // The entry names the member; the trail keeps no phone.
          details: { unitId },
          orgPath: unit.orgPath,
        })),
      );
    }
  });
  return { added, updated, unchanged: parsed.rows.length - added - updated, rejected: parsed.rejected };
}

export type MemberFilter = 'confirmed' | 'pending_offline' | 'not_reported';

/**
 * 信息比对: the roster with each member's live report made through this unit, keyset by roster row.
 * A report made through another unit, and whether a phone has an account at all, are not this
 * unit's to know: a roster is any list of phones its admin types in, so the listing must not answer
 * more about a phone than what its owner did through this unit.
 */
export async function listRosterMembers(tx: Tx, unitId: number, filter: MemberFilter | undefined, limit: number, cursor?: string) {
  const after = parseCursor(cursor);
  const statusFilter =
    filter === 'not_reported' ? isNull(reports.id) : filter ? eq(reports.status, filter) : undefined;
  const rows = await tx
    .select({
      id: rosterEntries.id,
      name: rosterEntries.name,
      phone: rosterEntries.phone,
      branch: rosterEntries.branch,
      reportId: reports.id,
      reportStatus: reports.status,
      communityName: orgNodes.name,
    })
    .from(rosterEntries)
    .leftJoin(users, eq(users.phone, rosterEntries.phone))
    .leftJoin(
      reports,
      and(eq(reports.memberId, users.id), eq(reports.unitId, rosterEntries.unitId), sql`${reports.status} in ('pending_offline', 'confirmed')`),
    )
    .leftJoin(orgNodes, eq(orgNodes.id, reports.communityId))
    .where(and(eq(rosterEntries.unitId, unitId), statusFilter, after === null ? undefined : gt(rosterEntries.id, after)))
    .orderBy(asc(rosterEntries.id))
    .limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  const members: RosterMember[] = items.map((r) => ({
    id: String(r.id),
    name: r.name,
    phone: r.phone,
    branch: r.branch,
    reportId: r.reportId === null ? null : String(r.reportId),
    reportStatus: r.reportStatus,
    communityName: r.communityName,
  }));
  return { items: members, nextCursor };
}

