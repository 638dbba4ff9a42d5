import { DEFAULT_PERIOD_MONTHS, MAX_PERIOD_MONTHS, addMonths, monthsBetween, periodOf, type StatsSubject } from '@huijia/shared';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors';
import type { OrgNodeRow } from '../orgs/repository';
import { getOrgNode } from '../orgs/service';
import type { Actor } from '../users/actor';
import type { Period } from './tree';

/** Nothing of the programme is older; and the year 0000, which the months' pattern lets through, is
 *  no year at all (the database refuses it). */
const FIRST_MONTH = '2000-01';

/**
 * The period a query of figures or of a ledger asks for (`periodOf`, the last twelve months by
 * default), refused before FIRST_MONTH or past MAX_PERIOD_MONTHS: checked before anything is looked
 * up, as it depends on the request alone.
 */
export function periodAsked(q: { from?: string; to?: string }, now: Date): Period {
  const period = periodOf(q, now, DEFAULT_PERIOD_MONTHS);
  if (period.from < FIRST_MONTH) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.from', message: '统计月份不能早于 2000 年 1 月' }]);
  }
  if (monthsBetween(period.from, period.to).length > MAX_PERIOD_MONTHS) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.to', message: `统计区间最长 ${MAX_PERIOD_MONTHS} 个月` }]);
  }
  return period;
}

const STATS_NODE_KINDS = ['city', 'district', 'street', 'community'] as const;

/** A node as the subject of figures: a community or above (a compound's are its community's). */
export function nodeSubject(node: OrgNodeRow): StatsSubject {
  const kind = STATS_NODE_KINDS.find((k) => k === node.kind);
  if (!kind) throw new AppError(400, 'BAD_REQUEST', '统计到社区一级，请选择社区或以上的节点');
  return { id: String(node.id), name: node.name, kind };
}

/**
 * `at` (a column, an expression) falls in the period's whole months: from the start of `from` to
 * the start of the month after `to`, in China's time. The bounds as text, which the database reads
 * for any year the months' pattern allows (a JavaScript date stops short of year 10000).
 */
export function inPeriod(at: SQLWrapper, period: Period): SQL {
  const start = `${period.from}-01 00:00:00+08`;
  const end = `${addMonths(period.to, 1)}-01 00:00:00+08`;
  return sql`${at} >= ${start}::timestamptz and ${at} < ${end}::timestamptz`;
}

/**
 * What figures or a ledger of a node and period (民情, 活动) are asked for: the period, checked
 * first as it depends on the request alone (400); the node (404); and whoever reads the node's
 * figures (`stats.read`: 403, or 404 out of reach; a unit reaches no node).
 */
export async function nodePeriodAsked(
  app: FastifyInstance,
  request: FastifyRequest,
  q: { orgId: string; from?: string; to?: string },
): Promise<{ node: OrgNodeRow; period: Period; actor: Actor }> {
  const period = periodAsked(q, app.now());
  const node = await getOrgNode(app.nodes, q.orgId);
  const actor = await request.authorize('stats.read', { orgPath: node.path });
  return { node, period, actor };
}
