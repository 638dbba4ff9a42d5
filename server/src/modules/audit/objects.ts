import { sql, type SQL } from 'drizzle-orm';
import type { AuditObjectType } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { parseId } from '../orgs/service';

/** The node each kind of object lives in, by its id; accounts belong to no one node. */
const PATH_OF: Record<AuditObjectType, ((id: number) => SQL) | null> = {
  wish: (id) => sql`select o.path from wishes x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  opinion: (id) => sql`select o.path from opinions x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  activity: (id) => sql`select o.path from activities x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  agreement: (id) => sql`select o.path from agreements x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  project: (id) => sql`select o.path from projects x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  report: (id) => sql`select o.path from reports x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  record: (id) => sql`select o.path from service_records x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  post: (id) => sql`select o.path from posts x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  post_seat: (id) =>
    sql`select o.path from post_seats x join posts p on p.id = x.post_id join org_nodes o on o.id = p.community_id where x.id = ${id}`,
  household: (id) => sql`select o.path from households x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  pairing: (id) =>
    sql`select o.path from pairings x join households h on h.id = x.household_id join org_nodes o on o.id = h.community_id where x.id = ${id}`,
  grid_group: (id) => sql`select o.path from grid_groups x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  points_ledger: (id) => sql`select o.path from points_ledger x join org_nodes o on o.id = x.community_id where x.id = ${id}`,
  org_node: (id) => sql`select path from org_nodes where id = ${id}`,
  unit: (id) => sql`select o.path from units x join org_nodes o on o.id = x.org_id where x.id = ${id}`,
  roster_entry: (id) =>
    sql`select o.path from roster_entries x join units u on u.id = x.unit_id join org_nodes o on o.id = u.org_id where x.id = ${id}`,
  user: null,
};

/**
 * The path of the node an object lives in, or null when there is no such object (or it belongs
 * to no node): an object with no history yet (the demo's wishes) is still the caller's to see.
 */
export async function objectPath(tx: Tx, type: AuditObjectType, id: string): Promise<string | null> {
  const n = parseId(id);
  const query = PATH_OF[type];
  if (n === null || query === null) return null;
  const [row] = await rowsOf<{ path: string }>(tx, query(n));
  return row?.path ?? null;
}
