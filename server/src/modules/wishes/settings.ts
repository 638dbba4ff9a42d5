import type { WishDeadlines } from '@huijia/shared';
import type { Db } from '../../db';
import { communitySettings } from '../../db/schema';
import { recordAudit } from '../audit/audit';
import { deadlinesOf } from './repository';

export const getDeadlines = (db: Db, communityId: number): Promise<WishDeadlines> => deadlinesOf(db, communityId);

/** Days to contact and to fulfil a claim in this community; applies to claims made from now on. */
export function setDeadlines(db: Db, actorId: number, communityId: number, d: WishDeadlines): Promise<WishDeadlines> {
  return db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ communityId, ...d })
      .onConflictDoUpdate({ target: communitySettings.communityId, set: d });
    await recordAudit(tx, { actorId, action: 'community.deadlines', entity: 'org_node', entityId: communityId, details: { ...d } });
    return deadlinesOf(tx, communityId);
  });
}
