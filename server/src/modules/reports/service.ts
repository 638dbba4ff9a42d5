import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Certificate, CreateReportBody, MyReport, Report, ReportOptions } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes, reports, rosterEntries, unitCommunities, units, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { holdersOf } from '../users/grants';
import { certificateOf, newCertificateCode } from './certificate';
import { completeTransfer, handedBackText } from './ending';
import { findMyReport, findReport, toReport, type ReportRow } from './repository';

/** The units whose rosters carry the user's phone and which they have not left, in roster order. */
async function unitsOf(tx: Tx, userId: number): Promise<{ unitId: number; unitName: string }[]> {
  return tx
    .select({ unitId: rosterEntries.unitId, unitName: units.name })
    .from(users)
    .innerJoin(rosterEntries, eq(rosterEntries.phone, users.phone))
    .innerJoin(units, eq(units.id, rosterEntries.unitId))
    .where(and(eq(users.id, userId), isNull(rosterEntries.departedAt)))
    .orderBy(asc(rosterEntries.id));
}

/** Where a member may report (双报到 rule): the community they live in; if the system knows none,
 *  a community paired with one of their units. */
export async function reportOptions(db: Db, userId: number): Promise<ReportOptions & { unitIds: number[] }> {
  const memberUnits = await unitsOf(db, userId);
  if (memberUnits.length === 0) throw new AppError(403, 'NOT_ON_ROSTER');
  const unitIds = memberUnits.map((u) => u.unitId);
  const [home] = await db
    .select({ id: orgNodes.id, name: orgNodes.name })
    .from(users)
    .innerJoin(orgNodes, eq(orgNodes.id, users.homeCommunityId))
    .where(eq(users.id, userId));
  if (home) return { residence: { id: String(home.id), name: home.name }, pairedUnit: [], unitIds };
  const paired = await db
    .select({ id: orgNodes.id, name: orgNodes.name, unitId: units.id, unitName: units.name })
    .from(unitCommunities)
    .innerJoin(orgNodes, eq(orgNodes.id, unitCommunities.communityId))
    .innerJoin(units, eq(units.id, unitCommunities.unitId))
    .where(inArray(unitCommunities.unitId, unitIds))
    .orderBy(asc(orgNodes.id));
  return {
    residence: null,
    pairedUnit: paired.map((p) => ({ id: String(p.id), name: p.name, unitId: String(p.unitId), unitName: p.unitName })),
    unitIds,
  };
}

/**
 * The unit a report is made through, by the 双报到 rule: where the member lives (through `prefer`,
 * a transfer's old unit, while its roster lists them; else their first unit), or a community paired
 * with one of their units when the system knows no home (through that unit).
 */
export function unitForReport(options: Awaited<ReturnType<typeof reportOptions>>, body: CreateReportBody, prefer?: number): number {
  if (body.basis === 'residence') {
    if (options.residence?.id !== body.communityId) {
      throw new AppError(400, 'REPORT_BASIS_MISMATCH', '按居住地报到时，只能选择您登记的居住社区');
    }
    return prefer !== undefined && options.unitIds.includes(prefer) ? prefer : options.unitIds[0]!;
  }
  if (options.residence) {
    throw new AppError(400, 'REPORT_BASIS_MISMATCH', '系统中已有您的居住社区，请按居住地报到');
  }
  const paired = options.pairedUnit.find((p) => p.id === body.communityId);
  if (!paired) throw new AppError(400, 'REPORT_BASIS_MISMATCH', '只能选择本单位的结对社区');
  return Number(paired.unitId);
}

/** `POST /api/reports`: the online half of 双报到. One live report per member, by a unique index. */
export async function createReport(db: Db, userId: number, body: CreateReportBody): Promise<MyReport> {
  const unitId = unitForReport(await reportOptions(db, userId), body);
  const communityId = Number(body.communityId);
  try {
    return await db.transaction(async (tx) => {
      const [report] = await tx.insert(reports).values({ memberId: userId, unitId, communityId, basis: body.basis }).returning();
      const [community] = await tx.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, communityId));
      await recordAudit(tx, { actorId: userId, action: 'report.create', entity: 'report', entityId: report!.id, to: 'pending_offline', details: { communityId, basis: body.basis }, orgPath: community!.path });
      await notify(tx, await holdersOf(tx, 'unit_admin', { unitId }), {
        kind: 'report.created',
        title: '党员提交了报到',
        body: '有党员在线提交了社区报到，请签发报到证',
        entity: 'report',
        entityId: report!.id,
      });
      return (await findMyReport(tx, userId))!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'reports_one_live_per_member')) throw new AppError(409, 'REPORT_EXISTS');
    throw err;
  }
}

export async function getReport(db: Db, id: string): Promise<ReportRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await findReport(db, n);
  if (!row) throw notFound();
  return row;
}

/** Why a conditional update on a report changed nothing. */
function stateConflict(): AppError {
  return new AppError(409, 'REPORT_STATE_CONFLICT');
}

/** `POST /api/reports/:id/certificate`: a new one-time code, replacing any earlier one. */
export async function issueCertificate(db: Db, actorId: number, row: ReportRow, now: Date): Promise<Certificate> {
  const code = newCertificateCode();
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reports)
      .set({ certificateCode: code, certificateIssuedAt: now })
      .where(and(eq(reports.id, row.report.id), eq(reports.status, 'pending_offline')))
      .returning({ id: reports.id });
    if (!updated) throw stateConflict();
    await recordAudit(tx, { actorId, action: 'report.certify', entity: 'report', entityId: row.report.id, from: 'pending_offline', to: 'pending_offline', details: { reissued: row.report.certificateCode !== null }, orgPath: row.communityPath });
    await notify(tx, row.report.memberId, {
      kind: 'report.certified',
      title: '报到证已签发',
      body: `请携带报到证到${row.communityName}完成线下报到`,
      entity: 'report',
      entityId: row.report.id,
    });
    return certificateOf(row.report.id, code, now);
  });
}

/**
 * The report waiting in `communityId` whose 报到证 is `code`: what a code typed on the list
 * confirms. None: 409 CERTIFICATE_INVALID, as a wrong code on a report. Two (codes are drawn at
 * random from 31^8; it would take a coincidence): 409 CERTIFICATE_AMBIGUOUS, to be confirmed from
 * the member's own row.
 */
export async function pendingReportByCode(db: Db, communityId: number, code: string): Promise<number> {
  const found = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.communityId, communityId), eq(reports.status, 'pending_offline'), eq(reports.certificateCode, code)))
    .limit(2);
  if (found.length === 0) throw new AppError(409, 'CERTIFICATE_INVALID');
  if (found.length > 1) throw new AppError(409, 'CERTIFICATE_AMBIGUOUS');
  return found[0]!.id;
}

/** `GET /api/reports/:id/certificate`: the code the member carries now, for the unit to show again. */
export function currentCertificate(row: ReportRow): Promise<Certificate> {
  const { certificateCode: code, certificateIssuedAt: issuedAt, status } = row.report;
  if (status !== 'pending_offline' || code === null || issuedAt === null) throw new AppError(404, 'CERTIFICATE_NOT_ISSUED');
  return certificateOf(row.report.id, code, issuedAt);
}

/**
 * `POST /api/reports/:id/confirm`: staff confirm with the code. Confirming a transfer (转移报到) ends
 * the report it replaces in the same transaction (moving.ts `completeTransfer`): at every instant
 * the member is counted once, in the old community or the new. Answers the report and the
 * communities whose wishes went back to published.
 */
export async function confirmReport(db: Db, actorId: number, row: ReportRow, code: string, now: Date): Promise<{ report: Report; wishCommunities: number[] }> {
  return db.transaction(async (tx) => {
    const transferOf = row.report.transferOf;
    // The old report first: id order, as ending a report locks it and its transfer.
    if (transferOf !== null) await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, transferOf)).for('update');
    const [current] = await tx.select().from(reports).where(eq(reports.id, row.report.id)).for('update');
    if (current!.status !== 'pending_offline') throw stateConflict();
    if (current!.certificateCode === null) throw new AppError(409, 'CERTIFICATE_NOT_ISSUED');
    if (current!.certificateCode !== code) throw new AppError(409, 'CERTIFICATE_INVALID');
    const moved = transferOf === null ? null : await completeTransfer(tx, actorId, row, now);
    await tx.update(reports).set({ status: 'confirmed', decidedBy: actorId, decidedAt: now }).where(eq(reports.id, row.report.id));
    await recordAudit(tx, { actorId, action: 'report.confirm', entity: 'report', entityId: row.report.id, from: 'pending_offline', to: 'confirmed', details: transferOf === null ? undefined : { transferOf }, orgPath: row.communityPath });
    const old = moved?.byMember.get(row.report.memberId);
    await notify(tx, row.report.memberId, {
      kind: 'report.confirmed',
      title: old ? '转移报到成功' : '报到成功',
      body: old
        ? `您已在${row.communityName}完成报到，${old.communityName}的报到已结束${handedBackText(old, '。')}`
        : `您已在${row.communityName}完成报到，欢迎回家！`,
      entity: 'report',
      entityId: row.report.id,
    });
    return { report: toReport((await findReport(tx, row.report.id))!), wishCommunities: moved?.wishCommunities ?? [] };
  });
}

/** `POST /api/reports/:id/reject` (staff, with a reason) and `/withdraw` (the member). */
export async function closeReport(
  db: Db,
  actorId: number,
  row: ReportRow,
  to: 'rejected' | 'withdrawn',
  reason: string | null,
  now: Date,
): Promise<Report> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reports)
      .set({ status: to, rejectReason: reason, decidedBy: actorId, decidedAt: now })
      .where(and(eq(reports.id, row.report.id), eq(reports.status, 'pending_offline')))
      .returning({ id: reports.id });
    if (!updated) throw stateConflict();
    await recordAudit(tx, { actorId, action: `report.${to === 'rejected' ? 'reject' : 'withdraw'}`, entity: 'report', entityId: row.report.id, from: 'pending_offline', to, details: reason ? { reason } : undefined, orgPath: row.communityPath });
    if (to === 'rejected') {
      await notify(tx, row.report.memberId, {
        kind: 'report.rejected',
        title: '报到未通过',
        body: `${row.communityName}未通过您的报到：${reason}`,
        entity: 'report',
        entityId: row.report.id,
      });
    }
    return toReport((await findReport(tx, row.report.id))!);
  });
}

/** Whom a report belongs to, for the withdraw route. */
export function assertOwnReport(actor: Actor, row: ReportRow): void {
  if (row.report.memberId !== actor.userId) throw notFound();
}
