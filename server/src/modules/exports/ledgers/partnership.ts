import {
  AGREEMENT_RESOURCE_LABELS,
  AGREEMENT_STATE_LABELS,
  PROJECT_CATEGORY_LABELS,
  PROJECT_LEAD_KIND_LABELS,
  PROJECT_STATE_LABELS,
  addMonths,
  averageOf,
} from '@huijia/shared';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { agreements, gridGroups, orgNodes, projects, units, users } from '../../../db/schema';
import { agreementAccepted, agreementInForceDuring, projectOverdueNow } from '../../stats/partnership';
import { inPeriod } from '../../stats/period';
import { chinaTime, labelsOf } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder, type NodePeriodScope } from '../ledger';

const community = alias(orgNodes, 'community');
const leader = alias(users, 'leader');

/** The accepted agreements of a node's subtree in force on a day of the period, or signed in it. */
function agreementsIn(db: Db, { node, period }: NodePeriodScope, after: number) {
  const a = sql`${agreements}`;
  return db
    .select({
      id: agreements.id,
      community: community.name,
      unit: units.name,
      startsOn: agreements.startsOn,
      endsOn: agreements.endsOn,
      content: agreements.content,
      resources: agreements.resources,
      status: agreements.status,
      decidedAt: agreements.decidedAt,
      endedAt: agreements.endedAt,
      reason: agreements.reason,
      inForce: sql<boolean>`${agreementInForceDuring(a, period)}`,
    })
    .from(agreements)
    .innerJoin(community, eq(community.id, agreements.communityId))
    .innerJoin(units, eq(units.id, agreements.unitId))
    .where(
      and(
        inCommunitiesUnder(agreements.communityId, node),
        agreementAccepted(a),
        sql`(${agreementInForceDuring(a, period)} or ${inPeriod(agreements.decidedAt, period)})`,
        gt(agreements.id, after),
      ),
    )
    .orderBy(asc(agreements.id))
    .limit(BATCH_ROWS);
}

/**
 * 共建台账, its first sheet (共建协议): the accepted agreements of the communities under a node in
 * force on a day of the period (生效协议) or signed in it (签订协议), with their terms and what the
 * unit brings. A unit and a community, no person: no name, no phone.
 */
export const agreementLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'unit', header: '共建单位', width: 22 },
    { key: 'startsOn', header: '开始日期', width: 12 },
    { key: 'endsOn', header: '结束日期', width: 12 },
    { key: 'content', header: '共建内容', width: 40 },
    { key: 'resources', header: '单位投入', width: 18 },
    { key: 'status', header: '状态', width: 10 },
    { key: 'inForce', header: '期间内有效', width: 10 },
    { key: 'decidedAt', header: '签订时间', width: 17 },
    { key: 'endedAt', header: '终止时间', width: 17 },
    { key: 'reason', header: '终止原因', width: 24 },
  ],
  batches: (db: Db, scope: NodePeriodScope) => byId((after) => agreementsIn(db, scope, after)),
  cells: (a) => ({
    id: a.id,
    community: a.community,
    unit: a.unit,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    content: a.content,
    resources: labelsOf(AGREEMENT_RESOURCE_LABELS, a.resources),
    status: AGREEMENT_STATE_LABELS[a.status],
    inForce: a.inForce ? '是' : '否',
    decidedAt: chinaTime(a.decidedAt),
    endedAt: chinaTime(a.endedAt),
    reason: a.status === 'ended' ? a.reason : null,
  }),
});

/**
 * The projects of a node's subtree open at some moment of the period: published before its end and
 * neither completed nor withdrawn before its start (so every one the figures count as published,
 * started or completed in it).
 */
function projectsIn(db: Db, { node, period, now }: NodePeriodScope, after: number) {
  const start = `${period.from}-01 00:00:00+08`;
  const end = `${addMonths(period.to, 1)}-01 00:00:00+08`;
  return db
    .select({
      id: projects.id,
      community: community.name,
      category: projects.category,
      title: projects.title,
      status: projects.status,
      leadKind: projects.leadKind,
      leadUnit: units.name,
      leadTeam: gridGroups.name,
      leadPerson: leader.name,
      dueOn: projects.dueOn,
      createdAt: projects.createdAt,
      firstClaimedAt: projects.firstClaimedAt,
      completedAt: projects.completedAt,
      ratingSum: projects.ratingSum,
      ratingCount: projects.ratingCount,
      overdue: sql<boolean>`${projectOverdueNow(sql`${projects}`, now)}`,
    })
    .from(projects)
    .innerJoin(community, eq(community.id, projects.communityId))
    .leftJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(gridGroups, eq(gridGroups.id, projects.leadTeamId))
    .leftJoin(leader, eq(leader.id, projects.leadUserId))
    .where(
      and(
        inCommunitiesUnder(projects.communityId, node),
        sql`${projects.createdAt} < ${end}::timestamptz`,
        sql`(${projects.status} not in ('completed', 'withdrawn') or coalesce(${projects.completedAt}, ${projects.withdrawnAt}) >= ${start}::timestamptz)`,
        gt(projects.id, after),
      ),
    )
    .orderBy(asc(projects.id))
    .limit(BATCH_ROWS);
}

type ProjectRow = Awaited<ReturnType<typeof projectsIn>>[number];

/** Who leads a project now, as the board names it: the unit, the team, or the person. */
function leadOf(p: ProjectRow): string | null {
  if (p.leadKind === 'unit') return p.leadUnit;
  if (p.leadKind === 'team') return p.leadTeam;
  return p.leadKind ? p.leadPerson : null;
}

/**
 * 共建台账, its second sheet (共建项目): the projects of the communities under a node open at some
 * moment of the period, with their lead now, when they were published, first claimed and completed,
 * whether they are overdue today (`projectOverdueNow`), and their residents' rating. The lead is
 * named as the board names it (a unit, a team, a person); no phone.
 */
export const projectLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'category', header: '类别', width: 10 },
    { key: 'title', header: '项目名称', width: 30 },
    { key: 'status', header: '状态', width: 10 },
    { key: 'leadKind', header: '牵头方类型', width: 12 },
    { key: 'lead', header: '牵头方', width: 22 },
    { key: 'dueOn', header: '截止日期', width: 12 },
    { key: 'createdAt', header: '发布时间', width: 17 },
    { key: 'firstClaimedAt', header: '首次认领时间', width: 17 },
    { key: 'completedAt', header: '完成时间', width: 17 },
    { key: 'overdue', header: '超期', width: 6 },
    { key: 'rating', header: '平均评分', width: 9, numFmt: '0.00' },
    { key: 'ratings', header: '评分人数', width: 9 },
  ],
  batches: (db: Db, scope: NodePeriodScope) => byId((after) => projectsIn(db, scope, after)),
  cells: (p: ProjectRow) => ({
    id: p.id,
    community: p.community,
    category: PROJECT_CATEGORY_LABELS[p.category],
    title: p.title,
    status: PROJECT_STATE_LABELS[p.status],
    leadKind: p.leadKind ? PROJECT_LEAD_KIND_LABELS[p.leadKind] : null,
    lead: leadOf(p),
    dueOn: p.dueOn,
    createdAt: chinaTime(p.createdAt),
    firstClaimedAt: chinaTime(p.firstClaimedAt),
    completedAt: p.status === 'completed' ? chinaTime(p.completedAt) : null,
    overdue: p.overdue ? '是' : '否',
    rating: averageOf(p.ratingSum, p.ratingCount),
    ratings: p.ratingCount,
  }),
});
