import { and, asc, eq, gt, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ROSTER_DEPARTING_SHOWN, type MEMBER_FILTERS, type RosterImportQuery, type RosterImportResult, type RosterMember } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { orgNodes, reports, rosterEntries, users } from '../../db/schema';
import { arrayLiteral } from '../../db/statement';
import { parseCursor, page } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import { recordAudits } from '../audit/audit';
import { parseId } from '../orgs/service';
import { isLiveReportSql } from '../reports/repository';
import type { UnitRow } from '../units/service';
import { NOT_IN_NEW_ROSTER, followDepartures, lockRoster } from './departure';
import type { ParsedRoster, RosterRow } from './parse';

const BATCH = 1000;

/** What an import did (or, previewed, would do), and the communities whose wishes it changed. */
export interface RosterImport {
  result: RosterImportResult;
  wishCommunities: number[];
}

/** The unit's entries for these phones as they stand, by phone. */
async function entriesFor(tx: Tx, unitId: number, batch: readonly RosterRow[]) {
  const rows = await tx
    .select({ phone: rosterEntries.phone, name: rosterEntries.name, branch: rosterEntries.branch, departedAt: rosterEntries.departedAt })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unitId, unitId), sql`${rosterEntries.phone} = any(${arrayLiteral(batch.map((r) => r.phone))}::text[])`));
  return new Map(rows.map((r) => [r.phone, r]));
}

/**
 * The unit's members on the roster whom the file does not list, in roster order. Compared here
 * rather than in SQL: right after a large import the table's statistics are stale, and PostgreSQL
 * then plans an anti-join of 20,000 by 20,000 rows as a nested loop (80 s where this takes
 * milliseconds).
 */
async function missingFrom(tx: Tx, unitId: number, rows: readonly RosterRow[]) {
  const listed = new Set(rows.map((r) => r.phone));
  const onRoster = await tx
    .select({ id: rosterEntries.id, name: rosterEntries.name, phone: rosterEntries.phone, branch: rosterEntries.branch })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unitId, unitId), isNull(rosterEntries.departedAt)))
    .orderBy(asc(rosterEntries.id));
  return onRoster.filter((e) => !listed.has(e.phone));
}

/**
 * Imports a unit's roster in batches, in one transaction with an audit row per row that changed:
 * rows not on the roster are added, changed names and branches updated, and members who had left
 * (离开名册) and are listed again come back. `replace` also marks every member on the roster whom
 * the file does not list departed (never deleted), with what follows (rosters/departure.ts); a
 * file without one valid row would depart everyone and is refused. `dryRun` answers the same
 * counts and names from reads alone and changes nothing. Unchanged rows are left alone.
 */
export async function importRoster(db: Db, actorId: number, unit: UnitRow, parsed: ParsedRoster, query: RosterImportQuery, now: Date): Promise<RosterImport> {
  const replace = query.mode === 'replace';
  const dryRun = query.dryRun === '1';
  if (replace && parsed.rows.length === 0) {
    throw new AppError(400, 'ROSTER_FILE_REQUIRED', '名册中没有一行可以导入，整体替换会让全部党员离开名册；请检查文件后重新上传', {
      rejected: parsed.rejected.length,
    });
  }
  return db.transaction(async (tx) => {
    if (!dryRun) await lockRoster(tx, unit.id);
    const counts = { added: 0, updated: 0, returned: 0 };
    for (let i = 0; i < parsed.rows.length; i += BATCH) {
      const batch = parsed.rows.slice(i, i + BATCH);
      const before = await entriesFor(tx, unit.id, batch);
      if (dryRun) {
        for (const row of batch) {
          const entry = before.get(row.phone);
          if (!entry) counts.added += 1;
          else if (entry.departedAt) counts.returned += 1;
          else if (entry.name !== row.name || entry.branch !== row.branch) counts.updated += 1;
        }
        continue;
      }
      const changed = await tx
        .insert(rosterEntries)
        .values(batch.map((r) => ({ unitId: unit.id, name: r.name, phone: r.phone, branch: r.branch })))
        .onConflictDoUpdate({
          target: [rosterEntries.unitId, rosterEntries.phone],
          set: { name: sql`excluded.name`, branch: sql`excluded.branch`, departedAt: null, departReason: null, updatedAt: sql`now()` },
          setWhere: sql`(${rosterEntries.name}, ${rosterEntries.branch}) is distinct from (excluded.name, excluded.branch) or ${rosterEntries.departedAt} is not null`,
        })
        .returning({ id: rosterEntries.id, phone: rosterEntries.phone, inserted: sql<boolean>`(xmax = 0)` });
      const actions = changed.map((c) => (c.inserted ? 'roster.add' : before.get(c.phone)?.departedAt ? 'roster.return' : 'roster.update'));
      for (const action of actions) {
        if (action === 'roster.add') counts.added += 1;
        else if (action === 'roster.return') counts.returned += 1;
        else counts.updated += 1;
      }
      await recordAudits(
        tx,
        // The entry names the member; the trail keeps no phone.
        changed.map((c, k) => ({ actorId, action: actions[k]!, entity: 'roster_entry', entityId: c.id, details: { unitId: unit.id }, orgPath: unit.orgPath })),
      );
    }

    let departing: RosterImportResult['departing'] = [];
    let departed = 0;
    let wishCommunities: number[] = [];
    if (replace) {
      const missing = await missingFrom(tx, unit.id, parsed.rows);
      departed = missing.length;
      departing = missing.slice(0, ROSTER_DEPARTING_SHOWN).map((e) => ({ id: String(e.id), name: e.name, branch: e.branch }));
      if (!dryRun && missing.length > 0) {
        await tx
          .update(rosterEntries)
          .set({ departedAt: now, departReason: NOT_IN_NEW_ROSTER, updatedAt: sql`now()` })
          .where(sql`${rosterEntries.id} = any(${arrayLiteral(missing.map((e) => e.id))}::bigint[])`);
        wishCommunities = await followDepartures(tx, actorId, unit, missing, NOT_IN_NEW_ROSTER, now);
      }
    }
    const { added, updated, returned } = counts;
    const result: RosterImportResult = {
      dryRun,
      added,
      updated,
      unchanged: parsed.rows.length - added - updated - returned,
      departed,
      returned,
      departing,
      rejected: parsed.rejected,
    };
    return { result, wishCommunities };
  });
}

/**
 * `POST /api/units/:id/roster/:entryId/depart`: one member leaves the roster with a reason, and
 * what follows a departure follows (rosters/departure.ts). Answers the entry as the list shows it.
 */
export async function departRosterEntry(
  db: Db,
  actorId: number,
  unit: UnitRow,
  entryId: string,
  reason: string,
  now: Date,
): Promise<{ member: RosterMember; wishCommunities: number[] }> {
  const id = parseId(entryId);
  if (id === null) throw notFound();
  return db.transaction(async (tx) => {
    await lockRoster(tx, unit.id);
    const [entry] = await tx
      .update(rosterEntries)
      .set({ departedAt: now, departReason: reason, updatedAt: sql`now()` })
      .where(and(eq(rosterEntries.id, id), eq(rosterEntries.unitId, unit.id), isNull(rosterEntries.departedAt)))
      .returning({ id: rosterEntries.id, phone: rosterEntries.phone });
    if (!entry) {
      const [exists] = await tx
        .select({ id: rosterEntries.id })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.id, id), eq(rosterEntries.unitId, unit.id)));
      throw exists ? new AppError(409, 'ROSTER_ENTRY_DEPARTED') : notFound();
    }
    const wishCommunities = await followDepartures(tx, actorId, unit, [entry], reason, now);
    const [member] = await selectMembers(tx, unit.id, eq(rosterEntries.id, entry.id));
    return { member: toMember(member!), wishCommunities };
  });
}

export type MemberFilter = (typeof MEMBER_FILTERS)[number];

const transfer = alias(reports, 'transfer');
const transferTo = alias(orgNodes, 'transfer_to');

/** The roster's entries with each one's live report made through this unit, and a transfer waiting
 *  for the unit's 报到证, in roster order. */
function selectMembers(tx: Tx, unitId: number, where: SQL | undefined) {
  return tx
    .select({
      id: rosterEntries.id,
      name: rosterEntries.name,
      phone: rosterEntries.phone,
      branch: rosterEntries.branch,
      departedAt: rosterEntries.departedAt,
      departReason: rosterEntries.departReason,
      reportId: reports.id,
      reportStatus: reports.status,
      communityName: orgNodes.name,
      certificateIssuedAt: sql<Date | null>`case when ${reports.status} = 'pending_offline' then ${reports.certificateIssuedAt} end`,
      transferId: transfer.id,
      transferCommunityName: transferTo.name,
      transferCertified: sql<boolean | null>`${transfer.certificateCode} is not null`,
    })
    .from(rosterEntries)
    .leftJoin(users, eq(users.phone, rosterEntries.phone))
    .leftJoin(
      reports,
      and(eq(reports.memberId, users.id), eq(reports.unitId, rosterEntries.unitId), isLiveReportSql()),
    )
    .leftJoin(orgNodes, eq(orgNodes.id, reports.communityId))
    .leftJoin(
      transfer,
      and(eq(transfer.memberId, users.id), eq(transfer.unitId, rosterEntries.unitId), eq(transfer.status, 'pending_offline'), isNotNull(transfer.transferOf)),
    )
    .leftJoin(transferTo, eq(transferTo.id, transfer.communityId))
    .where(and(eq(rosterEntries.unitId, unitId), where))
    .orderBy(asc(rosterEntries.id));
}

type MemberRow = Awaited<ReturnType<typeof selectMembers>>[number];

function toMember(r: MemberRow): RosterMember {
  return {
    id: String(r.id),
    name: r.name,
    phone: r.phone,
    branch: r.branch,
    reportId: r.reportId === null ? null : String(r.reportId),
    reportStatus: r.reportStatus,
    communityName: r.communityName,
    certificateIssuedAt: r.certificateIssuedAt === null ? null : new Date(r.certificateIssuedAt).toISOString(),
    departedAt: r.departedAt?.toISOString() ?? null,
    departReason: r.departReason,
    transfer: r.transferId === null ? null : { id: String(r.transferId), communityName: r.transferCommunityName!, certificateIssued: r.transferCertified === true },
  };
}

/**
 * 信息比对: the roster with each member's live report made through this unit, keyset by roster row.
 * Members who left the roster show only when asked for (`departed`); every other view is of the
 * roster as it stands now. A report made through another unit, and whether a phone has an account
 * at all, are not this unit's to know: a roster is any list of phones its admin types in, so the
 * listing must not answer more about a phone than what its owner did through this unit.
 */
export async function listRosterMembers(tx: Tx, unitId: number, filter: MemberFilter | undefined, limit: number, cursor?: string) {
  const after = parseCursor(cursor);
  const statusFilter =
    filter === 'departed'
      ? isNotNull(rosterEntries.departedAt)
      : and(
          isNull(rosterEntries.departedAt),
          filter === 'not_reported'
            ? isNull(reports.id)
            : // A transfer waits for the unit too: listed with the pending, where the unit issues codes.
              filter === 'pending_offline'
              ? or(eq(reports.status, filter), isNotNull(transfer.id))
              : filter
                ? eq(reports.status, filter)
                : undefined,
        );
  const rows = await selectMembers(tx, unitId, and(statusFilter, after === null ? undefined : gt(rosterEntries.id, after))).limit(limit + 1);
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  return { items: items.map(toMember), nextCursor };
}
