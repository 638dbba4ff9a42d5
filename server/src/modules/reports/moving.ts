import { and, asc, desc, eq, or } from 'drizzle-orm';
import {
  REPORT_END_REASON_LABELS,
  decide,
  reportMachine,
  type EndReportBody,
  type MyReport,
  type ReportDetail,
  type TransferReportBody,
} from '@huijia/shared';
import type { Db } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes, reports } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify, notifyEach } from '../notifications/notify';
import type { Actor } from '../users/actor';
import { holdersOf, staffOf } from '../users/grants';
import { endReports, handedBackText } from './ending';
import { findMyReport, findReport, toOwnReport, toReport, type ReportRow } from './repository';
import { reportOptions, unitForReport } from './service';

/**
 * A member's report follows them (domain.md, "A member's life on the rolls"): they move and
 * transfer it (转移报到), or it ends (退休、调离、去世). The transfer's confirmation, which ends the
 * old report, is service.ts `confirmReport` with ending.ts `completeTransfer`.
 */

/** Who may see a report, and how: its member, their unit's admin, the community's staff. */
function viewerOf(actor: Actor, row: ReportRow) {
  const own = row.report.memberId === actor.userId;
  const unitAdmin = decide(actor.grants, 'report.end', { unitId: String(row.report.unitId) }) === 'allow';
  const staff = decide(actor.grants, 'report.list', { orgPath: row.communityPath }) === 'allow';
  return { own, unitAdmin, staff, any: own || unitAdmin || staff };
}

/** `GET /api/reports/:id`: the report, with the transfer that replaces it and the one it replaced. */
export async function reportDetail(db: Db, actor: Actor, row: ReportRow): Promise<ReportDetail> {
  const viewer = viewerOf(actor, row);
  if (!viewer.any) throw notFound();
  const r = row.report;
  const [transfer] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.transferOf, r.id), or(eq(reports.status, 'pending_offline'), eq(reports.status, 'confirmed'))))
    .orderBy(desc(reports.id))
    .limit(1);
  const transferRow = transfer ? await findReport(db, transfer.id) : undefined;
  const fromRow = r.transferOf === null ? undefined : await findReport(db, r.transferOf);
  const own = await toOwnReport(row);
  return {
    ...own,
    certificate: viewer.own ? own.certificate : null,
    transfer: transferRow ? toReport(transferRow) : null,
    transferredFrom: fromRow ? toReport(fromRow) : null,
    mayTransfer: viewer.own && reportMachine.can('member', 'end', r.status) && !transferRow,
    mayEnd: (viewer.own && reportMachine.can('member', 'end', r.status)) || (viewer.unitAdmin && reportMachine.can('unit_admin', 'end', r.status)),
  };
}

/**
 * `POST /api/reports/:id/transfer`: the member moved. A new pending report in the new community,
 * beside the confirmed one, which goes on counting until the new community confirms (then it ends,
 * in the same transaction). One pending transfer at a time, by a unique index.
 */
export async function transferReport(db: Db, userId: number, row: ReportRow, body: TransferReportBody): Promise<MyReport> {
  if (row.report.memberId !== userId) throw notFound();
  if (!reportMachine.can('member', 'end', row.report.status)) throw new AppError(409, 'REPORT_STATE_CONFLICT');
  const communityId = Number(body.communityId);
  if (communityId === row.report.communityId) throw new AppError(409, 'REPORT_TRANSFER_SAME_COMMUNITY');
  const unitId = unitForReport(await reportOptions(db, userId), body, row.report.unitId);
  try {
    return await db.transaction(async (tx) => {
      // The report it replaces must still be confirmed: locked, so that it cannot end meanwhile.
      const [old] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.id, row.report.id), eq(reports.status, 'confirmed'))).for('update');
      if (!old) throw new AppError(409, 'REPORT_STATE_CONFLICT');
      const [created] = await tx.insert(reports).values({ memberId: userId, unitId, communityId, basis: body.basis, transferOf: old.id }).returning({ id: reports.id });
      const [community] = await tx.select({ path: orgNodes.path, name: orgNodes.name }).from(orgNodes).where(eq(orgNodes.id, communityId));
      await recordAudit(tx, {
        actorId: userId,
        action: 'report.transfer',
        entity: 'report',
        entityId: created!.id,
        to: 'pending_offline',
        details: { transferOf: old.id, fromCommunityId: row.report.communityId, communityId, basis: body.basis },
        orgPath: community!.path,
      });
      await notify(tx, await holdersOf(tx, 'unit_admin', { unitId }), {
        kind: 'report.created',
        title: '党员申请转移报到',
        body: `有党员申请由${row.communityName}转到${community!.name}报到，请签发报到证`,
        entity: 'report',
        entityId: created!.id,
      });
      return (await findMyReport(tx, userId))!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'reports_one_transfer_per_member')) throw new AppError(409, 'REPORT_TRANSFER_EXISTS');
    throw err;
  }
}

/**
 * `POST /api/reports/:id/end`: 退休、调离、去世, by the member or their unit's admin. What the member
 * held in the community is handed back (reports/ending.ts); a pending transfer of the report is
 * withdrawn with it. The member, when it was not they who ended it, and the community's staff hear it.
 */
export async function endReport(db: Db, actor: Actor, row: ReportRow, body: EndReportBody, now: Date): Promise<{ detail: ReportDetail; wishCommunities: number[] }> {
  const viewer = viewerOf(actor, row);
  const by = viewer.own ? 'member' : viewer.unitAdmin ? 'unit_admin' : null;
  if (!viewer.any) throw notFound();
  if (by === null) throw new AppError(403, 'FORBIDDEN');
  if (!reportMachine.can(by, 'end', row.report.status)) throw new AppError(409, 'REPORT_STATE_CONFLICT');
  const { wishCommunities } = await db.transaction(async (tx) => {
    // The report and a pending transfer of it, locked in id order (as a transfer's confirmation locks them).
    const locked = await tx
      .select({ id: reports.id, status: reports.status, transferOf: reports.transferOf })
      .from(reports)
      .where(or(eq(reports.id, row.report.id), and(eq(reports.transferOf, row.report.id), eq(reports.status, 'pending_offline'))))
      .orderBy(asc(reports.id))
      .for('update');
    const ended = await endReports(tx, [row.report.id], body.reason, actor.userId, now);
    const mine = ended.byMember.get(row.report.memberId);
    if (!mine) throw new AppError(409, 'REPORT_STATE_CONFLICT');
    if (body.note) {
      await recordAudit(tx, { actorId: actor.userId, action: 'report.end_note', entity: 'report', entityId: row.report.id, details: { note: body.note }, orgPath: row.communityPath });
    }
    for (const pending of locked.filter((l) => l.transferOf === row.report.id && l.status === 'pending_offline')) {
      await tx.update(reports).set({ status: 'withdrawn', decidedBy: actor.userId, decidedAt: now }).where(eq(reports.id, pending.id));
      await recordAudit(tx, { actorId: actor.userId, action: 'report.withdraw', entity: 'report', entityId: pending.id, from: 'pending_offline', to: 'withdrawn', details: { reason: body.reason }, orgPath: row.communityPath });
    }
    const label = REPORT_END_REASON_LABELS[body.reason];
    const messages = (await staffOf(tx, row.report.communityId)).map((userId) => ({
      userId,
      kind: 'report.ended',
      title: '党员报到已结束',
      body: `党员${row.memberName}在本社区的报到已结束（${label}）${handedBackText(mine, '。')}`,
      entity: 'report' as const,
      entityId: row.report.id,
    }));
    if (by === 'unit_admin') {
      messages.push({
        userId: row.report.memberId,
        kind: 'report.ended',
        title: '您的报到已结束',
        body: `${row.unitName}已结束您在${row.communityName}的报到（${label}）${handedBackText(mine, '。')}`,
        entity: 'report',
        entityId: row.report.id,
      });
    }
    await notifyEach(tx, messages);
    return ended;
  });
  return { detail: await reportDetail(db, actor, (await findReport(db, row.report.id))!), wishCommunities };
}
