import {
  AUDIT_LEDGER_LABEL,
  type AuditEntry,
  auditEntrySchema,
  type AuditObjectType,
  listEnvelope,
  type ListEnvelope,
} from '@huijia/shared';
import { request, toQueryString } from './api';
import { downloadSpreadsheet } from './stats';

const auditPageSchema = listEnvelope(auditEntrySchema);

/** Whose trail: a node's (and everything under it), or one object's history (处理记录). */
export type AuditSubject = { orgId: string } | { objectType: AuditObjectType; objectId: string };

/** What a node's trail is narrowed to; each is optional. Dates are `YYYY-MM-DD`, both included. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

const filterQuery = ({ actorId, action, from, to }: AuditFilter) => ({ actorId, action, from, to });

/** One page of the trail, newest first; follow `nextCursor` for the next. */
export function listAudit(subject: AuditSubject, filter: AuditFilter, cursor: string | null): Promise<ListEnvelope<AuditEntry>> {
  return request('GET', '/api/audit', { query: { ...subject, ...filterQuery(filter), cursor }, schema: auditPageSchema });
}

/** `GET /api/exports/audit.xlsx`: a node's trail with the same filters as the list. */
export function auditExportUrl(orgId: string, filter: AuditFilter): string {
  return `${API_BASE}/api/exports/audit.xlsx${toQueryString({ orgId, ...filterQuery(filter) })}`;
}

/** The trail as a ledger (操作日志台账) of `scopeName`: saved by the browser on h5, opened in WeChat on weapp. */
export function downloadAuditLedger(orgId: string, filter: AuditFilter, scopeName: string): Promise<string> {
  return downloadSpreadsheet(auditExportUrl(orgId, filter), AUDIT_LEDGER_LABEL, scopeName);
}
