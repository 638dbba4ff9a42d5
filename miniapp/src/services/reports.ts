import {
  certificateSchema,
  listEnvelope,
  myReportSchema,
  reportingFiguresSchema,
  reportDetailSchema,
  reportOptionsSchema,
  reportSchema,
  type Certificate,
  type CreateReportBody,
  type EndReportBody,
  type ReportDetail,
  type TransferReportBody,
  type MyReport,
  type Report,
  type ReportingFigures,
  type ReportOptions,
  type ReportState,
} from '@huijia/shared';
import { request } from './api';

const path = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

/** Where the member may report (双报到 rule). 403 NOT_ON_ROSTER for someone on no unit's roster. */
export function getReportOptions(): Promise<ReportOptions> {
  return request('GET', '/api/reports/options', { schema: reportOptionsSchema });
}

/** 线上报到. 409 REPORT_EXISTS when a live report exists, 400 REPORT_BASIS_MISMATCH. */
export function createReport(body: CreateReportBody): Promise<MyReport> {
  return request('POST', '/api/reports', { body, schema: myReportSchema });
}

/** 撤回报到 (the member, while it waits for the offline half). */
export function withdrawReport(id: string): Promise<Report> {
  return request('POST', `${path(id)}/withdraw`, { schema: reportSchema });
}

/** A report with the transfer that replaces it and what the viewer may do (member, unit admin, staff). */
export function getReport(id: string): Promise<ReportDetail> {
  return request('GET', path(id), { schema: reportDetailSchema });
}

/** 转移报到 (the member, who moved): a pending report in the new community; the old one counts until it is
 *  confirmed. 409 REPORT_TRANSFER_EXISTS, REPORT_TRANSFER_SAME_COMMUNITY; 400 REPORT_BASIS_MISMATCH. */
export function transferReport(id: string, body: TransferReportBody): Promise<MyReport> {
  return request('POST', `${path(id)}/transfer`, { body, schema: myReportSchema });
}

/** 结束报到 (the member or their unit's admin): 退休、调离、去世. */
export function endReport(id: string, body: EndReportBody): Promise<ReportDetail> {
  return request('POST', `${path(id)}/end`, { body, schema: reportDetailSchema });
}

/** 签发报到证 (unit admin): a new one-time code, replacing any earlier one. */
export function issueCertificate(id: string): Promise<Certificate> {
  return request('POST', `${path(id)}/certificate`, { schema: certificateSchema });
}

/** The 报到证 issued and still valid, shown again without voiding it (unit admin). 404 CERTIFICATE_NOT_ISSUED. */
export function viewCertificate(id: string): Promise<Certificate> {
  return request('GET', `${path(id)}/certificate`, { schema: certificateSchema });
}

/** 确认报到 (staff). 409 CERTIFICATE_INVALID for a wrong code, CERTIFICATE_NOT_ISSUED. */
export function confirmReport(id: string, certificateCode: string): Promise<Report> {
  return request('POST', `${path(id)}/confirm`, { body: { certificateCode }, schema: reportSchema });
}

/** 确认报到 by a code typed on the list (staff): whichever report waiting in the community holds it. */
export function confirmReportByCode(communityId: string, certificateCode: string): Promise<Report> {
  return request('POST', `/api/communities/${encodeURIComponent(communityId)}/reports/confirm`, { body: { certificateCode }, schema: reportSchema });
}

/** 退回 (staff), with the reason the member will read. */
export function rejectReport(id: string, reason: string): Promise<Report> {
  return request('POST', `${path(id)}/reject`, { body: { reason }, schema: reportSchema });
}

const communityReportsSchema = listEnvelope(reportSchema).extend({ figures: reportingFiguresSchema });
export interface CommunityReports {
  items: Report[];
  nextCursor: string | null;
  figures: ReportingFigures;
}

/** A community's reports, newest first, with its reporting figures. */
export function listCommunityReports(
  communityId: string,
  status: ReportState | undefined,
  cursor: string | null,
  limit = 20,
): Promise<CommunityReports> {
  return request('GET', `/api/communities/${encodeURIComponent(communityId)}/reports`, {
    query: { status, cursor, limit },
    schema: communityReportsSchema,
  });
}

/** The largest page the API serves, and how far a picker follows pages. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/** Every report of a community in one state, following the pages (the grid's member picker). */
export async function listAllCommunityReports(communityId: string, status: ReportState): Promise<Report[]> {
  const reports: Report[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: CommunityReports = await listCommunityReports(communityId, status, cursor, PAGE_SIZE);
    reports.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return reports;
}
