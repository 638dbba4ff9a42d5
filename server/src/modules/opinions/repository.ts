import { asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { OpinionLevel, OpinionStepAction } from '@huijia/shared';
import type { Database, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { opinions, opinionSteps, users } from '../../db/schema';
import { columnsOf, nums, rowOf, statement } from '../../db/statement';

/** An opinion with what it shows: its community and place, its reporter's name, its photos, and
 *  whether the viewer the row was read for seconded it. */
export type OpinionRow = typeof opinions.$inferSelect & {
  communityName: string;
  communityPath: string;
  placeName: string | null;
  /** The account that raised or logged it (a collected one's source person is `raisedByName`). */
  reporterName: string;
  photoIds: number[];
  seconded: boolean;
};

/** The columns of an OpinionRow read from `o`, for the viewer `viewer` (a value or a placeholder). */
export const opinionRowColumns = (viewer: unknown) => sql`${columnsOf(opinions, 'o')},
  c.name as "communityName", c.path as "communityPath", pl.name as "placeName", r.name as "reporterName",
  array(select ph.upload_id from opinion_photos ph where ph.opinion_id = o.id order by ph.upload_id) as "photoIds",
  exists(select from opinion_seconds s where s.opinion_id = o.id and s.user_id = ${viewer}) as seconded`;

/** Opinions as `o`, with the rows their names come from. */
export const opinionRowFrom = sql`opinions o join org_nodes c on c.id = o.community_id join users r on r.id = o.reporter_id left join org_nodes pl on pl.id = o.place_id`;

export function readOpinionRow(raw: Record<string, unknown>): OpinionRow {
  return {
    ...rowOf(opinions, raw),
    communityName: raw.communityName as string,
    communityPath: raw.communityPath as string,
    placeName: (raw.placeName as string | null) ?? null,
    reporterName: raw.reporterName as string,
    photoIds: nums(raw.photoIds),
    seconded: raw.seconded === true,
  };
}

const selectOpinion = (id: unknown, viewer: unknown) => sql`select ${opinionRowColumns(viewer)} from ${opinionRowFrom} where o.id = ${id}`;
const opinionById = statement<{ id: number; viewer: number }, OpinionRow>(
  'opinions.by-id',
  selectOpinion(sql.placeholder('id'), sql.placeholder('viewer')),
  readOpinionRow,
);

/** An opinion by id as `viewer` reads it, outside a transaction. */
export async function readOpinion(database: Database, id: number, viewer: number): Promise<OpinionRow | undefined> {
  const [row] = await database.run(opinionById, { id, viewer });
  return row;
}

/** An opinion by id inside a transaction. */
export async function findOpinion(tx: Tx, id: number, viewer: number): Promise<OpinionRow | undefined> {
  const [row] = await rowsOf<Record<string, unknown>>(tx, selectOpinion(id, viewer));
  return row && readOpinionRow(row);
}

/** Opinions picked by `where`, in `order`, at most `limit`, as `viewer` reads them. */
export async function opinionRows(tx: Tx, viewer: number, where: SQL[], order: SQL, limit: number): Promise<OpinionRow[]> {
  const query = sql`select ${opinionRowColumns(viewer)} from ${opinionRowFrom} where ${sql.join(where, sql` and `)} order by ${order} limit ${limit}`;
  return (await rowsOf<Record<string, unknown>>(tx, query)).map(readOpinionRow);
}

/** One step of an opinion's path, with its actor's name. */
export type StepRow = typeof opinionSteps.$inferSelect & { actorName: string };

export async function stepsOf(tx: Tx, opinionId: number): Promise<StepRow[]> {
  return tx
    .select({ ...getTableColumns(opinionSteps), actorName: users.name })
    .from(opinionSteps)
    .innerJoin(users, eq(users.id, opinionSteps.actorId))
    .where(eq(opinionSteps.opinionId, opinionId))
    .orderBy(asc(opinionSteps.id));
}

export interface NewStep {
  action: OpinionStepAction;
  level: OpinionLevel;
  note: string | null;
  actorId: number;
  actorRole: string;
}

export async function writeSteps(tx: Tx, opinionId: number, at: Date, steps: readonly NewStep[]): Promise<void> {
  if (steps.length) await tx.insert(opinionSteps).values(steps.map((s) => ({ ...s, opinionId, at })));
}

/** The ids on a materialised path (`/1/7/12/` → 1, 7, 12): a node and its ancestors. */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);
