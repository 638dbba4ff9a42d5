import { sql } from 'drizzle-orm';
import type { StaffQueueCounts } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';

/**
 * What waits for a community's staff on 工作台, in one statement: each count is its queue's filter
 * (the wish list's `status`, the community's reports `pending_offline`, the records `pending`),
 * read on the (community, status) index of each table.
 */
export async function staffQueueCounts(db: Db, communityId: number): Promise<StaffQueueCounts> {
  const [counts] = await rowsOf<StaffQueueCounts>(db, sql`
    select
      (select count(*) from wishes where community_id = ${communityId} and status = 'pending_review')::int as review,
      (select count(*) from wishes where community_id = ${communityId} and status = 'disputed')::int as disputes,
      (select count(*) from reports where community_id = ${communityId} and status = 'pending_offline')::int as reports,
      (select count(*) from service_records where community_id = ${communityId} and status = 'pending')::int as records`);
  return counts!;
}
