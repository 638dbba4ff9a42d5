import { REPORT_BASIS_LABELS, REPORT_STATE_LABELS } from '@huijia/shared';
import { and, asc, eq, gt, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db';
import { orgNodes, reports, units, users } from '../../../db/schema';
import type { OrgNodeRow } from '../../orgs/repository';
import type { UnitRow } from '../../units/service';
import { chinaTime } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder, ofMembersOf, rosterUnitsOf, type Column } from '../ledger';
import type { Viewer } from '../viewer';

function reportsWhere(db: Db, scope: SQL, after: number) {
  return db
    .select({
      id: reports.id,
      member: users.name,
      phone: users.phone,
      rosterUnits: rosterUnitsOf(users.phone),
      unit: units.name,
      community: orgNodes.name,
      basis: reports.basis,
      status: reports.status,
      certificateIssued: isNotNull(reports.certificateCode).mapWith(Boolean),
      rejectReason: reports.rejectReason,
      createdAt: reports.createdAt,
      decidedAt: reports.decidedAt,
    })
    .from(reports)
    .innerJoin(users, eq(users.id, reports.memberId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .innerJoin(orgNodes, eq(orgNodes.id, reports.communityId))
    .where(and(scope, gt(reports.id, after)))
    .orderBy(asc(reports.id))
    .limit(BATCH_ROWS);
}
type ReportRow = Awaited<ReturnType<typeof reportsWhere>>[number];

const columns = [
  { key: 'id', header: '编号', width: 10 },
  { key: 'member', header: '党员', width: 10 },
  { key: 'phone', header: '手机号', width: 14 },
  { key: 'unit', header: '单位', width: 20 },
  { key: 'community', header: '报到社区', width: 16 },
  { key: 'basis', header: '报到方式', width: 18 },
  { key: 'status', header: '状态', width: 11 },
  { key: 'certificate', header: '报到证', width: 8 },
  { key: 'rejectReason', header: '未通过原因', width: 20 },
  { key: 'createdAt', header: '线上报到时间', width: 17 },
  { key: 'decidedAt', header: '办理时间', width: 17 },
] as const satisfies readonly Column<string>[];

/** The member's phone only for whoever may read a roster listing them, as in 信息比对. */
const cells = (r: ReportRow, viewer: Viewer) => ({
  id: r.id,
  member: r.member,
  phone: viewer.readsRosterOf(r.rosterUnits) ? r.phone : null,
  unit: r.unit,
  community: r.community,
  basis: REPORT_BASIS_LABELS[r.basis],
  status: REPORT_STATE_LABELS[r.status],
  certificate: r.certificateIssued ? '已签发' : '未签发',
  rejectReason: r.rejectReason,
  createdAt: chinaTime(r.createdAt),
  decidedAt: chinaTime(r.decidedAt),
});

/** 报到台账: every report (双报到) to the communities under a node, live or closed. */
export const reportLedger = defineLedger({
  columns,
  batches: (db: Db, node: OrgNodeRow) => byId((after) => reportsWhere(db, inCommunitiesUnder(reports.communityId, node), after)),
  cells,
});

/** A unit's 报到台账: the reports of the members on its roster, to whichever community. */
export const unitReportLedger = defineLedger({
  columns,
  batches: (db: Db, unit: UnitRow) => byId((after) => reportsWhere(db, ofMembersOf(reports.memberId, unit), after)),
  cells,
});
