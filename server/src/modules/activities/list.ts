import { sql, type SQL } from 'drizzle-orm';
import { type Activity, type ActivityListQuery, chinaDayStart, type ListEnvelope } from '@huijia/shared';
import type { Database } from '../../db';
import { AppError } from '../../http/errors';
import type { OrgNodes } from '../orgs/nodes';
import { getCommunity } from '../orgs/service';
import type { Actor } from '../users/actor';
import { organisedBy, relationTo } from './organisers';
import { activityRows } from './repository';
import { presentActivity } from './view';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A day of China's calendar (UTC+8, no daylight saving) begins. */

/** The cursor of a list soonest first: the last item's start (epoch milliseconds) and id. */
const CURSOR = /^(\d{1,15})\.(\d{1,15})$/;

function after(cursor: string | undefined): SQL | null {
  if (cursor === undefined) return null;
  const m = CURSOR.exec(cursor);
  if (!m) throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.cursor', message: '无效的游标' }]);
  return sql`(a.starts_at, a.id) > (${new Date(Number(m[1])).toISOString()}::timestamptz, ${Number(m[2])})`;
}

/** Which list is asked for, as conditions on `a`; null when it names none. */
async function listOf(nodes: OrgNodes, actor: Actor, q: ActivityListQuery, now: string): Promise<SQL[] | null> {
  const where: SQL[] = [];
  if (q.communityId) where.push(sql`a.community_id = ${(await getCommunity(nodes, q.communityId)).id}`);
  const hall = !q.mine && !q.organised;
  if (q.mine) where.push(sql`a.id in (select s.activity_id from activity_signups s where s.member_id = ${actor.userId} and s.status <> 'cancelled')`);
  else if (q.organised) where.push(organisedBy(actor));
  else if (q.communityId) where.push(sql`a.status <> 'called_off'`);
  else return null;
  if (q.from) where.push(sql`a.starts_at >= ${chinaDayStart(q.from).toISOString()}::timestamptz`);
  if (q.to) where.push(sql`a.starts_at < ${new Date(chinaDayStart(q.to).getTime() + DAY_MS).toISOString()}::timestamptz`);
  if (!q.from && !q.to) {
    // Without dates: what has not ended, and (in one's own lists) what ended and waits for its
    // attendance to be confirmed.
    where.push(hall ? sql`a.ends_at >= ${now}::timestamptz` : sql`(a.ends_at >= ${now}::timestamptz or a.status = 'published')`);
  }
  return where;
}

/**
 * `GET /api/activities`: a community's hall (anyone signed in: activities are public in their
 * community; called-off ones left out), the caller's live sign-ups (`mine`), or the activities they
 * organise (`organised`); soonest first, keyset-paged; one statement a page with the waiting
 * lists' lengths and the caller's own places.
 */
export async function listActivities(database: Database, nodes: OrgNodes, actor: Actor, q: ActivityListQuery, now: Date): Promise<ListEnvelope<Activity>> {
  const where = await listOf(nodes, actor, q, now.toISOString());
  if (!where) return { items: [], nextCursor: null };
  const keyset = after(q.cursor);
  if (keyset) where.push(keyset);
  const rows = await activityRows(database.db, actor.userId, where, sql`a.starts_at, a.id`, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentActivity(row, relationTo(actor, row), now)),
    nextCursor: rows.length > q.limit && last ? `${last.startsAt.getTime()}.${last.id}` : null,
  };
}
