import { and, avg, count, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { decide, maskName, mayEvaluateAsResident, type CreatePostBody, type ListEnvelope, type Post, type Seat, type UpdatePostBody } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes, postEvaluations, postSeats, posts, users } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { holdConfirmedReport } from '../reports/repository';

export type PostRow = typeof posts.$inferSelect & { communityName: string; communityPath: string };

function selectPosts(tx: Tx) {
  return tx
    .select({ post: posts, communityName: orgNodes.name, communityPath: orgNodes.path })
    .from(posts)
    .innerJoin(orgNodes, eq(orgNodes.id, posts.communityId));
}
const flatten = (r: { post: typeof posts.$inferSelect; communityName: string; communityPath: string }): PostRow => ({
  ...r.post,
  communityName: r.communityName,
  communityPath: r.communityPath,
});

export async function getPostRow(tx: Tx, id: string): Promise<PostRow> {
  const n = parseId(id);
  const [row] = n === null ? [] : await selectPosts(tx).where(eq(posts.id, n));
  if (!row) throw notFound();
  return flatten(row);
}

async function seatsOf(tx: Tx, postIds: number[]): Promise<(Seat & { postId: number })[]> {
  if (postIds.length === 0) return [];
  const rows = await tx
    .select({ seat: postSeats, memberName: users.name })
    .from(postSeats)
    .innerJoin(users, eq(users.id, postSeats.memberId))
    .where(and(inArray(postSeats.postId, postIds), eq(postSeats.status, 'active')))
    .orderBy(postSeats.id);
  return rows.map(({ seat, memberName }) => ({
    postId: seat.postId,
    id: String(seat.id),
    memberId: String(seat.memberId),
    memberName,
    commitment: seat.commitment,
    status: seat.status,
    claimedAt: seat.claimedAt.toISOString(),
  }));
}

/**
 * 示岗: a holder's name reads in full to the holder, to staff of the post's community and to the
 * admins above it (who read its members' service records anyway); everyone else, a resident on the
 * board above all, reads it masked (王**). A member's name is not a resident's private data, but the
 * board is open to every signed-in person of every community, so it shows commitments, not exactly
 * who made them.
 */
const readsHolderNames = (viewer: Actor, post: PostRow) => decide(viewer.grants, 'record.read', { orgPath: post.communityPath }) === 'allow';

/** Posts with their active holders (承诺示岗), the caller's seat and the average evaluation (评岗). */
async function present(tx: Tx, viewer: Actor, rows: PostRow[]): Promise<Post[]> {
  const userId = viewer.userId;
  const ids = rows.map((r) => r.id);
  const seats = await seatsOf(tx, ids);
  const scores = ids.length
    ? await tx
        .select({ postId: postEvaluations.postId, average: avg(postEvaluations.score), n: count() })
        .from(postEvaluations)
        .where(inArray(postEvaluations.postId, ids))
        .groupBy(postEvaluations.postId)
    : [];
  return rows.map((p) => {
    const fullNames = readsHolderNames(viewer, p);
    const holders = seats
      .filter((s) => s.postId === p.id)
      .map(({ postId: _, ...seat }) => (fullNames || seat.memberId === String(userId) ? seat : { ...seat, memberName: maskName(seat.memberName) }));
    const score = scores.find((s) => s.postId === p.id);
    return {
      id: String(p.id),
      communityId: String(p.communityId),
      communityName: p.communityName,
      title: p.title,
      description: p.description,
      pioneerRole: p.pioneerRole,
      capacity: p.capacity,
      seatsTaken: p.seatsTaken,
      schedule: p.schedule,
      location: p.location,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      status: p.status,
      averageScore: score?.average ? Math.round(Number(score.average) * 10) / 10 : null,
      evaluations: score?.n ?? 0,
      mySeat: holders.find((h) => h.memberId === String(userId)) ?? null,
      holders,
    };
  });
}

export const describePost = async (tx: Tx, viewer: Actor, row: PostRow) => (await present(tx, viewer, [row]))[0]!;

/** 定岗: staff define a post in their community. */
export async function createPost(db: Db, actor: Actor, community: { id: number; path: string }, body: CreatePostBody): Promise<Post> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(posts)
      .values({ ...body, communityId: community.id, createdBy: actor.userId })
      .returning({ id: posts.id });
    await recordAudit(tx, { actorId: actor.userId, action: 'post.create', entity: 'post', entityId: row!.id, to: 'open', details: { capacity: body.capacity }, orgPath: community.path });
    return describePost(tx, actor, await getPostRow(tx, String(row!.id)));
  });
}

/** Staff edit a post; capacity never below the seats taken (the update's condition says so). */
export async function updatePost(db: Db, actor: Actor, post: PostRow, body: UpdatePostBody): Promise<Post> {
  if (body.endsOn !== undefined && body.endsOn < post.startsOn) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'body.endsOn', message: '结束日期不能早于开始日期' }]);
  }
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(posts)
      .set(body)
      .where(and(eq(posts.id, post.id), body.capacity === undefined ? undefined : sql`${posts.seatsTaken} <= ${body.capacity}`))
      .returning({ id: posts.id });
    if (!changed) throw new AppError(409, 'CAPACITY_BELOW_SEATS');
    await recordAudit(tx, { actorId: actor.userId, action: 'post.update', entity: 'post', entityId: post.id, details: { ...body }, orgPath: post.communityPath });
    return describePost(tx, actor, await getPostRow(tx, String(post.id)));
  });
}

export async function closePost(db: Db, actor: Actor, post: PostRow): Promise<Post> {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(posts)
      .set({ status: 'closed' })
      .where(and(eq(posts.id, post.id), eq(posts.status, 'open')))
      .returning({ id: posts.id });
    if (!changed) throw new AppError(409, 'POST_CLOSED');
    await recordAudit(tx, { actorId: actor.userId, action: 'post.close', entity: 'post', entityId: post.id, from: 'open', to: 'closed', orgPath: post.communityPath });
    return describePost(tx, actor, await getPostRow(tx, String(post.id)));
  });
}

/**
 * 认岗: takes a seat while seats remain. The seat count rises by a conditional update (never past
 * capacity, whatever the concurrency) and the seat row's partial unique index keeps one active seat
 * per member; both in one transaction, so a refused seat leaves the count as it was.
 */
export async function claimSeat(db: Db, actor: Actor, post: PostRow, commitment: string, now: Date): Promise<Post> {
  const notReported = () => new AppError(403, 'NOT_REPORTED_HERE', '您尚未在该社区完成报到，暂不能认岗');
  if (!actor.reportedIn.has(post.communityId)) throw notReported();
  try {
    return await db.transaction(async (tx) => {
      // Held to the commit: a report ending meanwhile hands this seat back, or goes first and refuses it.
      if (!(await holdConfirmedReport(tx, actor.userId, post.communityId))) throw notReported();
      const [held] = await tx
        .select({ id: postSeats.id })
        .from(postSeats)
        .where(and(eq(postSeats.postId, post.id), eq(postSeats.memberId, actor.userId), eq(postSeats.status, 'active')));
      if (held) throw new AppError(409, 'ALREADY_CLAIMED');
      const [taken] = await tx
        .update(posts)
        .set({ seatsTaken: sql`${posts.seatsTaken} + 1` })
        .where(and(eq(posts.id, post.id), eq(posts.status, 'open'), lt(posts.seatsTaken, posts.capacity)))
        .returning({ id: posts.id });
      if (!taken) {
        const [current] = await tx.select({ status: posts.status }).from(posts).where(eq(posts.id, post.id));
        throw new AppError(409, current!.status === 'closed' ? 'POST_CLOSED' : 'POST_FULL');
      }
      const [seat] = await tx.insert(postSeats).values({ postId: post.id, memberId: actor.userId, commitment, claimedAt: now }).returning({ id: postSeats.id });
      await recordAudit(tx, { actorId: actor.userId, action: 'post.claim', entity: 'post_seat', entityId: seat!.id, to: 'active', details: { postId: post.id }, orgPath: post.communityPath });
      return describePost(tx, actor, await getPostRow(tx, String(post.id)));
    });
  } catch (err) {
    if (isUniqueViolation(err, 'post_seats_one_active')) throw new AppError(409, 'ALREADY_CLAIMED');
    throw err;
  }
}

/** A holder leaves, or staff remove one with a reason: the seat ends and the count falls with it. */
export async function endSeat(
  db: Db,
  actor: Actor,
  post: PostRow,
  memberId: number,
  to: 'left' | 'removed',
  reason: string | null,
  now: Date,
): Promise<Post> {
  return db.transaction(async (tx) => {
    const [seat] = await tx
      .update(postSeats)
      .set({ status: to, removeReason: reason, endedAt: now })
      .where(and(eq(postSeats.postId, post.id), eq(postSeats.memberId, memberId), eq(postSeats.status, 'active')))
      .returning({ id: postSeats.id });
    if (!seat) throw to === 'left' ? new AppError(409, 'SEAT_STATE_CONFLICT') : notFound();
    await tx.update(posts).set({ seatsTaken: sql`${posts.seatsTaken} - 1` }).where(eq(posts.id, post.id));
    await recordAudit(tx, { actorId: actor.userId, action: to === 'left' ? 'post.leave' : 'post.remove', entity: 'post_seat', entityId: seat.id, from: 'active', to, details: reason ? { reason } : undefined, orgPath: post.communityPath });
    if (to === 'removed') {
      await notify(tx, memberId, { kind: 'post.removed', title: '您已被移出岗位', body: `「${post.title}」：${reason}`, entity: 'post', entityId: post.id });
    }
    return describePost(tx, actor, await getPostRow(tx, String(post.id)));
  });
}

/**
 * 评岗: staff of the community, or a resident who has lived there RESIDENT_EVALUATES_AFTER_DAYS,
 * score a holder, once a month each.
 */
export async function evaluateHolder(
  db: Db,
  actor: Actor,
  post: PostRow,
  isStaff: boolean,
  home: { communityId: number | null; since: Date | null },
  body: { memberId: string; score: number; comment?: string },
  now: Date,
): Promise<Post> {
  if (!isStaff) {
    if (home.communityId !== post.communityId) throw forbidden();
    if (!mayEvaluateAsResident(home.since, now)) throw new AppError(403, 'EVALUATION_TOO_SOON');
  }
  const memberId = parseId(body.memberId);
  if (memberId === null) throw new AppError(404, 'NOT_A_HOLDER');
  if (memberId === actor.userId) throw forbidden();
  const [seat] = await db
    .select({ id: postSeats.id })
    .from(postSeats)
    .where(and(eq(postSeats.postId, post.id), eq(postSeats.memberId, memberId)));
  if (!seat) throw new AppError(404, 'NOT_A_HOLDER');
  const period = now.toISOString().slice(0, 7);
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(postEvaluations).values({ postId: post.id, memberId, evaluatorId: actor.userId, period, score: body.score, comment: body.comment ?? null });
      await notify(tx, memberId, { kind: 'post.evaluated', title: '您收到一条岗位评价', body: `「${post.title}」评价 ${body.score} 分`, entity: 'post', entityId: post.id });
      return describePost(tx, actor, post);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'post_evaluations_once_a_month')) throw new AppError(409, 'ALREADY_EVALUATED');
    throw err;
  }
}

/** The post hall: a community's posts (by pioneer role), or the posts one holds. Keyset by id. */
export async function listPosts(
  db: Db,
  actor: Actor,
  q: { communityId?: number; pioneerRole?: Post['pioneerRole']; status?: Post['status']; mine?: boolean; limit: number; cursor?: string },
): Promise<ListEnvelope<Post>> {
  const before = parseCursor(q.cursor);
  const conditions: (SQL | undefined)[] = [
    before === null ? undefined : lt(posts.id, before),
    q.communityId === undefined ? undefined : eq(posts.communityId, q.communityId),
    q.pioneerRole ? eq(posts.pioneerRole, q.pioneerRole) : undefined,
    q.status ? eq(posts.status, q.status) : undefined,
    q.mine
      ? sql`exists (select 1 from ${postSeats} where ${postSeats.postId} = ${posts.id} and ${postSeats.memberId} = ${actor.userId} and ${postSeats.status} = 'active')`
      : undefined,
  ];
  if (q.communityId === undefined && !q.mine) return { items: [], nextCursor: null };
  const rows = await selectPosts(db)
    .where(and(...conditions))
    .orderBy(desc(posts.id))
    .limit(q.limit + 1);
  const { rows: items, nextCursor } = page(rows.map(flatten), q.limit, (p) => p.id);
  return { items: await present(db, actor, items), nextCursor };
}
