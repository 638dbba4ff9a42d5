import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { decide, maskName, type Household, type Pairing } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { databaseErrorOf, isUniqueViolation } from '../../db/errors';
import { households, orgNodes, pairings, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { settingsOf } from '../communities/settings';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { staffOf } from '../users/grants';
import { notify } from '../notifications/notify';
import { holdConfirmedReport } from '../reports/repository';

type HouseholdRow = typeof households.$inferSelect & { communityName: string; communityPath: string };

async function findHousehold(tx: Tx, id: number): Promise<HouseholdRow | undefined> {
  const [row] = await tx
    .select({ household: households, communityName: orgNodes.name, communityPath: orgNodes.path })
    .from(households)
    .innerJoin(orgNodes, eq(orgNodes.id, households.communityId))
    .where(eq(households.id, id));
  return row && { ...row.household, communityName: row.communityName, communityPath: row.communityPath };
}

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await findHousehold(tx, n);
  if (!row) throw notFound();
  return row;
}

/** Names and addresses of households go to their community's staff and their paired members only. */
async function present(tx: Tx, actor: Actor, rows: HouseholdRow[]): Promise<Household[]> {
  const mine = rows.length
    ? await tx
        .select({ householdId: pairings.householdId })
        .from(pairings)
        .where(and(inArray(pairings.householdId, rows.map((r) => r.id)), eq(pairings.memberId, actor.userId), eq(pairings.status, 'active')))
    : [];
  return rows.map((h) => {
    const paired = mine.some((m) => m.householdId === h.id);
    const entitled = paired || decide(actor.grants, 'household.manage', { orgPath: h.communityPath }) === 'allow';
    return {
      id: String(h.id),
      communityId: String(h.communityId),
      communityName: h.communityName,
      name: entitled ? h.name : maskName(h.name),
      needs: h.needs,
      ...(entitled && h.address ? { address: h.address } : {}),
      maxMembers: h.maxMembers,
      activePairings: h.activePairings,
      pairedWithMe: paired,
    };
  });
}

export async function registerHousehold(
  db: Db,
  actor: Actor,
  community: { id: number; path: string },
  body: { name: string; needs: string; address?: string; maxMembers: number },
): Promise<Household> {
  return db.transaction(async (tx) => {
    await withinCommunityCap(tx, community.id, body.maxMembers);
    const [row] = await tx
      .insert(households)
      .values({ communityId: community.id, name: body.name, needs: body.needs, address: body.address ?? null, maxMembers: body.maxMembers, createdBy: actor.userId })
      .returning({ id: households.id });
    await recordAudit(tx, { actorId: actor.userId, action: 'household.create', entity: 'household', entityId: row!.id, details: { maxMembers: body.maxMembers }, orgPath: community.path });
    return (await present(tx, actor, [(await findHousehold(tx, row!.id))!]))[0]!;
  });
}

/** A household's cap stays within its community's (社区设置: 每户结对上限); else 400 on `maxMembers`. */
async function withinCommunityCap(tx: Tx, communityId: number, maxMembers: number): Promise<void> {
  const { householdMaxMembers } = await settingsOf(tx, communityId);
  if (maxMembers > householdMaxMembers) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'body.maxMembers', message: `本社区每户最多 ${householdMaxMembers} 名党员结对` }]);
  }
}

/**
 * `PATCH /api/households/:id`: staff change how many members may pair with one household, within
 * the community's cap; never below the members paired now (409, by the update's condition, and by
 * the table's check constraint under any concurrency).
 */
export async function updateHousehold(db: Db, actor: Actor, household: HouseholdRow, maxMembers: number): Promise<Household> {
  try {
    return await db.transaction(async (tx) => {
      await withinCommunityCap(tx, household.communityId, maxMembers);
      const [changed] = await tx
        .update(households)
        .set({ maxMembers })
        .where(and(eq(households.id, household.id), sql`${households.activePairings} <= ${maxMembers}`))
        .returning({ id: households.id });
      if (!changed) throw new AppError(409, 'HOUSEHOLD_MAX_BELOW_ACTIVE');
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'household.update',
        entity: 'household',
        entityId: household.id,
        details: { maxMembers },
        orgPath: household.communityPath,
      });
      return (await present(tx, actor, [(await findHousehold(tx, household.id))!]))[0]!;
    });
  } catch (err) {
    if (databaseErrorOf(err)?.constraint === 'households_pairings_within_max') throw new AppError(409, 'HOUSEHOLD_MAX_BELOW_ACTIVE');
    throw err;
  }
}

export async function listHouseholds(db: Db, actor: Actor, communityId: number): Promise<Household[]> {
  const rows = await db
    .select({ household: households, communityName: orgNodes.name, communityPath: orgNodes.path })
    .from(households)
    .innerJoin(orgNodes, eq(orgNodes.id, households.communityId))
    .where(eq(households.communityId, communityId))
    .orderBy(asc(households.id));
  return present(db, actor, rows.map((r) => ({ ...r.household, communityName: r.communityName, communityPath: r.communityPath })));
}

/**
 * A reported member pairs with a household (结对帮扶). The household's count of active pairings
 * rises by a conditional update (never past what staff allow) and the pairing's partial unique
 * index keeps one active pairing per member and household.
 */
export async function pairWith(db: Db, actor: Actor, household: HouseholdRow, now: Date): Promise<Household> {
  const notReported = () => new AppError(403, 'NOT_REPORTED_HERE', '您尚未在该社区完成报到，暂不能结对');
  if (!actor.reportedIn.has(household.communityId)) throw notReported();
  try {
    return await db.transaction(async (tx) => {
      // Held to the commit: a report ending meanwhile ends this pairing, or goes first and refuses it.
      if (!(await holdConfirmedReport(tx, actor.userId, household.communityId))) throw notReported();
      const [already] = await tx
        .select({ id: pairings.id })
        .from(pairings)
        .where(and(eq(pairings.householdId, household.id), eq(pairings.memberId, actor.userId), eq(pairings.status, 'active')));
      if (already) throw new AppError(409, 'ALREADY_PAIRED');
      const [room] = await tx
        .update(households)
        .set({ activePairings: sql`${households.activePairings} + 1` })
        .where(and(eq(households.id, household.id), sql`${households.activePairings} < ${households.maxMembers}`))
        .returning({ id: households.id });
      if (!room) throw new AppError(409, 'HOUSEHOLD_FULL');
      const [pairing] = await tx.insert(pairings).values({ householdId: household.id, memberId: actor.userId, createdAt: now }).returning({ id: pairings.id });
      await recordAudit(tx, { actorId: actor.userId, action: 'pairing.create', entity: 'pairing', entityId: pairing!.id, to: 'active', details: { householdId: household.id }, orgPath: household.communityPath });
      await notify(tx, await staffOf(tx, household.communityId), { kind: 'pairing.created', title: '新的结对帮扶', body: `有党员与困难群众结对：${household.needs.slice(0, 20)}`, entity: 'household', entityId: household.id });
      return (await present(tx, actor, [(await findHousehold(tx, household.id))!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'pairings_one_active')) throw new AppError(409, 'ALREADY_PAIRED');
    throw err;
  }
}

/** The member, or staff of the community, end a pairing. */
export async function endPairing(db: Db, actor: Actor, id: string, now: Date): Promise<Pairing> {
  const n = parseId(id);
  const [row] = n === null ? [] : await db.select().from(pairings).where(eq(pairings.id, n));
  if (!row) throw notFound();
  const household = (await findHousehold(db, row.householdId))!;
  const isStaff = decide(actor.grants, 'household.manage', { orgPath: household.communityPath }) === 'allow';
  if (row.memberId !== actor.userId && !isStaff) throw notFound();
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(pairings)
      .set({ status: 'ended', endedAt: now })
      .where(and(eq(pairings.id, row.id), eq(pairings.status, 'active')))
      .returning();
    if (!ended) throw new AppError(409, 'SEAT_STATE_CONFLICT', '该结对已结束');
    await tx.update(households).set({ activePairings: sql`${households.activePairings} - 1` }).where(eq(households.id, row.householdId));
    await recordAudit(tx, { actorId: actor.userId, action: 'pairing.end', entity: 'pairing', entityId: row.id, from: 'active', to: 'ended', orgPath: household.communityPath });
    return describePairing(tx, ended);
  });
}

async function describePairing(tx: Tx, row: typeof pairings.$inferSelect): Promise<Pairing> {
  const [member] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.memberId));
  return { id: String(row.id), householdId: String(row.householdId), memberId: String(row.memberId), memberName: member!.name, status: row.status, createdAt: row.createdAt.toISOString() };
}

/** The member's own pairings. */
export async function myPairings(db: Db, memberId: number): Promise<Pairing[]> {
  const rows = await db.select().from(pairings).where(eq(pairings.memberId, memberId)).orderBy(asc(pairings.id));
  return Promise.all(rows.map((r) => describePairing(db, r)));
}

