import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db';
import type { OrgNodeRow } from '../orgs/repository';
import type { Period } from '../stats/tree';
import type { UnitRow } from '../units/service';
import type { Viewer } from './viewer';

/** A cell as written to the sheet: text, a number, or nothing. */
export type Cell = string | number | null;

export interface Column<K extends string> {
  key: K;
  /** The header people read, in Chinese. */
  header: string;
  /** In characters, as Excel counts them (a Chinese character is about two). */
  width: number;
  /** An Excel number format, for numeric columns. */
  numFmt?: string;
}

/** A ledger (台账) with its row type erased: its columns, and its rows over a scope in batches, as cells. */
export interface Ledger<S> {
  columns: readonly Omit<Column<string>, 'key'>[];
  rows(db: Db, scope: S, viewer: Viewer): AsyncIterable<Cell[][]>;
}

/** What a ledger of a period (`PERIOD_EXPORT_LISTS`) is of: a node's subtree over a period, as of `now` (the app's clock). */
export interface NodePeriodScope {
  node: OrgNodeRow;
  period: Period;
  now: Date;
}

/** Rows a query fetches at a time: enough to keep round trips few, few enough never to weigh. */
export const BATCH_ROWS = 2000;

/**
 * A ledger from its columns, its batches of rows over a scope and how one row reads as cells. The
 * caller's view (`viewer`) decides the cells, so what a caller may not see never reaches the sheet.
 */
export function defineLedger<S, R, K extends string>(definition: {
  columns: readonly Column<K>[];
  batches(db: Db, scope: S): AsyncIterable<R[]>;
  cells(row: R, viewer: Viewer): Record<K, Cell>;
}): Ledger<S> {
  const { columns, batches, cells } = definition;
  return {
    columns: columns.map(({ header, width, numFmt }) => ({ header, width, numFmt })),
    async *rows(db, scope, viewer) {
      for await (const batch of batches(db, scope)) {
        yield batch.map((row) => {
          const values = cells(row, viewer);
          return columns.map((c) => values[c.key]);
        });
      }
    },
  };
}

/** Batches by keyset: each fetch answers its rows and the key to go on after, or null after the last. */
export async function* keyset<R>(fetch: (after: number) => Promise<{ rows: R[]; next: number | null }>): AsyncGenerator<R[]> {
  let after = 0;
  for (;;) {
    const { rows, next } = await fetch(after);
    if (rows.length > 0) yield rows;
    if (next === null) return;
    after = next;
  }
}

/** Batches of one query of up to BATCH_ROWS rows with ids after the last, in id order. */
export function byId<R extends { id: number }>(query: (after: number) => Promise<R[]>): AsyncGenerator<R[]> {
  return keyset(async (after) => {
    const rows = await query(after);
    const last = rows[rows.length - 1];
    return { rows, next: rows.length < BATCH_ROWS || !last ? null : last.id };
  });
}

/**
 * Rows of the communities in a node's subtree (`path LIKE '<path>%'`, a range scan of the path
 * index). A community is named by its id, which the planner estimates far better than a subquery.
 */
export function inCommunitiesUnder(communityId: AnyPgColumn | SQL, node: OrgNodeRow): SQL {
  if (node.kind === 'community') return sql`${communityId} = ${node.id}`;
  return sql`${communityId} in (select c.id from org_nodes c where c.kind = 'community' and c.path like ${`${node.path}%`})`;
}

/** Rows of the members on a unit's roster (信息比对 matches accounts to the roster by phone). */
export function ofMembersOf(memberId: AnyPgColumn, unit: UnitRow): SQL {
  return sql`${memberId} in (select u.id from roster_entries e join users u on u.phone = e.phone where e.unit_id = ${unit.id})`;
}

/** The units whose rosters carry a phone, as ids: whose 信息比对 lists that member. */
export function rosterUnitsOf(phone: AnyPgColumn): SQL<number[]> {
  return sql`array(select e.unit_id::text from roster_entries e where e.phone = ${phone} order by e.id)`.mapWith((ids: string[]) => ids.map(Number));
}
