import { countedPageSchema, rosterFiguresSchema, staffQueueCountsSchema, type StaffQueueCounts } from '@huijia/shared';
import { type QueryValue, request } from './api';

/** The largest page the API serves: a queue's count is read from one such page. */
export const QUEUE_COUNT_LIMIT = 100;

/** How many wait in a queue, from one page; `more` past it. */
export interface QueueSize {
  count: number;
  more: boolean;
}

/** How many items `GET path?query` lists, from one page of ids (the items themselves are not parsed). */
export async function countOf(path: string, query: Record<string, QueryValue>): Promise<QueueSize> {
  const page = await request('GET', path, { query: { ...query, limit: QUEUE_COUNT_LIMIT }, schema: countedPageSchema });
  return { count: page.items.length, more: page.nextCursor !== null };
}

/** What waits for a community's staff on 工作台: wishes to review, disputes, reports to confirm, records to verify. */
export type StaffQueues = Record<keyof StaffQueueCounts, QueueSize>;

/** 工作台's four counts, exact, in one request. */
export async function countStaffQueues(communityId: string): Promise<StaffQueues> {
  const counts = await request('GET', `/api/communities/${encodeURIComponent(communityId)}/queues`, { schema: staffQueueCountsSchema });
  const exact = (count: number): QueueSize => ({ count, more: false });
  return { review: exact(counts.review), disputes: exact(counts.disputes), reports: exact(counts.reports), records: exact(counts.records) };
}

/** How many on a unit's roster have not reported yet (报到情况 on 工作台): from the figures of a one-member page. */
export async function countUnreported(unitId: string): Promise<number> {
  const { figures } = await request('GET', `/api/units/${encodeURIComponent(unitId)}/members`, { query: { limit: 1 }, schema: rosterFiguresSchema });
  return Math.max(0, figures.roster - figures.confirmed - figures.pending);
}
