import { sql, type SQL } from 'drizzle-orm';
import { OPINION_LEVELS, decide, type ListEnvelope, type Opinion, type OpinionListQuery } from '@huijia/shared';
import type { Database } from '../../db';
import { arrayLiteral } from '../../db/statement';
import { parseCursor } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import type { OrgNodes } from '../orgs/nodes';
import { getCommunity, getOrgNode } from '../orgs/service';
import { isResidentOf, relationTo, rolesHolding, type Viewer } from './actors';
import { presentOpinion } from './privacy';
import { opinionRows, type OpinionRow } from './repository';

/** How a list is ordered, and so what its cursor is: the last id (newest first), or the last
 *  seconds and id (most seconded first, then the oldest for a queue, the newest for a board). */
type Order = 'newest' | 'queue' | 'board';

/** Opinions of communities in the subtree at `path` (a range of the path index). */
const inSubtree = (path: string): SQL => sql`o.community_id in (select n.id from org_nodes n where n.path like ${`${path}%`})`;

/**
 * Where the viewer holds each level, as conditions on `o`: the subtrees of their grants that hold
 * it, and at 建议 the communities whose grid branch they lead. Empty when they hold none.
 */
function heldLevels(viewer: Viewer, only: OpinionListQuery['level']): SQL[] {
  const held: SQL[] = [];
  for (const level of OPINION_LEVELS) {
    if (only && only !== level) continue;
    const roles = rolesHolding(level);
    const paths = new Set(viewer.actor.grants.filter((g) => roles.includes(g.role) && g.orgPath).map((g) => g.orgPath!));
    for (const path of paths) held.push(sql`(o.level = ${level} and ${inSubtree(path)})`);
    if (level === 'branch' && viewer.leads.size > 0) held.push(sql`(o.level = 'branch' and o.community_id = any(${arrayLiteral([...viewer.leads])}::bigint[]))`);
  }
  return held;
}

const SECONDS_CURSOR = /^(\d{1,9})\.(\d{1,15})$/;

function keyset(order: Order, cursor: string | undefined): SQL | null {
  if (order === 'newest') {
    const id = parseCursor(cursor);
    return id === null ? null : sql`o.id < ${id}`;
  }
  if (cursor === undefined) return null;
  const m = SECONDS_CURSOR.exec(cursor);
  if (!m) throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.cursor', message: '无效的游标' }]);
  const [seconds, id] = [Number(m[1]), Number(m[2])];
  return order === 'queue'
    ? sql`(o.seconds < ${seconds} or (o.seconds = ${seconds} and o.id > ${id}))`
    : sql`(o.seconds < ${seconds} or (o.seconds = ${seconds} and o.id < ${id}))`;
}

const ORDER_BY: Record<Order, SQL> = {
  newest: sql`o.id desc`,
  queue: sql`o.seconds desc, o.id asc`,
  board: sql`o.seconds desc, o.id desc`,
};

const cursorOf = (order: Order, row: OpinionRow) => (order === 'newest' ? String(row.id) : `${row.seconds}.${row.id}`);

/** The list asked for, as conditions and an order; null when it can hold nothing. */
async function listOf(nodes: OrgNodes, viewer: Viewer, q: OpinionListQuery): Promise<{ where: SQL[]; order: Order } | null> {
  const narrow: SQL[] = [];
  if (q.mine || q.queue) {
    if (q.communityId) narrow.push(sql`o.community_id = ${(await getCommunity(nodes, q.communityId)).id}`);
    if (q.orgId) narrow.push(inSubtree((await getOrgNode(nodes, q.orgId)).path));
  }
  if (q.mine) return { where: [sql`o.reporter_id = ${viewer.userId}`, ...narrow], order: 'newest' };
  if (q.queue) {
    const held = heldLevels(viewer, q.level);
    if (held.length === 0) return null;
    return { where: [sql`o.status = 'open'`, sql`(${sql.join(held, sql` or `)})`, ...narrow], order: 'queue' };
  }
  if (q.communityId) {
    const community = await getCommunity(nodes, q.communityId);
    if (decide(viewer.actor.grants, 'opinion.oversee', { orgPath: community.path }) === 'allow') {
      return { where: [sql`o.community_id = ${community.id}`], order: 'newest' };
    }
    // The board: what its residents may see, never the closed ones.
    if (isResidentOf(viewer, community)) return { where: [sql`o.community_id = ${community.id}`, sql`o.status in ('open', 'resolved')`], order: 'board' };
    throw new AppError(403, 'NOT_RESIDENT_HERE');
  }
  if (q.orgId) {
    const node = await getOrgNode(nodes, q.orgId);
    const decision = decide(viewer.actor.grants, 'opinion.oversee', { orgPath: node.path });
    if (decision === 'forbidden') throw new AppError(403, 'FORBIDDEN');
    if (decision === 'not_found') throw notFound();
    return { where: [inSubtree(node.path)], order: 'newest' };
  }
  return null;
}

/**
 * `GET /api/opinions`: one's own, the holder's queue, a community's board, or what staff and admins
 * oversee (opinionListQuerySchema), narrowed by status, level and overdue; keyset-paged, in one
 * statement with the names, photos and the caller's seconds, each as this caller may see it.
 */
export async function listOpinions(database: Database, nodes: OrgNodes, viewer: Viewer, q: OpinionListQuery, now: Date): Promise<ListEnvelope<Opinion>> {
  const list = await listOf(nodes, viewer, q);
  if (!list) return { items: [], nextCursor: null };
  const where = [...list.where];
  if (q.status) where.push(sql`o.status = ${q.status}`);
  if (q.level) where.push(sql`o.level = ${q.level}`);
  if (q.overdue) where.push(sql`o.status = 'open' and o.due_at < ${now.toISOString()}::timestamptz`);
  const after = keyset(list.order, q.cursor);
  if (after) where.push(after);
  const rows = await opinionRows(database.db, viewer.userId, where, ORDER_BY[list.order], q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((row) => presentOpinion(row, relationTo(viewer, row), now)),
    nextCursor: rows.length > q.limit ? cursorOf(list.order, page.at(-1)!) : null,
  };
}
