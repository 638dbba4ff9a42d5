import { and, asc, eq, inArray } from 'drizzle-orm';
import type { GridGroup, GridGroupKind, MyGrid } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { gridGroups, gridMembers, reports, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { parseId } from '../orgs/service';
import { holdConfirmedReport } from '../reports/repository';

type GroupRow = typeof gridGroups.$inferSelect;

async function describeGroups(tx: Tx, groups: GroupRow[]): Promise<GridGroup[]> {
  const members = groups.length
    ? await tx
        .select({ groupId: gridMembers.groupId, id: users.id, name: users.name })
        .from(gridMembers)
        .innerJoin(users, eq(users.id, gridMembers.memberId))
        .where(inArray(gridMembers.groupId, groups.map((g) => g.id)))
        .orderBy(asc(users.id))
    : [];
  return groups.map((g) => ({
    id: String(g.id),
    communityId: String(g.communityId),
    kind: g.kind,
    name: g.name,
    members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: String(m.id), name: m.name })),
    leaderId: g.leaderId === null ? null : String(g.leaderId),
  }));
}

/** The community's grid (立体网格): its branches and teams, with their members. */
export async function listGrid(db: Db, communityId: number): Promise<GridGroup[]> {
  const groups = await db.select().from(gridGroups).where(eq(gridGroups.communityId, communityId)).orderBy(asc(gridGroups.kind), asc(gridGroups.id));
  return describeGroups(db, groups);
}

export async function getGroup(db: Db, id: string): Promise<GroupRow> {
  const n = parseId(id);
  const [row] = n === null ? [] : await db.select().from(gridGroups).where(eq(gridGroups.id, n));
  if (!row) throw notFound();
  return row;
}

export async function createGroup(db: Db, actorId: number, community: { id: number; path: string }, kind: GridGroupKind, name: string): Promise<GridGroup> {
  const communityId = community.id;
  try {
    return await db.transaction(async (tx) => {
      const [group] = await tx.insert(gridGroups).values({ communityId, kind, name }).returning();
      await recordAudit(tx, { actorId, action: 'grid.create', entity: 'grid_group', entityId: group!.id, to: kind, details: { name }, orgPath: community.path });
      return (await describeGroups(tx, [group!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'grid_groups_name_key')) throw new AppError(409, 'GRID_NAME_TAKEN');
    throw err;
  }
}

/**
 * Assigns a member with a confirmed report in the group's community (at `orgPath`), held while
 * the place is written (`holdConfirmedReport`: a report ending at the same moment takes it away
 * again, or goes first and this answers 409 NOT_REPORTED_HERE); one group of each kind.
 */
export async function addMember(db: Db, actorId: number, group: GroupRow, orgPath: string, memberIdText: string): Promise<GridGroup> {
  const memberId = parseId(memberIdText);
  if (memberId === null) throw notFound();
  try {
    return await db.transaction(async (tx) => {
      if (!(await holdConfirmedReport(tx, memberId, group.communityId))) throw new AppError(409, 'NOT_REPORTED_HERE', '该党员尚未在本社区完成报到');
      await tx.insert(gridMembers).values({ groupId: group.id, memberId, communityId: group.communityId, kind: group.kind });
      await recordAudit(tx, { actorId, action: 'grid.assign', entity: 'grid_group', entityId: group.id, details: { memberId }, orgPath });
      await notify(tx, memberId, { kind: 'grid.assigned', title: '已编入网格', body: `您已编入「${group.name}」`, entity: 'grid_group', entityId: group.id });
      return (await describeGroups(tx, [group]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'GRID_KIND_TAKEN');
    throw err;
  }
}

/** Removes a member; a member who led the group leaves it without a leader. */
export async function removeMember(db: Db, actorId: number, group: GroupRow, orgPath: string, memberIdText: string): Promise<GridGroup> {
  const memberId = parseId(memberIdText);
  if (memberId === null) throw notFound();
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(gridMembers)
      .where(and(eq(gridMembers.groupId, group.id), eq(gridMembers.memberId, memberId)))
      .returning();
    if (removed.length === 0) throw notFound();
    const [led] = await tx
      .update(gridGroups)
      .set({ leaderId: null })
      .where(and(eq(gridGroups.id, group.id), eq(gridGroups.leaderId, memberId)))
      .returning();
    await recordAudit(tx, { actorId, action: 'grid.unassign', entity: 'grid_group', entityId: group.id, details: { memberId, ...(led ? { leaderId: null } : {}) }, orgPath });
    return (await describeGroups(tx, [led ?? (await currentGroup(tx, group.id))]))[0]!;
  });
}

const currentGroup = async (tx: Tx, id: number): Promise<GroupRow> => (await tx.select().from(gridGroups).where(eq(gridGroups.id, id)))[0]!;

/**
 * Names the group's leader (负责人), one of its members, or none. A grid branch's leader holds 建议
 * of 四议一呼. The member's row is locked while the leader is set, so a removal of that member at
 * the same moment either waits and then clears the leader, or goes first and leaves them no longer
 * a member here (409 GRID_LEADER_NOT_MEMBER).
 */
export async function setLeader(db: Db, actorId: number, group: GroupRow, orgPath: string, memberIdText: string | null): Promise<GridGroup> {
  const memberId = memberIdText === null ? null : parseId(memberIdText);
  if (memberId === null && memberIdText !== null) throw new AppError(409, 'GRID_LEADER_NOT_MEMBER');
  return db.transaction(async (tx) => {
    if (memberId !== null) {
      const [member] = await tx
        .select({ memberId: gridMembers.memberId })
        .from(gridMembers)
        .where(and(eq(gridMembers.groupId, group.id), eq(gridMembers.memberId, memberId)))
        .for('share');
      if (!member) throw new AppError(409, 'GRID_LEADER_NOT_MEMBER');
    }
    const [updated] = await tx.update(gridGroups).set({ leaderId: memberId }).where(eq(gridGroups.id, group.id)).returning();
    await recordAudit(tx, { actorId, action: 'grid.leader', entity: 'grid_group', entityId: group.id, details: { leaderId: memberId }, orgPath });
    if (memberId !== null && memberId !== group.leaderId) {
      await notify(tx, memberId, { kind: 'grid.leader', title: '已任网格负责人', body: `您已成为「${group.name}」的负责人`, entity: 'grid_group', entityId: group.id });
    }
    return (await describeGroups(tx, [updated!]))[0]!;
  });
}

/** Where the member sits in the grid of the community they reported to, for "我的". */
export async function myGrid(tx: Tx, memberId: number): Promise<MyGrid | null> {
  const rows = await tx
    .select({ id: gridGroups.id, name: gridGroups.name, kind: gridGroups.kind })
    .from(gridMembers)
    .innerJoin(gridGroups, eq(gridGroups.id, gridMembers.groupId))
    .innerJoin(reports, and(eq(reports.memberId, gridMembers.memberId), eq(reports.communityId, gridMembers.communityId), eq(reports.status, 'confirmed')))
    .where(eq(gridMembers.memberId, memberId));
  if (rows.length === 0) return null;
  const of = (kind: GridGroupKind) => {
    const g = rows.find((r) => r.kind === kind);
    return g ? { id: String(g.id), name: g.name } : null;
  };
  return { branch: of('branch'), team: of('team') };
}
