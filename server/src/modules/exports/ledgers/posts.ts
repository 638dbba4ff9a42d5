import { PIONEER_ROLE_LABELS, POST_STATE_LABELS, SEAT_STATE_LABELS } from '@huijia/shared';
import { and, asc, avg, count, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db';
import { orgNodes, postEvaluations, postSeats, posts, users } from '../../../db/schema';
import type { OrgNodeRow } from '../../orgs/repository';
import { chinaTime } from '../cells';
import { defineLedger, inCommunitiesUnder, keyset } from '../ledger';

/** Posts a batch: a post brings a row per seat it ever had, so fewer posts than rows. */
const POSTS_PER_BATCH = 200;

function postsUnder(db: Db, node: OrgNodeRow, after: number) {
  return db
    .select({
      id: posts.id,
      community: orgNodes.name,
      title: posts.title,
      pioneerRole: posts.pioneerRole,
      schedule: posts.schedule,
      location: posts.location,
      startsOn: posts.startsOn,
      endsOn: posts.endsOn,
      capacity: posts.capacity,
      seatsTaken: posts.seatsTaken,
      status: posts.status,
    })
    .from(posts)
    .innerJoin(orgNodes, eq(orgNodes.id, posts.communityId))
    .where(and(inCommunitiesUnder(posts.communityId, node), gt(posts.id, after)))
    .orderBy(asc(posts.id))
    .limit(POSTS_PER_BATCH);
}

function seatsOf(db: Db, postIds: number[]) {
  return db
    .select({
      postId: postSeats.postId,
      memberId: postSeats.memberId,
      member: users.name,
      status: postSeats.status,
      commitment: postSeats.commitment,
      claimedAt: postSeats.claimedAt,
      endedAt: postSeats.endedAt,
      removeReason: postSeats.removeReason,
    })
    .from(postSeats)
    .innerJoin(users, eq(users.id, postSeats.memberId))
    .where(inArray(postSeats.postId, postIds))
    .orderBy(asc(postSeats.postId), asc(postSeats.id));
}

/** 评岗 of each holder of these posts: how many scores, and their mean. */
function evaluationsOf(db: Db, postIds: number[]) {
  return db
    .select({ postId: postEvaluations.postId, memberId: postEvaluations.memberId, count: count(), average: avg(postEvaluations.score) })
    .from(postEvaluations)
    .where(inArray(postEvaluations.postId, postIds))
    .groupBy(postEvaluations.postId, postEvaluations.memberId);
}

type PostRow = Awaited<ReturnType<typeof postsUnder>>[number];
type SeatRow = Awaited<ReturnType<typeof seatsOf>>[number];
interface PostSeatRow {
  post: PostRow;
  /** Null for a post nobody ever claimed: it still has its row. */
  seat: SeatRow | null;
  evaluations: { count: number; average: number | null };
}

/** A batch of posts, each followed by its seats in the order they were claimed. */
async function postSeatsUnder(db: Db, node: OrgNodeRow, after: number): Promise<{ rows: PostSeatRow[]; next: number | null }> {
  const batch = await postsUnder(db, node, after);
  const last = batch[batch.length - 1];
  if (!last) return { rows: [], next: null };
  const ids = batch.map((p) => p.id);
  const [seats, evaluations] = await Promise.all([seatsOf(db, ids), evaluationsOf(db, ids)]);
  const scores = new Map(evaluations.map((e) => [`${e.postId}:${e.memberId}`, { count: e.count, average: e.average === null ? null : Number(e.average) }]));
  const seatsByPost = new Map<number, SeatRow[]>();
  for (const seat of seats) {
    const held = seatsByPost.get(seat.postId);
    if (held) held.push(seat);
    else seatsByPost.set(seat.postId, [seat]);
  }
  const rows = batch.flatMap((post): PostSeatRow[] => {
    const held = seatsByPost.get(post.id) ?? [];
    if (held.length === 0) return [{ post, seat: null, evaluations: { count: 0, average: null } }];
    return held.map((seat) => ({ post, seat, evaluations: scores.get(`${post.id}:${seat.memberId}`) ?? { count: 0, average: null } }));
  });
  return { rows, next: batch.length < POSTS_PER_BATCH ? null : last.id };
}

/**
 * 岗位与认岗台账 (定岗 → 认岗 → 示岗 → 评岗): a row per seat, holders past and present, with the
 * post's columns repeated so the sheet filters and sorts; a post nobody claimed has one row.
 */
export const postLedger = defineLedger({
  columns: [
    { key: 'id', header: '岗位编号', width: 10 },
    { key: 'community', header: '社区', width: 16 },
    { key: 'title', header: '岗位名称', width: 20 },
    { key: 'pioneerRole', header: '先锋角色', width: 10 },
    { key: 'schedule', header: '服务时间', width: 16 },
    { key: 'location', header: '服务地点', width: 20 },
    { key: 'startsOn', header: '开始日期', width: 12 },
    { key: 'endsOn', header: '结束日期', width: 12 },
    { key: 'capacity', header: '名额', width: 6 },
    { key: 'seatsTaken', header: '在岗人数', width: 9 },
    { key: 'status', header: '岗位状态', width: 9 },
    { key: 'member', header: '认岗党员', width: 10 },
    { key: 'seatStatus', header: '认岗状态', width: 9 },
    { key: 'commitment', header: '认岗承诺', width: 36 },
    { key: 'claimedAt', header: '认岗时间', width: 17 },
    { key: 'endedAt', header: '离岗时间', width: 17 },
    { key: 'removeReason', header: '移除原因', width: 20 },
    { key: 'evaluations', header: '评岗次数', width: 9 },
    { key: 'averageScore', header: '评岗均分', width: 9, numFmt: '0.0' },
  ],
  batches: (db: Db, node: OrgNodeRow) => keyset((after) => postSeatsUnder(db, node, after)),
  cells: ({ post, seat, evaluations }) => ({
    id: post.id,
    community: post.community,
    title: post.title,
    pioneerRole: PIONEER_ROLE_LABELS[post.pioneerRole],
    schedule: post.schedule,
    location: post.location,
    startsOn: post.startsOn,
    endsOn: post.endsOn,
    capacity: post.capacity,
    seatsTaken: post.seatsTaken,
    status: POST_STATE_LABELS[post.status],
    member: seat?.member ?? null,
    seatStatus: seat ? SEAT_STATE_LABELS[seat.status] : null,
    commitment: seat?.commitment ?? null,
    claimedAt: chinaTime(seat?.claimedAt ?? null),
    endedAt: chinaTime(seat?.endedAt ?? null),
    removeReason: seat?.removeReason ?? null,
    evaluations: seat ? evaluations.count : null,
    averageScore: evaluations.average,
  }),
});
