import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { communitySettings, wishes } from '../../db/schema';
import { columnsOf, nums, rowOf, statement } from '../../db/statement';
import { DEFAULT_CONTACT_DAYS, DEFAULT_FULFIL_DAYS, type WishDeadlines } from '@huijia/shared';

/** A wish with what it shows: its community, the names of its resident and claimant, its photos. */
export type WishRow = typeof wishes.$inferSelect & {
  communityName: string;
  communityPath: string;
  residentName: string;
  claimantName: string | null;
  /** The resident's photos and the claimant's evidence, by upload id. */
  photoIds: number[];
  evidenceIds: number[];
};

/** The columns of a WishRow, read from the wish `w` (the table, or a data-modifying CTE) and joined as `wishRowFrom` joins. */
export const wishRowColumns = sql`${columnsOf(wishes, 'w')},
  c.name as "communityName", c.path as "communityPath", r.name as "residentName", m.name as "claimantName",
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

export async function deadlinesOf(tx: Tx, communityId: number): Promise<WishDeadlines> {
  const [row] = await tx.select().from(communitySettings).where(eq(communitySettings.communityId, communityId));
  return row ?? { contactDays: DEFAULT_CONTACT_DAYS, fulfilDays: DEFAULT_FULFIL_DAYS };
}
