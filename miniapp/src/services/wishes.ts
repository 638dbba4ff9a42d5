import {
  batchOutcomeSchema,
  type BatchOutcome,
  type CreateWishBody,
  listEnvelope,
  type ListEnvelope,
  type ResubmitWishBody,
  type Wish,
  type WishCategory,
  wishSchema,
  type WishState,
} from '@huijia/shared';
import { type QueryValue, request } from './api';
import { newIdempotencyKey as newKey, withIdempotencyKey } from './idempotency';

const wishPageSchema = listEnvelope(wishSchema);

export interface WishListQuery {
  communityId?: string;
  status?: WishState;
  category?: WishCategory;
  /** 我的心愿: the wishes I posted. */
  mine?: boolean;
  /** 我的认领: the wishes I claimed. */
  claimedByMe?: boolean;
  limit?: number;
  cursor?: string | null;
}

/** One page of wishes, newest first; follow `nextCursor` for the next. */
export function listWishes(query: WishListQuery): Promise<ListEnvelope<Wish>> {
  const params: Record<string, QueryValue> = {
    communityId: query.communityId,
    status: query.status,
    category: query.category,
    mine: query.mine ? 1 : undefined,
    claimedByMe: query.claimedByMe ? 1 : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/wishes', { query: params, schema: wishPageSchema });
}

export function getWish(id: string): Promise<Wish> {
  return request('GET', `/api/wishes/${encodeURIComponent(id)}`, { schema: wishSchema });
}

/**
 * 发布微心愿. `idempotencyKey` is made once per form: sending the same form again (a double tap, a
 * retry after a lost answer) returns the wish made the first time instead of a second one.
 */
export function createWish(body: CreateWishBody, idempotencyKey: string): Promise<Wish> {
  return request('POST', '/api/wishes', { body: withIdempotencyKey(body, idempotencyKey), schema: wishSchema });
}

/** 修改后重新提交: a rejected wish, edited, back to review; `photoIds` is the whole set it keeps. */
export function resubmitWish(id: string, body: ResubmitWishBody): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/resubmit`, { body, schema: wishSchema });
}

/** The key of one wish form (see `createWish`). */
export const newIdempotencyKey = (): string => newKey('wish');

/** The actions that take no input: the wish machine's approve, withdraw, claim, contact, release. */
export type PlainWishAction = 'approve' | 'withdraw' | 'claim' | 'contact' | 'release';

export function actOnWish(id: string, action: PlainWishAction): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/${action}`, { schema: wishSchema });
}

/** 批量通过 (staff): each wish on its own; the answer lists the approved and the refused. */
export function approveWishes(ids: string[]): Promise<BatchOutcome> {
  return request('POST', '/api/wishes/approve', { body: { ids }, schema: batchOutcomeSchema });
}

/** 审核不通过, with the reason the resident will read. */
export function rejectWish(id: string, reason: string): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/reject`, {
    body: { reason },
    schema: wishSchema,
  });
}

/** 完成心愿: the claimant's note and optional evidence photos (uploaded first). */
export function fulfilWish(id: string, note: string, photoIds: string[]): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/fulfil`, {
    body: { note, photoIds: photoIds.length > 0 ? photoIds : undefined },
    schema: wishSchema,
  });
}

/** 确认并评价: 1-5 stars; a low rating makes the wish a dispute for staff. */
export function confirmWish(id: string, rating: number, comment: string): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/confirm`, {
    body: { rating, comment: comment.trim() || undefined },
    schema: wishSchema,
  });
}

/** 处理异议: 认定完成 (completed) or 重新发布 (reopen), with a note. */
export function resolveWish(id: string, outcome: 'completed' | 'reopen', note: string): Promise<Wish> {
  return request('POST', `/api/wishes/${encodeURIComponent(id)}/resolve`, {
    body: { outcome, note },
    schema: wishSchema,
  });
}
