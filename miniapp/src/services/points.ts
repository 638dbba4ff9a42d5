import {
  type LeaderboardEntry,
  leaderboardEntrySchema,
  type LedgerEntry,
  ledgerEntrySchema,
  listEnvelope,
  type ListEnvelope,
  type PointsSummary,
  pointsSummarySchema,
} from '@huijia/shared';
import { request } from './api';

const ledgerPageSchema = listEnvelope(ledgerEntrySchema);

// `{ items }` with no cursor: the envelope without it.
const leaderboardSchema = listEnvelope(leaderboardEntrySchema).pick({ items: true });

/** 我的积分: the balance (a sum of the ledger), verified hours and completed wishes. */
export function getMyPoints(): Promise<PointsSummary> {
  return request('GET', '/api/points/me', { schema: pointsSummarySchema });
}

/** One page of my ledger (积分明细), newest first. */
export function listMyLedger(cursor: string | null, limit = 20): Promise<ListEnvelope<LedgerEntry>> {
  return request('GET', '/api/points/ledger', { query: { cursor, limit }, schema: ledgerPageSchema });
}

/** 服务排行: a community's members by verified hours, then completed wishes. */
export async function getLeaderboard(communityId: string): Promise<LeaderboardEntry[]> {
  const answer = await request('GET', `/api/communities/${encodeURIComponent(communityId)}/leaderboard`, {
    schema: leaderboardSchema,
  });
  return answer.items;
}
