import { RECORD_SOURCE_LABELS, RECORD_STATE_LABELS, hoursOf } from '@huijia/shared';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { orgNodes, serviceRecords, users } from '../../../db/schema';
import type { OrgNodeRow } from '../../orgs/repository';
import type { UnitRow } from '../../units/service';
import { HOURS_FORMAT, chinaTime } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder, ofMembersOf, type Column } from '../ledger';

const member = alias(users, 'member');
const verifier = alias(users, 'verifier');

function records(db: Db, scope: SQL, after: number) {
  return db
    .select({
      id: serviceRecords.id,
      community: orgNodes.name,
      member: member.name,
      source: serviceRecords.sourceType,
      content: serviceRecords.content,
      beneficiary: serviceRecords.beneficiary,
      startedAt: serviceRecords.startedAt,
      endedAt: serviceRecords.endedAt,
      minutes: serviceRecords.minutes,
      status: serviceRecords.status,
      rejectReason: serviceRecords.rejectReason,
      verifier: verifier.name,
      verifiedAt: serviceRecords.verifiedAt,
      createdAt: serviceRecords.createdAt,
    })
    .from(serviceRecords)
    .innerJoin(orgNodes, eq(orgNodes.id, serviceRecords.communityId))
    .innerJoin(member, eq(member.id, serviceRecords.memberId))
    .leftJoin(verifier, eq(verifier.id, serviceRecords.verifiedBy))
    .where(and(scope, gt(serviceRecords.id, after)))
    .orderBy(asc(serviceRecords.id))
    .limit(BATCH_ROWS);
}
type RecordRow = Awaited<ReturnType<typeof records>>[number];

const columns = [
  { key: 'id', header: '编号', width: 10 },
  { key: 'community', header: '社区', width: 16 },
  { key: 'member', header: '党员', width: 10 },
  { key: 'source', header: '服务类型', width: 10 },
  { key: 'content', header: '服务内容', width: 40 },
  { key: 'beneficiary', header: '服务对象', width: 16 },
  { key: 'startedAt', header: '开始时间', width: 17 },
  { key: 'endedAt', header: '结束时间', width: 17 },
  { key: 'hours', header: '时长（小时）', width: 12, numFmt: HOURS_FORMAT },
  { key: 'status', header: '状态', width: 8 },
  { key: 'rejectReason', header: '未通过原因', width: 20 },
  { key: 'verifier', header: '核实人', width: 10 },
  { key: 'verifiedAt', header: '核实时间', width: 17 },
  { key: 'createdAt', header: '提交时间', width: 17 },
] as const satisfies readonly Column<string>[];

const cells = (r: RecordRow) => ({
  id: r.id,
  community: r.community,
  member: r.member,
  source: RECORD_SOURCE_LABELS[r.source],
  content: r.content,
  beneficiary: r.beneficiary,
  startedAt: chinaTime(r.startedAt),
  endedAt: chinaTime(r.endedAt),
  hours: hoursOf(r.minutes),
  status: RECORD_STATE_LABELS[r.status],
  rejectReason: r.rejectReason,
  verifier: r.verifier,
  verifiedAt: chinaTime(r.verifiedAt),
  createdAt: chinaTime(r.createdAt),
});

/** 服务记实台账: every service record of the communities under a node, pending, verified or not. */
export const recordLedger = defineLedger({
  columns,
  batches: (db: Db, node: OrgNodeRow) => byId((after) => records(db, inCommunitiesUnder(serviceRecords.communityId, node), after)),
  cells,
});

/** A unit's 服务记实台账: the records of the members on its roster, wherever they served. */
export const unitRecordLedger = defineLedger({
  columns,
  batches: (db: Db, unit: UnitRow) => byId((after) => records(db, ofMembersOf(serviceRecords.memberId, unit), after)),
  cells,
});
