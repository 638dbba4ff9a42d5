import {
  OPINION_CATEGORY_LABELS,
  OPINION_LEVEL_LABELS,
  OPINION_SOURCE_LABELS,
  OPINION_STATE_LABELS,
  SATISFACTION_LABELS,
  daysOf,
} from '@huijia/shared';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { opinions, orgNodes, users } from '../../../db/schema';
import { inPeriod } from '../../stats/period';
import { chinaTime } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder, type NodePeriodScope } from '../ledger';

const community = alias(orgNodes, 'community');
const place = alias(orgNodes, 'place');
const reporter = alias(users, 'reporter');

/** The opinions of a node's subtree raised in a period, overdue as of `now`. */
function opinionsIn(db: Db, { node, period, now }: NodePeriodScope, after: number) {
  return db
    .select({
      id: opinions.id,
      community: community.name,
      place: place.name,
      category: opinions.category,
      title: opinions.title,
      source: opinions.source,
      // Who raised it in the app, or the worker who logged it: never a phone (neither theirs, nor
      // the source person's, nor the private contact).
      reporter: reporter.name,
      raisedByName: opinions.raisedByName,
      status: opinions.status,
      level: opinions.level,
      reply: opinions.reply,
      closedReason: opinions.closedReason,
      resolvedAt: opinions.resolvedAt,
      closedAt: opinions.closedAt,
      satisfaction: opinions.satisfaction,
      overdue: sql<boolean>`(${opinions.status} = 'open' and ${opinions.dueAt} is not null and ${opinions.dueAt} < ${now.toISOString()}::timestamptz)`,
      createdAt: opinions.createdAt,
    })
    .from(opinions)
    .innerJoin(community, eq(community.id, opinions.communityId))
    .leftJoin(place, eq(place.id, opinions.placeId))
    .innerJoin(reporter, eq(reporter.id, opinions.reporterId))
    .where(
      and(
        inCommunitiesUnder(opinions.communityId, node),
        inPeriod(opinions.createdAt, period),
        gt(opinions.id, after),
      ),
    )
    .orderBy(asc(opinions.id))
    .limit(BATCH_ROWS);
}

/**
 * 民情台账: every opinion of the communities under a node raised in the period, in every state, for
 * the staff and admins who read the node's figures. A logged one (社情民意搜集本) names the person it
 * came from and the worker who logged it; a self-raised one its reporter. No phone at all.
 */
export const opinionLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'place', header: '小区/楼栋', width: 16 },
    { key: 'category', header: '类别', width: 10 },
    { key: 'title', header: '标题', width: 30 },
    { key: 'source', header: '来源', width: 10 },
    { key: 'raisedBy', header: '反映人', width: 10 },
    { key: 'collector', header: '收集人', width: 10 },
    { key: 'createdAt', header: '提出时间', width: 17 },
    { key: 'level', header: '当前层级/办结层级', width: 12 },
    { key: 'status', header: '状态', width: 8 },
    { key: 'outcome', header: '办理结果', width: 40 },
    { key: 'finishedAt', header: '办结时间', width: 17 },
    { key: 'days', header: '用时（天）', width: 10, numFmt: '0.0' },
    { key: 'satisfaction', header: '评价', width: 10 },
    { key: 'overdue', header: '是否超期', width: 8 },
  ],
  batches: (db: Db, scope: NodePeriodScope) => byId((after) => opinionsIn(db, scope, after)),
  cells: (o) => {
    const logged = o.source !== 'self';
    // Resolved or closed: when, and the reply or the reason.
    const finishedAt = o.status === 'resolved' ? o.resolvedAt : o.status === 'closed' ? o.closedAt : null;
    return {
      id: o.id,
      community: o.community,
      place: o.place,
      category: OPINION_CATEGORY_LABELS[o.category],
      title: o.title,
      source: OPINION_SOURCE_LABELS[o.source],
      raisedBy: logged ? o.raisedByName : o.reporter,
      collector: logged ? o.reporter : null,
      createdAt: chinaTime(o.createdAt),
      level: OPINION_LEVEL_LABELS[o.level],
      status: OPINION_STATE_LABELS[o.status],
      outcome: o.status === 'resolved' ? o.reply : o.status === 'closed' ? o.closedReason : null,
      finishedAt: chinaTime(finishedAt),
      days: finishedAt ? daysOf((finishedAt.getTime() - o.createdAt.getTime()) / 1000) : null,
      // Only a resolution is rated; one not rated yet says so.
      satisfaction: o.status === 'resolved' ? (o.satisfaction ? SATISFACTION_LABELS[o.satisfaction] : '未评价') : null,
      overdue: o.overdue ? '是' : '否',
    };
  },
});
