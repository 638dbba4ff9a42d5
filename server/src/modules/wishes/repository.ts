import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { wishes } from '../../db/schema';
import { columnsOf, nums, rowOf, statement } from '../../db/statement';

/** A wish with what it shows: its community, the names of its resident (for a 代办 wish, the name
 *  staff typed) and claimant, its photos. */
export type WishRow = typeof wishes.$inferSelect & {
  communityName: string;
  communityPath: string;
  /** Its community is archived (停用): nothing new starts there, not even a claim. */
  communityArchived: boolean;
  residentName: string;
  claimantName: string | null;
  /** The resident's photos and the claimant's evidence, by upload id. */
  photoIds: number[];
  evidenceIds: number[];
};

/** The columns of a WishRow, read from the wish `w` (the table, or a data-modifying CTE) and joined as `wishRowFrom` joins. */
export const wishRowColumns = sql`${columnsOf(wishes, 'w')},
  c.name as "communityName", c.path as "communityPath", c.archived_at is not null as "communityArchived", coalesce(w.on_behalf_of_name, r.name) as "residentName", m.name as "claimantName",
  array(select p.upload_id from wish_photos p where p.wish_id = w.id and p.purpose = 'wish' order by p.upload_id) as "photoIds",
  array(select p.upload_id from wish_photos p where p.wish_id = w.id and p.purpose = 'evidence' order by p.upload_id) as "evidenceIds"`;

/** `source` (wishes, or a CTE of wish rows) as `w`, with the rows its names come from. */
export const wishRowFrom = (source: SQL) =>
  sql`${source} w join org_nodes c on c.id = w.community_id join users r on r.id = w.resident_id left join users m on m.id = w.claimant_id`;

export function readWishRow(raw: Record<string, unknown>): WishRow {
  return {
    ...rowOf(wishes, raw),
    communityName: raw.communityName as string,
    communityPath: raw.communityPath as string,
    communityArchived: raw.communityArchived === true,
    residentName: raw.residentName as string,
    claimantName: (raw.claimantName as string | null) ?? null,
    photoIds: nums(raw.photoIds),
    evidenceIds: nums(raw.evidenceIds),
  };
}

const selectWish = (id: unknown) => sql`select ${wishRowColumns} from ${wishRowFrom(sql`wishes`)} where w.id = ${id}`;
const wishById = statement<{ id: number }, WishRow>('wishes.by-id', selectWish(sql.placeholder('id')), readWishRow);

/** A wish by id: a prepared statement, for reads outside a transaction (a wish's page, its photos). */
export async function readWish(database: Database, id: number): Promise<WishRow | undefined> {
  const [row] = await database.run(wishById, { id });
  return row;
}

/** A wish by id inside a transaction (which a prepared statement of the pool cannot join). */
export async function findWish(tx: Tx, id: number): Promise<WishRow | undefined> {
  const [row] = await rowsOf<Record<string, unknown>>(tx, selectWish(id));
  return row && readWishRow(row);
}
