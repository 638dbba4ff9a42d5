import {
  type CreateUnitBody,
  listEnvelope,
  reportingFiguresSchema,
  rosterImportResultSchema,
  rosterMemberSchema,
  type MEMBER_FILTERS,
  type ReportingFigures,
  type RosterImportQuery,
  type RosterImportResult,
  type RosterMember,
  type Unit,
  unitSchema,
  type UnitSummary,
  unitSummarySchema,
} from '@huijia/shared';
import { request } from './api';
import { type OnProgress, type SpreadsheetFile, uploadSpreadsheet } from './spreadsheets';

export type MemberFilter = (typeof MEMBER_FILTERS)[number];

const unitMembersSchema = listEnvelope(rosterMemberSchema).extend({ figures: reportingFiguresSchema });
export interface UnitMembers {
  items: RosterMember[];
  nextCursor: string | null;
  figures: ReportingFigures;
}

/** 信息比对: the unit's roster with each member's report, and the unit's reporting figures. */
export function listUnitMembers(
  unitId: string,
  status: MemberFilter | undefined,
  cursor: string | null,
): Promise<UnitMembers> {
  return request('GET', `/api/units/${encodeURIComponent(unitId)}/members`, {
    query: { status, cursor, limit: 20 },
    schema: unitMembersSchema,
  });
}

/** A roster file as the platform hands it over (see `SpreadsheetFile`). */
export type RosterFile = SpreadsheetFile;

/** 追加 (`add`: the file is added to the roster) or 整体替换 (`replace`: whoever it leaves out departs). */
export type RosterImportMode = RosterImportQuery['mode'];

/**
 * 导入党员名册: sends the file as multipart field `file`. Answers what happened to each row and who
 * left the roster; with `dryRun`, what would happen, changing nothing. Throws `ApiError` with the
 * server's Chinese message (ROSTER_HEADER_INVALID, …).
 */
export function uploadRoster(
  unitId: string,
  file: RosterFile,
  options: { mode: RosterImportMode; dryRun: boolean },
  onProgress: OnProgress,
): Promise<RosterImportResult> {
  const query = { mode: options.mode, dryRun: options.dryRun ? '1' : '0' };
  return uploadSpreadsheet(`/api/units/${encodeURIComponent(unitId)}/roster`, query, file, rosterImportResultSchema, onProgress);
}

/** 离开名册: one member leaves the unit's roster, with the reason they will read. 409 ROSTER_ENTRY_DEPARTED. */
export function departRosterEntry(unitId: string, entryId: string, reason: string): Promise<RosterMember> {
  return request('POST', `/api/units/${encodeURIComponent(unitId)}/roster/${encodeURIComponent(entryId)}/depart`, {
    body: { reason },
    schema: rosterMemberSchema,
  });
}

const unitPageSchema = listEnvelope(unitSummarySchema);
const unitPath = (id: string) => `/api/units/${encodeURIComponent(id)}`;

/** A district's (or street's) units with their reporting rates, by name when `q` is given. */
export function listUnits(query: { orgId: string; q?: string; cursor: string | null }): Promise<{ items: UnitSummary[]; nextCursor: string | null }> {
  return request('GET', '/api/units', {
    query: { orgId: query.orgId, q: query.q || undefined, cursor: query.cursor, limit: 20 },
    schema: unitPageSchema,
  });
}

export function getUnit(id: string): Promise<Unit> {
  return request('GET', unitPath(id), { schema: unitSchema });
}

/** 新建单位. 409 UNIT_NAME_TAKEN. */
export function createUnit(body: CreateUnitBody): Promise<Unit> {
  return request('POST', '/api/units', { body, schema: unitSchema });
}

/** 修改单位名称: PUT, not PATCH (wx.request cannot send PATCH). */
export function renameUnit(id: string, name: string): Promise<Unit> {
  return request('PUT', unitPath(id), { body: { name }, schema: unitSchema });
}

/** 结对社区: the communities the unit pairs with (结对共建), all of them. */
export function setUnitCommunities(id: string, communityIds: string[]): Promise<Unit> {
  return request('PUT', `${unitPath(id)}/communities`, { body: { communityIds }, schema: unitSchema });
}
