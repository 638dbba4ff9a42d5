import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SignupState } from '@huijia/shared';
import type { Database, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { activities } from '../../db/schema';
import { rowOf, statement } from '../../db/statement';

/** The viewer's live sign-up of an activity: a place, or a place waited for at `position`. */
export interface OwnSignup {
  id: number;
  status: SignupState;
  /** 1 = next to move up; null with a place. */
  position: number | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/**
 * An activity with what it shows, as one viewer reads it: its community, who organises it (the
 * community, the team or the unit, by name) and who published it, the team's leader (who organises
 * it), how many wait, and the viewer's own sign-up. Never its secret.
 */
export type ActivityRow = Omit<typeof activities.$inferSelect, 'secret'> & {
  communityName: string;
  communityPath: string;
  publisherName: string;
  organiserName: string;
  teamLeaderId: number | null;
  waitlisted: number;
  mine: OwnSignup | null;
  /** The viewer signed up once, whether or not they still are (a called-off activity stays theirs to see). */
  everSignedUp: boolean;
};

const { secret: _secret, ...shownColumns } = getTableColumns(activities);

/** An activity's columns but its secret, from `a`, named as the table's TypeScript keys. */
const activityColumns = sql.join(
  Object.entries(shownColumns).map(([key, column]) => sql`a.${sql.identifier(column.name)} as ${sql.identifier(key)}`),
  sql`, `,
);

/**
 * The columns of an ActivityRow read for `viewer` (a value or a placeholder): the waiting list's
 * length and the viewer's place in it are counted on the (activity, status, id) index.
 */
const rowColumns = (viewer: unknown) => sql`${activityColumns},
  c.name as "communityName", c.path as "communityPath", p.name as "publisherName",
  coalesce(g.name, un.name, c.name) as "organiserName", g.leader_id as "teamLeaderId",
  (select count(*)::int from activity_signups w where w.activity_id = a.id and w.status = 'waitlisted') as waitlisted,
  my.id as "myId", my.status as "myStatus", my.checked_in_at as "myCheckedInAt", my.checked_out_at as "myCheckedOutAt",
  case when my.status = 'waitlisted'
    then (select count(*)::int from activity_signups w where w.activity_id = a.id and w.status = 'waitlisted' and w.id <= my.id) end as "myPosition",
  exists(select from activity_signups h where h.activity_id = a.id and h.member_id = ${viewer}) as "everSignedUp"`;

const rowFrom = (viewer: unknown) => sql`activities a
  join org_nodes c on c.id = a.community_id
  join users p on p.id = a.published_by
  left join grid_groups g on g.id = a.team_id
  left join units un on un.id = a.unit_id
  left join activity_signups my on my.activity_id = a.id and my.member_id = ${viewer} and my.status <> 'cancelled'`;

const at = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string | Date));

function readActivityRow(raw: Record<string, unknown>): ActivityRow {
  const { secret: _s, ...row } = rowOf(activities, raw);
  return {
    ...row,
    communityName: raw.communityName as string,
    communityPath: raw.communityPath as string,
    publisherName: raw.publisherName as string,
    organiserName: raw.organiserName as string,
    teamLeaderId: raw.teamLeaderId === null ? null : Number(raw.teamLeaderId),
    waitlisted: Number(raw.waitlisted),
    mine:
      raw.myId === null
        ? null
        : {
            id: Number(raw.myId),
            status: raw.myStatus as SignupState,
            position: raw.myPosition === null ? null : Number(raw.myPosition),
            checkedInAt: at(raw.myCheckedInAt),
            checkedOutAt: at(raw.myCheckedOutAt),
          },
    everSignedUp: raw.everSignedUp === true,
  };
}

const selectActivity = (id: unknown, viewer: unknown) => sql`select ${rowColumns(viewer)} from ${rowFrom(viewer)} where a.id = ${id}`;
const activityById = statement<{ id: number; viewer: number }, ActivityRow>(
  'activities.by-id',
  selectActivity(sql.placeholder('id'), sql.placeholder('viewer')),
  readActivityRow,
);

/** An activity by id as `viewer` reads it, outside a transaction. */
export async function readActivity(database: Database, id: number, viewer: number): Promise<ActivityRow | undefined> {
  const [row] = await database.run(activityById, { id, viewer });
  return row;
}

/** An activity by id as `viewer` reads it, inside a transaction. */
export async function findActivity(tx: Tx, id: number, viewer: number): Promise<ActivityRow | undefined> {
  const [row] = await rowsOf<Record<string, unknown>>(tx, selectActivity(id, viewer));
  return row && readActivityRow(row);
}

/** Activities picked by `where` (on `a`), in `order`, at most `limit`, as `viewer` reads them: one statement for a page. */
export async function activityRows(tx: Tx, viewer: number, where: SQL[], order: SQL, limit: number): Promise<ActivityRow[]> {
  const query = sql`select ${rowColumns(viewer)} from ${rowFrom(viewer)} where ${sql.join(where, sql` and `)} order by ${order} limit ${limit}`;
  return (await rowsOf<Record<string, unknown>>(tx, query)).map(readActivityRow);
}

/** What the sign-up rules read of an activity, its row locked until the transaction ends: sign-ups,
 *  cancellations and edits of one activity take their turns, so the waiting list keeps the order
 *  they arrived in and moves up without a gap or a place given twice. */
export interface LockedActivity {
  status: (typeof activities.$inferSelect)['status'];
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signedUp: number;
}

export async function lockActivity(tx: Tx, id: number): Promise<LockedActivity> {
  const [row] = await rowsOf<Record<string, unknown>>(
    tx,
    sql`select status, starts_at as "startsAt", ends_at as "endsAt", capacity, signed_up as "signedUp" from activities where id = ${id} for update`,
  );
  return {
    status: row!.status as LockedActivity['status'],
    startsAt: at(row!.startsAt)!,
    endsAt: at(row!.endsAt)!,
    capacity: Number(row!.capacity),
    signedUp: Number(row!.signedUp),
  };
}

/** The activity's secret, from which its check-in codes are derived (never sent anywhere). */
export async function secretOf(tx: Tx, id: number): Promise<Buffer> {
  const [row] = await rowsOf<{ secret: Uint8Array }>(tx, sql`select secret from activities where id = ${id}`);
  return Buffer.from(row!.secret);
}
