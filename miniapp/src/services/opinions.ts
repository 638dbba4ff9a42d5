import {
  type CreateOpinionBody,
  listEnvelope,
  type ListEnvelope,
  type Opinion,
  type OpinionDeadlines,
  opinionDeadlinesSchema,
  type OpinionLevel,
  opinionSchema,
  type OpinionState,
  type OpinionStats,
  opinionStatsSchema,
  type Satisfaction,
} from '@huijia/shared';
import { type QueryValue, request } from './api';
import { newIdempotencyKey, withIdempotencyKey } from './idempotency';
import { QUEUE_COUNT_LIMIT } from './queueCounts';

const opinionPageSchema = listEnvelope(opinionSchema);

/**
 * `GET /api/opinions`, one of three lists (see `opinionListQuerySchema`): `mine` (我的民情),
 * `queue` (民情办理: the open ones at the levels the caller holds, most seconded first, then
 * oldest), else a community's board (社区民情) or, for staff and admins, everything under a node.
 */
export interface OpinionListQuery {
  mine?: boolean;
  queue?: boolean;
  communityId?: string;
  orgId?: string;
  status?: OpinionState;
  level?: OpinionLevel;
  overdue?: boolean;
  limit?: number;
  cursor?: string | null;
}

/** One page of opinions; follow `nextCursor` for the next. */
export function listOpinions(query: OpinionListQuery): Promise<ListEnvelope<Opinion>> {
  const params: Record<string, QueryValue> = {
    mine: query.mine ? 1 : undefined,
    queue: query.queue ? 1 : undefined,
    communityId: query.communityId,
    orgId: query.orgId,
    status: query.status,
    level: query.level,
    overdue: query.overdue ? 1 : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/opinions', { query: params, schema: opinionPageSchema });
}

/** How much waits in the caller's queue, per level: open ones, overdue ones; `more` past the first page. */
export interface QueueCount {
  open: Record<OpinionLevel, number>;
  overdue: Record<OpinionLevel, number>;
  more: boolean;
}

/** 民情办理's count for the entries of 工作台: one page of the queue, counted by level. */
export async function countQueue(): Promise<QueueCount> {
  const page = await listOpinions({ queue: true, limit: QUEUE_COUNT_LIMIT });
  const zero = (): Record<OpinionLevel, number> => ({ branch: 0, community: 0, street: 0, representative: 0 });
  const count: QueueCount = { open: zero(), overdue: zero(), more: page.nextCursor !== null };
  for (const opinion of page.items) {
    if (opinion.status !== 'open') continue;
    count.open[opinion.level] += 1;
    if (opinion.overdue) count.overdue[opinion.level] += 1;
  }
  return count;
}

/** The detail, with its path (`history`). */
export function getOpinion(id: string): Promise<Opinion> {
  return request('GET', `/api/opinions/${encodeURIComponent(id)}`, { schema: opinionSchema });
}

/**
 * 反映民情 (or, for a worker, logging what they collected). `idempotencyKey` is made once per
 * form: sending the same form again returns the opinion made the first time.
 */
export function createOpinion(body: CreateOpinionBody, idempotencyKey: string): Promise<Opinion> {
  return request('POST', '/api/opinions', { body: withIdempotencyKey(body, idempotencyKey), schema: opinionSchema });
}

/** The key of one opinion form (see `createOpinion`). */
export const newOpinionKey = (): string => newIdempotencyKey('opinion');

const actionPath = (id: string, action: string) => `/api/opinions/${encodeURIComponent(id)}/${action}`;

/** The opinion as the holder saw it: its level goes with each holder's action (see `seenLevel`). */
type Seen = Pick<Opinion, 'id' | 'level'>;

/** 办结: what was done, which the reporter reads. */
export function resolveOpinion(opinion: Seen, reply: string): Promise<Opinion> {
  return request('POST', actionPath(opinion.id, 'resolve'), { body: { reply, level: opinion.level }, schema: opinionSchema });
}

/** 上报: to the next level's holders, with the reason. 409 OPINION_TOP_LEVEL above 呼吁. */
export function escalateOpinion(opinion: Seen, reason: string): Promise<Opinion> {
  return request('POST', actionPath(opinion.id, 'escalate'), { body: { reason, level: opinion.level }, schema: opinionSchema });
}

/** 关闭 (a duplicate, not a matter for us): final, with the reason. */
export function closeOpinion(opinion: Seen, reason: string): Promise<Opinion> {
  return request('POST', actionPath(opinion.id, 'close'), { body: { reason, level: opinion.level }, schema: opinionSchema });
}

/** 评价 by the reporter; 不满意 reopens it once at the level that resolved it. */
export function rateOpinion(id: string, satisfaction: Satisfaction, comment: string): Promise<Opinion> {
  return request('POST', actionPath(id, 'rate'), {
    body: { satisfaction, comment: comment.trim() || undefined },
    schema: opinionSchema,
  });
}

/** 附议: a neighbour shares the problem, once. */
export function secondOpinion(id: string): Promise<Opinion> {
  return request('POST', actionPath(id, 'second'), { schema: opinionSchema });
}

/** 民情 figures of a node over whole months (统计). */
export function opinionStats(query: { orgId: string; from?: string; to?: string }): Promise<OpinionStats> {
  return request('GET', '/api/stats/opinions', { query: { ...query }, schema: opinionStatsSchema });
}

/** `GET /api/orgs/:id/opinion-deadlines`: the days each level of a district has for its first answer. */
export function getOpinionDeadlines(districtId: string): Promise<OpinionDeadlines> {
  return request('GET', `/api/orgs/${encodeURIComponent(districtId)}/opinion-deadlines`, { schema: opinionDeadlinesSchema });
}

/** 民情办理期限 of a district (opinions already at a level keep the deadline they entered it with). */
export function setOpinionDeadlines(districtId: string, deadlines: OpinionDeadlines): Promise<OpinionDeadlines> {
  return request('PUT', `/api/orgs/${encodeURIComponent(districtId)}/opinion-deadlines`, {
    body: deadlines,
    schema: opinionDeadlinesSchema,
  });
}
