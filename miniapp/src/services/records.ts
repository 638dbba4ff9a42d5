import {
  batchOutcomeSchema,
  type BatchOutcome,
  type CreateRecordBody,
  listEnvelope,
  type ListEnvelope,
  recordSchema,
  type RecordState,
  type ServiceRecord,
  type UpdateRecordBody,
} from '@huijia/shared';
import { type QueryValue, request } from './api';

const recordPageSchema = listEnvelope(recordSchema);
const recordPath = (id: string) => `/api/records/${encodeURIComponent(id)}`;

export interface RecordListQuery {
  /** Staff: a community's records (the verification queue with status pending). */
  communityId?: string;
  status?: RecordState;
  mine?: boolean;
  limit?: number;
  cursor?: string | null;
}

export function listRecords(query: RecordListQuery): Promise<ListEnvelope<ServiceRecord>> {
  const params: Record<string, QueryValue> = {
    communityId: query.communityId,
    status: query.status,
    mine: query.mine ? 1 : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/records', { query: params, schema: recordPageSchema });
}

export function getRecord(id: string): Promise<ServiceRecord> {
  return request('GET', recordPath(id), { schema: recordSchema });
}

/** 服务记实: a member logs a session; it waits for staff to verify it. */
export function logRecord(body: CreateRecordBody): Promise<ServiceRecord> {
  return request('POST', '/api/records', { body, schema: recordSchema });
}

/** Edits a pending or rejected record of one's own; it goes back to pending. */
export function editRecord(id: string, body: UpdateRecordBody): Promise<ServiceRecord> {
  return request('PUT', recordPath(id), { body, schema: recordSchema });
}

/** 核实通过 (staff): the hours and points count from now. */
export function verifyRecord(id: string): Promise<ServiceRecord> {
  return request('POST', `${recordPath(id)}/verify`, { schema: recordSchema });
}

/** 批量核实 (staff): each record on its own; the answer lists the verified and the refused. */
export function verifyRecords(ids: string[]): Promise<BatchOutcome> {
  return request('POST', '/api/records/verify', { body: { ids }, schema: batchOutcomeSchema });
}

/** 核实不通过 (staff), with the reason the member will read. */
export function rejectRecord(id: string, reason: string): Promise<ServiceRecord> {
  return request('POST', `${recordPath(id)}/reject`, { body: { reason }, schema: recordSchema });
}
