import { sql, type SQL } from 'drizzle-orm';
import {
  PUBLIC_WISH_STATES,
  TAKEN_WISH_STATES,
  decide,
  listEnvelope,
  wishSchema,
  type Wish,
  type WishCategory,
  type WishListQuery,
  type WishState,
} from '@huijia/shared';
import type { Database } from '../../db';
import { arrayLiteral, statement, type Statement } from '../../db/statement';
import { page, parseCursor } from '../../http/cursor';
import type { OrgNodeRow } from '../orgs/repository';
import type { Actor } from '../users/actor';
import type { HallCache, HallPage } from './hall';
import { readWishRow, wishRowColumns, wishRowFrom, type WishRow } from './repository';
import { presentWishes, viewerActors } from './view';

/** The answer of `GET /api/wishes`. */
export const wishPageSchema = listEnvelope(wishSchema);

/** What a list asks for, which decides its statement: each shape is one prepared statement. */
export interface Shape {
  community: boolean;
  mine: boolean;
  claimedByMe: boolean;
  /** One state (an equality, so the feed index is read in id order), a set of states, or any. */
  status: 'one' | 'set' | 'any';
  category: boolean;
}

export interface FeedValues extends Record<string, unknown> {
  communityId: number | null;
  userId: number;
  status: WishState | null;
  /** A set of states, as an array literal. */
  states: string | null;
  category: WishCategory | null;
  before: number;
  limit: number;
}

const shapes = new Map<string, Statement<FeedValues, WishRow>>();

export function feedStatement(shape: Shape): Statement<FeedValues, WishRow> {
  const key = `${+shape.community}${+shape.mine}${+shape.claimedByMe}${shape.status}${+shape.category}`;
  let found = shapes.get(key);
  if (!found) {
    const p = (name: keyof FeedValues & string) => sql.placeholder(name);
    const where: SQL[] = [sql`w.id < ${p('before')}`];
    if (shape.community) where.push(sql`w.community_id = ${p('communityId')}`);
    // One's own wishes: not the 代办 wishes one typed as staff, which are the resident's (and staff's, in the hall).
    if (shape.mine) where.push(sql`w.resident_id = ${p('userId')} and w.on_behalf_of_name is null`);
    if (shape.claimedByMe) where.push(sql`w.claimant_id = ${p('userId')}`);
    if (shape.status === 'one') where.push(sql`w.status = ${p('status')}`);
    if (shape.status === 'set') where.push(sql`w.status = any(${p('states')}::wish_status[])`);
    if (shape.category) where.push(sql`w.category = ${p('category')}`);
    found = statement(
      `wishes.list.${key}`,
      sql`select ${wishRowColumns} from ${wishRowFrom(sql`wishes`)} where ${sql.join(where, sql` and `)} order by w.id desc limit ${p('limit')}`,
      readWishRow,
    );
    shapes.set(key, found);
  }
  return found;
}

export interface Feed {
  database: Database;
  hall: HallCache<WishRow>;
  serialize: (page: unknown) => string;
}

/** Past every id: the first page. */
const NO_CURSOR = Number.MAX_SAFE_INTEGER;

/**
 * `GET /api/wishes`, serialised: keyset by id, newest first, in one statement (photos included). A
 * community's hall shows the public states to everyone and every state to its staff and the admins
 * above; `mine` and `claimedByMe` show one's own. The hall is read through the hall cache; one's
 * own lists never are.
 */
export async function wishFeed(feed: Feed, actor: Actor, q: WishListQuery, community: OrgNodeRow | null): Promise<string> {
  const before = parseCursor(q.cursor) ?? NO_CURSOR;
  const empty = () => feed.serialize({ items: [], nextCursor: null });
  if (!community && !q.mine && !q.claimedByMe) return empty();
  const oversees = community !== null && decide(actor.grants, 'wish.oversee', { orgPath: community.path }) === 'allow';
  // The states this caller may list here; one state asked for is one equality, so the feed stays
  // an index scan in id order (a set beside it makes PostgreSQL sort the community's wishes).
  const visible: readonly WishState[] | null = oversees || q.mine ? null : q.claimedByMe ? TAKEN_WISH_STATES : PUBLIC_WISH_STATES;
  if (q.status && visible && !visible.includes(q.status)) return empty();
  const shape: Shape = {
    community: community !== null,
    mine: Boolean(q.mine),
    claimedByMe: Boolean(q.claimedByMe),
    status: q.status ? 'one' : visible ? 'set' : 'any',
    category: Boolean(q.category),
  };
  const values: FeedValues = {
    communityId: community?.id ?? null,
    userId: actor.userId,
    status: q.status ?? null,
    states: q.status || !visible ? null : arrayLiteral(visible),
    category: q.category ?? null,
    before,
    limit: q.limit + 1,
  };
  const read = async (): Promise<HallPage<WishRow>> => {
    const rows = await feed.database.run(feedStatement(shape), values);
    const cut = page(rows, q.limit, (w) => w.id);
    return { rows: cut.rows, nextCursor: cut.nextCursor, answers: new Map() };
  };
  const hall = community !== null && !q.mine && !q.claimedByMe;
  const found = hall ? await feed.hall.page(community.id, `${shape.status}:${q.status ?? (visible ? 'public' : 'all')}:${q.category ?? ''}:${before}:${q.limit}`, read) : await read();
  return answerFor(feed, found, actor);
}

/**
 * The page as this viewer receives it. What a viewer receives depends only on the rows and who
 * they are to each wish (`viewerActors`), so viewers who are the same to every wish of the page
 * (most members of a community, its staff) share one serialised answer. A viewer who is the
 * resident or claimant of a wish on the page gets an answer of their own.
 */
function answerFor(feed: Feed, found: HallPage<WishRow>, actor: Actor): string {
  const rows = found.rows.map((wish) => ({ wish, actors: viewerActors(actor, wish) }));
  const personal = rows.some((r) => r.actors.includes('resident') || r.actors.includes('claimant'));
  const serialize = () => feed.serialize({ items: presentWishes(rows, 'list') satisfies Wish[], nextCursor: found.nextCursor });
  if (personal) return serialize();
  const kind = rows.map((r) => r.actors.join('+')).join(',');
  let answer = found.answers.get(kind);
  if (answer === undefined) {
    answer = serialize();
    found.answers.set(kind, answer);
  }
  return answer;
}
