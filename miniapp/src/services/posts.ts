import {
  type CreatePostBody,
  listEnvelope,
  type ListEnvelope,
  type PioneerRole,
  type Post,
  postSchema,
  type UpdatePostBody,
} from '@huijia/shared';
import { type QueryValue, request } from './api';

const postPageSchema = listEnvelope(postSchema);
const postPath = (id: string) => `/api/posts/${encodeURIComponent(id)}`;

export interface PostListQuery {
  communityId?: string;
  pioneerRole?: PioneerRole;
  status?: Post['status'];
  /** 我的岗位: the posts where I hold a seat. */
  mine?: boolean;
  limit?: number;
  cursor?: string | null;
}

/** One page of a community's posts (岗位大厅), newest first, or of mine. */
export function listPosts(query: PostListQuery): Promise<ListEnvelope<Post>> {
  const params: Record<string, QueryValue> = {
    communityId: query.communityId,
    pioneerRole: query.pioneerRole,
    status: query.status,
    mine: query.mine ? 1 : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/posts', { query: params, schema: postPageSchema });
}

export function getPost(id: string): Promise<Post> {
  return request('GET', postPath(id), { schema: postSchema });
}

/** 定岗 (staff). */
export function createPost(body: CreatePostBody): Promise<Post> {
  return request('POST', '/api/posts', { body, schema: postSchema });
}

/** Staff edit a post; capacity below the seats taken is refused (409 CAPACITY_BELOW_SEATS). */
export function updatePost(id: string, body: UpdatePostBody): Promise<Post> {
  return request('PUT', postPath(id), { body, schema: postSchema });
}

export function closePost(id: string): Promise<Post> {
  return request('POST', `${postPath(id)}/close`, { schema: postSchema });
}

/** 认岗 with the member's commitment (认岗书); 409 POST_FULL, ALREADY_CLAIMED, POST_CLOSED. */
export function claimPost(id: string, commitment: string): Promise<Post> {
  return request('POST', `${postPath(id)}/claim`, { body: { commitment }, schema: postSchema });
}

export function leavePost(id: string): Promise<Post> {
  return request('POST', `${postPath(id)}/leave`, { schema: postSchema });
}

/** Staff remove a holder, with the reason they will read. */
export function removeHolder(id: string, memberId: string, reason: string): Promise<Post> {
  return request('POST', `${postPath(id)}/holders/${encodeURIComponent(memberId)}/remove`, {
    body: { reason },
    schema: postSchema,
  });
}

/** 评岗: 1-5 with an optional comment (once a month per holder). */
export function evaluateHolder(id: string, memberId: string, score: number, comment: string): Promise<Post> {
  return request('POST', `${postPath(id)}/evaluations`, {
    body: { memberId, score, comment: comment.trim() || undefined },
    schema: postSchema,
  });
}
