import { PIONEER_ROLE_LABELS, WISH_CATEGORY_LABELS, WISH_STATE_LABELS, maskName } from '@huijia/shared';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { orgNodes, users, wishes } from '../../../db/schema';
import type { OrgNodeRow } from '../../orgs/repository';
import { chinaTime } from '../cells';
import { BATCH_ROWS, byId, defineLedger, inCommunitiesUnder } from '../ledger';

const community = alias(orgNodes, 'community');
const resident = alias(users, 'resident');
const claimant = alias(users, 'claimant');

function wishesUnder(db: Db, node: OrgNodeRow, after: number) {
  return db
    .select({
      id: wishes.id,
      community: community.name,
      communityPath: community.path,
      title: wishes.title,
      description: wishes.description,
      category: wishes.category,
      pioneerRole: wishes.pioneerRole,
      status: wishes.status,
      // 代办: the name staff typed, not the staff member's own.
      resident: sql<string>`coalesce(${wishes.onBehalfOfName}, ${resident.name})`,
      contactPhone: wishes.contactPhone,
      address: wishes.address,
      claimant: claimant.name,
      claimedAt: wishes.claimedAt,
      fulfilledAt: wishes.fulfilledAt,
      completedAt: wishes.completedAt,
      rating: wishes.rating,
      comment: wishes.comment,
      createdAt: wishes.createdAt,
    })
    .from(wishes)
    .innerJoin(community, eq(community.id, wishes.communityId))
    .innerJoin(resident, eq(resident.id, wishes.residentId))
    .leftJoin(claimant, eq(claimant.id, wishes.claimantId))
    .where(and(inCommunitiesUnder(wishes.communityId, node), gt(wishes.id, after)))
    .orderBy(asc(wishes.id))
    .limit(BATCH_ROWS);
}

/**
 * 微心愿台账: every wish of the communities under a node, in every state. The resident's phone and
 * address, and their full name, only for staff of the wish's community; for anyone else the
 * columns stay and are blank, and the name is masked (王**).
 */
export const wishLedger = defineLedger({
  columns: [
    { key: 'id', header: '编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'title', header: '心愿', width: 24 },
    { key: 'description', header: '心愿内容', width: 40 },
    { key: 'category', header: '类别', width: 10 },
    { key: 'pioneerRole', header: '先锋角色', width: 10 },
    { key: 'status', header: '状态', width: 10 },
    { key: 'resident', header: '居民', width: 10 },
    { key: 'contactPhone', header: '联系电话', width: 14 },
    { key: 'address', header: '地址', width: 30 },
    { key: 'claimant', header: '认领党员', width: 10 },
    { key: 'claimedAt', header: '认领时间', width: 17 },
    { key: 'fulfilledAt', header: '完成时间', width: 17 },
    { key: 'completedAt', header: '确认时间', width: 17 },
    { key: 'rating', header: '评分', width: 6 },
    { key: 'comment', header: '居民评价', width: 24 },
    { key: 'createdAt', header: '提交时间', width: 17 },
  ],
  batches: (db: Db, node: OrgNodeRow) => byId((after) => wishesUnder(db, node, after)),
  cells: (w, viewer) => {
    const entitled = viewer.reviewsWishesOf(w.communityPath);
    return {
      id: w.id,
      community: w.community,
      title: w.title,
      description: w.description,
      category: WISH_CATEGORY_LABELS[w.category],
      pioneerRole: w.pioneerRole ? PIONEER_ROLE_LABELS[w.pioneerRole] : null,
      status: WISH_STATE_LABELS[w.status],
      resident: entitled ? w.resident : maskName(w.resident),
      contactPhone: entitled ? w.contactPhone : null,
      address: entitled ? w.address : null,
      claimant: w.claimant,
      claimedAt: chinaTime(w.claimedAt),
      fulfilledAt: chinaTime(w.fulfilledAt),
      completedAt: chinaTime(w.completedAt),
      rating: w.rating,
      comment: w.comment,
      createdAt: chinaTime(w.createdAt),
    };
  },
});
