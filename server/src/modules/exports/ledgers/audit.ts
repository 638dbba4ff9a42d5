import { AUDIT_OBJECT_LABELS, auditActionLabel, type AuditObjectType } from '@huijia/shared';
import type { Db } from '../../../db';
import { auditRows, shownDetails, type AuditFilters, type AuditRow, type AuditSubject } from '../../audit/trail';
import { chinaTime } from '../cells';
import { BATCH_ROWS, defineLedger, keyset } from '../ledger';

/** What an audit ledger is of: a node's subtree or one object, as the viewer filtered it. */
export interface AuditScope {
  subject: AuditSubject;
  filters: AuditFilters;
}

/** Excel's last row, less the header: a longer trail is cut there (narrow the period for the rest). */
const SHEET_ROWS_MAX = 1_048_575;

/** Details as people read them in one cell: `reason：…；rating：5`. */
function detailsText(details: unknown): string | null {
  const shown = shownDetails(details);
  if (!shown) return null;
  return Object.entries(shown)
    .map(([key, value]) => `${key}：${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('；');
}

async function* batchesOf(db: Db, scope: AuditScope): AsyncGenerator<AuditRow[]> {
  let written = 0;
  for await (const rows of keyset(async (after) => {
    const batch = await auditRows(db, scope.subject, scope.filters, 'oldest', after, BATCH_ROWS);
    const last = batch[batch.length - 1];
    return { rows: batch, next: batch.length < BATCH_ROWS || !last ? null : last.id };
  })) {
    const room = SHEET_ROWS_MAX - written;
    yield rows.slice(0, room);
    written += Math.min(rows.length, room);
    if (written >= SHEET_ROWS_MAX) return;
  }
}

/**
 * 操作日志台账: the audit trail of a node's subtree (or of one object), oldest first, with the
 * viewer's filters. Details are what the viewer's page shows (never a resident's phone or address).
 */
export const auditLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'at', header: '时间', width: 17 },
    { key: 'actor', header: '操作人', width: 12 },
    { key: 'action', header: '操作', width: 16 },
    { key: 'objectType', header: '对象', width: 10 },
    { key: 'objectId', header: '对象编号', width: 10 },
    { key: 'from', header: '原状态', width: 14 },
    { key: 'to', header: '新状态', width: 14 },
    { key: 'details', header: '详情', width: 40 },
  ],
  batches: batchesOf,
  cells: (row: AuditRow) => ({
    id: row.id,
    at: chinaTime(row.at),
    actor: row.actorId === null ? '系统' : row.actorName,
    action: auditActionLabel(row.action),
    objectType: AUDIT_OBJECT_LABELS[row.entity as AuditObjectType] ?? row.entity,
    objectId: row.entityId,
    from: row.fromState,
    to: row.toState,
    details: detailsText(row.details),
  }),
});
