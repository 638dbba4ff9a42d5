import { sql, type SQL } from 'drizzle-orm';
import {
  chinaDayStart,
  AUDIT_DETAIL_KEYS,
  PERMISSIONS,
  auditActionLabel,
  maskPhone,
  type AuditEntry,
  type AuditObjectType,
  type ListEnvelope,
  type ScopedGrant,
} from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { page, parseCursor } from '../../http/cursor';
import { parseId } from '../orgs/service';

/** What a trail is narrowed to: who, which action, which China days (both included). */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Newest first (the viewer's pages) or oldest first (the ledger's batches), each keyset by id. */
type Direction = 'newest' | 'oldest';

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  entity: string;
  entityId: string;
  actorId: number | null;
  actorName: string | null;
  fromState: string | null;
  toState: string | null;
  details: unknown;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every path under `path` (paths end with `/`) sorts at or after it and before the same path with
 * its last `/` raised to `0`, the next character: one range of the pattern operators, which the
 * `text_pattern_ops` indexes serve with a parameter as well as with a constant.
 */
function under(column: SQL, path: string): SQL {
  return sql`(${column} ~>=~ ${path} and ${column} ~<~ ${`${path.slice(0, -1)}0`})`;
}

/** The filters as conditions on `a`; null when they can match nothing (an actor id that is no id). */
function filtersOf(f: AuditFilters): SQL[] | null {
  const conditions: SQL[] = [];
  if (f.actorId !== undefined) {
    const actorId = parseId(f.actorId);
    if (actorId === null) return null;
    conditions.push(sql`a.actor_id = ${actorId}`);
  }
  if (f.action) conditions.push(sql`a.action = ${f.action}`);
  if (f.from) conditions.push(sql`a.at >= ${chinaDayStart(f.from).toISOString()}::timestamptz`);
  if (f.to) conditions.push(sql`a.at < ${new Date(chinaDayStart(f.to).getTime() + DAY_MS).toISOString()}::timestamptz`);
  return conditions;
}

const keyOf = (direction: Direction, key: number | null): SQL =>
  direction === 'newest' ? sql`a.id < ${key ?? Number.MAX_SAFE_INTEGER}` : sql`a.id > ${key ?? 0}`;
const orderOf = (direction: Direction): SQL => (direction === 'newest' ? sql`desc` : sql`asc`);

/** The rows picked by `ids` (a query of audit_log ids), with their actor's name, in order. */
const withActors = (ids: SQL, direction: Direction) => sql`
  select a.id, a.at, a.action, a.entity, a.entity_id as "entityId", a.actor_id as "actorId", u.name as "actorName",
         a.from_state as "fromState", a.to_state as "toState", a.details
  from (${ids}) picked join audit_log a on a.id = picked.id left join users u on u.id = a.actor_id
  order by a.id ${orderOf(direction)}`;

/**
 * The rows of a node's subtree, `limit` at most past `key`. The index is (org_path, id): a range of
 * paths comes out in path order, not id order, so for "the newest of the subtree" PostgreSQL would
 * either sort the whole subtree or walk the primary key backwards filtering by path, which reads
 * the whole table for a quiet community in a busy city. Instead, for a page, the paths of the
 * subtree that have rows are found by skipping through the index (one descent each), and each path
 * gives its own newest rows, already in id order; only those `limit`-per-path rows are merged.
 *
 * The ledger reads the whole subtree, oldest first, in batches: merging per path would read every
 * path's next batch for each batch. There one range in id order is cheaper, and the planner picks
 * well between walking the primary key (a dense subtree) and sorting the path range (a sparse one).
 */
function subtreeIds(path: string, where: SQL[], direction: Direction, key: number | null, limit: number): SQL {
  const order = orderOf(direction);
  const conditions = sql.join([keyOf(direction, key), ...where], sql` and `);
  if (direction === 'oldest') {
    return sql`select a.id from audit_log a where ${under(sql`a.org_path`, path)} and ${conditions} order by a.id ${order} limit ${limit}`;
  }
  return sql`
    with recursive paths(path) as (
      (select a.org_path from audit_log a where ${under(sql`a.org_path`, path)} order by a.org_path using ~<~ limit 1)
      union all
      select (select a.org_path from audit_log a where ${under(sql`a.org_path`, path)} and a.org_path ~>~ p.path order by a.org_path using ~<~ limit 1)
      from paths p where p.path is not null
    )
    select t.id from paths p cross join lateral (
      select a.id from audit_log a
      where a.org_path = p.path and ${conditions}
      order by a.id ${order} limit ${limit}
    ) t
    where p.path is not null
    order by t.id ${order} limit ${limit}`;
}

/** One object's rows within the caller's subtrees (the (entity, entity_id, id) index, in id order). */
function objectIds(type: AuditObjectType, id: string, scopes: readonly string[], where: SQL[], direction: Direction, key: number | null, limit: number): SQL {
  const inScope = sql.join(scopes.map((path) => under(sql`a.org_path`, path)), sql` or `);
  return sql`
    select a.id from audit_log a
    where a.entity = ${type} and a.entity_id = ${id} and (${inScope}) and ${sql.join([keyOf(direction, key), ...where], sql` and `)}
    order by a.id ${orderOf(direction)} limit ${limit}`;
}

function readRow(raw: Record<string, unknown>): AuditRow {
  return {
    id: Number(raw.id),
    at: raw.at instanceof Date ? raw.at : new Date(raw.at as string),
    action: raw.action as string,
    entity: raw.entity as string,
    entityId: raw.entityId as string,
    actorId: raw.actorId === null ? null : Number(raw.actorId),
    actorName: (raw.actorName as string | null) ?? null,
    fromState: (raw.fromState as string | null) ?? null,
    toState: (raw.toState as string | null) ?? null,
    details: typeof raw.details === 'string' ? JSON.parse(raw.details) : raw.details,
  };
}

/** Where a trail is read from: a node's subtree, or one object within the caller's subtrees. */
export type AuditSubject = { path: string } | { type: AuditObjectType; id: string; scopes: readonly string[] };

/** The query of up to `limit` rows of the subject past `key` (an id), in `direction`; null when it can find none. */
export function auditQuery(subject: AuditSubject, filters: AuditFilters, direction: Direction, key: number | null, limit: number): SQL | null {
  const where = filtersOf(filters);
  if (where === null) return null;
  if (!('path' in subject) && subject.scopes.length === 0) return null;
  const ids =
    'path' in subject
      ? subtreeIds(subject.path, where, direction, key, limit)
      : objectIds(subject.type, subject.id, subject.scopes, where, direction, key, limit);
  return withActors(ids, direction);
}

export async function auditRows(tx: Tx, subject: AuditSubject, filters: AuditFilters, direction: Direction, key: number | null, limit: number): Promise<AuditRow[]> {
  const query = auditQuery(subject, filters, direction, key, limit);
  return query ? (await rowsOf<Record<string, unknown>>(tx, query)).map(readRow) : [];
}

/** `GET /api/audit`: a page of the trail, newest first; the cursor is the last id. */
export async function auditPage(tx: Tx, subject: AuditSubject, filters: AuditFilters, limit: number, cursor: string | undefined): Promise<ListEnvelope<AuditEntry>> {
  const rows = await auditRows(tx, subject, filters, 'newest', parseCursor(cursor), limit + 1);
  const cut = page(rows, limit, (r) => r.id);
  return { items: cut.rows.map(toAuditEntry), nextCursor: cut.nextCursor };
}

/** The subtrees whose trail the caller may read (the permission table's `audit.read`). */
export function auditScopes(grants: readonly ScopedGrant[]): string[] {
  const rule: Partial<Record<ScopedGrant['role'], string>> = PERMISSIONS['audit.read'];
  return grants.filter((g) => rule[g.role] === 'subtree' && g.orgPath).map((g) => g.orgPath!);
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    action: row.action,
    label: auditActionLabel(row.action),
    objectType: row.entity,
    objectId: row.entityId,
    actor: row.actorId === null ? null : { id: String(row.actorId), name: row.actorName ?? '' },
    from: row.fromState,
    to: row.toState,
    details: shownDetails(row.details),
  };
}

const DETAIL_KEYS: ReadonlySet<string> = new Set(AUDIT_DETAIL_KEYS);
/** A mainland mobile number inside text. */
const PHONE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;

type Plain = string | number | boolean | null;
const plain = (value: unknown): Plain | undefined => {
  if (typeof value === 'string') return value.replace(PHONE_IN_TEXT, maskPhone);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return undefined;
};
const flatRecord = (value: unknown): Record<string, Plain> | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const shown: Record<string, Plain> = {};
  for (const [key, v] of Object.entries(value)) {
    const p = plain(v);
    if (p === undefined) return undefined;
    shown[key] = p;
  }
  return shown;
};
const flat = (value: unknown): Plain | Record<string, Plain> | undefined => {
  const p = plain(value);
  return p === undefined ? flatRecord(value) : p;
};
const detailValue = (value: unknown): unknown => {
  if (!Array.isArray(value)) return flat(value);
  const items = value.map(flat);
  return items.every((item) => item !== undefined) ? items : undefined;
};

/**
 * What of an entry's details may be shown (shared's AUDIT_DETAIL_KEYS): the keys listed, with plain
 * values (or flat records, or lists of either), phone numbers in text masked; null when nothing is left.
 */
export function shownDetails(details: unknown): Record<string, unknown> | null {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (!DETAIL_KEYS.has(key)) continue;
    const v = detailValue(value);
    if (v !== undefined) shown[key] = v;
  }
  return Object.keys(shown).length > 0 ? shown : null;
}
