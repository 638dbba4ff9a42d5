import { z } from 'zod';
import { idSchema } from '../domain/org';
import { reportBasisSchema, reportEndReasonSchema, reportStateSchema } from '../machines/report';

/** `POST /api/reports`: a member reports online to a community (双报到). */
export const createReportBodySchema = z.object({
  communityId: idSchema,
  basis: reportBasisSchema,
});
export type CreateReportBody = z.infer<typeof createReportBodySchema>;

/** The 报到证 code: eight characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const CERTIFICATE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CERTIFICATE_LENGTH = 8;
export const certificateCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${CERTIFICATE_ALPHABET}]{${CERTIFICATE_LENGTH}}$`), '报到证编码应为 8 位字母或数字'));

export const confirmReportBodySchema = z.object({ certificateCode: certificateCodeSchema });
export const reasonBodySchema = z.object({ reason: z.string().trim().min(1, '请填写原因').max(500) });
export type ReasonBody = z.infer<typeof reasonBodySchema>;

export const certificateSchema = z.object({
  code: z.string(),
  /** The code as a QR image (PNG data URL), to be shown to staff. */
  qr: z.string(),
  issuedAt: z.string(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const reportSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  basis: reportBasisSchema,
  status: reportStateSchema,
  certificateIssued: z.boolean(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** 转移报到: the confirmed report this one replaces when it is confirmed. */
  transferOf: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: reportEndReasonSchema.nullable(),
});
export type Report = z.infer<typeof reportSchema>;

/** A report as its member sees it: with the 报到证 while it can still be used. */
export const ownReportSchema = reportSchema.extend({ certificate: certificateSchema.nullable() });
export type OwnReport = z.infer<typeof ownReportSchema>;

/** The member's own view of their report, and of the transfer they asked for while it is pending. */
export const myReportSchema = ownReportSchema.extend({ transfer: ownReportSchema.nullable() });
export type MyReport = z.infer<typeof myReportSchema>;

/**
 * `GET /api/reports/:id`: the report, the 报到证 for its member only, the transfer that replaces it
 * (pending or done) and the one it replaced, and what the viewer may do with it.
 */
export const reportDetailSchema = ownReportSchema.extend({
  transfer: reportSchema.nullable(),
  transferredFrom: reportSchema.nullable(),
  mayTransfer: z.boolean(),
  mayEnd: z.boolean(),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

/** `POST /api/reports/:id/transfer`: where the member reports now (as `POST /api/reports`). */
export const transferReportBodySchema = createReportBodySchema;
export type TransferReportBody = CreateReportBody;

/** What a person may give as the reason a report ends; 离开名册 and 转移报到 come from the system. */
export const REPORT_END_CHOICES = ['retired', 'reassigned', 'deceased'] as const;
/** `POST /api/reports/:id/end`: 退休、调离、去世, with an optional note. */
export const endReportBodySchema = z.object({
  reason: z.enum(REPORT_END_CHOICES),
  note: z.string().trim().max(200).optional(),
});
export type EndReportBody = z.infer<typeof endReportBodySchema>;

/** Where a member may report: their home community and the communities paired with their unit. */
export const reportOptionsSchema = z.object({
  residence: z.object({ id: z.string(), name: z.string() }).nullable(),
  pairedUnit: z.array(z.object({ id: z.string(), name: z.string(), unitId: z.string(), unitName: z.string() })),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

/**
 * A roster member with their live report made through this unit (信息比对). `reportStatus` null:
 * not reported through this unit. Nothing here says whether the phone has an account, nor where a
 * report made through another unit went.
 */
export const rosterMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  branch: z.string().nullable(),
  reportId: z.string().nullable(),
  reportStatus: reportStateSchema.nullable(),
  communityName: z.string().nullable(),
  /** When the 报到证 of the report waiting for its offline step was issued; null: none yet. */
  certificateIssuedAt: z.string().nullable(),
  /** When they left the roster (离开名册), and why; null while on it. */
  departedAt: z.string().nullable(),
  departReason: z.string().nullable(),
  /** 转移报到 through this unit waiting for its 报到证 or the new community: the unit issues the code. */
  transfer: z.object({ id: z.string(), communityName: z.string(), certificateIssued: z.boolean() }).nullable(),
});
export type RosterMember = z.infer<typeof rosterMemberSchema>;

/** `POST /api/units/:id/roster/:entryId/depart`: one member leaves the roster. */
export const departRosterEntryBodySchema = z.object({ reason: z.string().trim().min(2, '请填写离开原因').max(200) });
export type DepartRosterEntryBody = z.infer<typeof departRosterEntryBodySchema>;

/** `POST /api/units/:id/roster?mode=&dryRun=1`: `replace` marks members missing from the file
 *  departed (never deleted); `dryRun` previews the answer and changes nothing. */
export const rosterImportQuerySchema = z.object({
  mode: z.enum(['add', 'replace']).default('add'),
  dryRun: z.enum(['0', '1']).optional(),
});
export type RosterImportQuery = z.infer<typeof rosterImportQuerySchema>;

/** How many of the members leaving the roster a preview names. */
export const ROSTER_DEPARTING_SHOWN = 200;

export const reportingFiguresSchema = z.object({
  roster: z.number().int(),
  confirmed: z.number().int(),
  pending: z.number().int(),
  /** confirmed / roster, 0 when the roster is empty. */
  reportingRate: z.number(),
});
export type ReportingFigures = z.infer<typeof reportingFiguresSchema>;

/** A unit's roster page read only for its figures (工作台's count of those not yet reported). */
export const rosterFiguresSchema = z.object({ figures: reportingFiguresSchema });

export const MEMBER_FILTERS = ['confirmed', 'pending_offline', 'not_reported', 'departed'] as const;
export const unitMembersQuerySchema = z.object({
  status: z.enum(MEMBER_FILTERS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const communityReportsQuerySchema = z.object({
  status: reportStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** `POST /api/units/:id/roster` answers what it did with each row. Rows count from 2 (1 is the header). */
export const rosterImportResultSchema = z.object({
  dryRun: z.boolean(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Members marked departed (replace only): on the roster, missing from the file. */
  departed: z.number().int(),
  /** Departed members the file lists again: back on the roster. */
  returned: z.number().int(),
  /** Who departs, by name (the first ROSTER_DEPARTING_SHOWN): what a preview shows before replacing. */
  departing: z.array(z.object({ id: z.string(), name: z.string(), branch: z.string().nullable() })),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 20_000;

/** What the 报到证 QR code holds: the report and its code, so one scan finds both. */
export const certificateQrPayload = (reportId: string | number, code: string) => `HJ-${reportId}-${code}`;

/** Reads a scanned 报到证; null when the text is not one. */
export function parseCertificateQr(text: string): { reportId: string; code: string } | null {
  const match = /^HJ-(\d{1,15})-([A-Z0-9]{8})$/.exec(text.trim());
  return match ? { reportId: match[1]!, code: match[2]! } : null;
}
