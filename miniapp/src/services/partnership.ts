import { type NodePeriodQuery, type PartnershipStats, partnershipStatsSchema } from '@huijia/shared';
import { request } from './api';

/** 结对共建 figures of a node over whole months (统计): agreements, projects, and each unit's part. */
export function partnershipStats(query: NodePeriodQuery): Promise<PartnershipStats> {
  return request('GET', '/api/stats/partnership', { query: { ...query }, schema: partnershipStatsSchema });
}
