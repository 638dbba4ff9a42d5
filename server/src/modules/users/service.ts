import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HeldRole, Me, Membership, PioneerRole, UpdateMeBody, User } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { orgNodes, roleGrants, rosterEntries, units, users } from '../../db/schema';
import { AppError, unauthenticated } from '../../http/errors';
import { myGrid } from '../grid/service';
import { findOrgNode } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { findMyReport } from '../reports/repository';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: String(row.id),
    name: row.name,
    phone: row.phone,
    homeCommunityId: row.homeCommunityId === null ? null : String(row.homeCommunityId),
    pioneerRoles: row.pioneerRoles as PioneerRole[],
    createdAt: row.createdAt.toISOString(),
    mustChangePassword: row.mustChangePassword,
    consentNeeded: row.consentedAt === null,
  };
}

export async function findUser(tx: Tx, userId: number): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, userId));
  return row;
}

/** A home community must be a node of kind community. */
export async function requireCommunity(tx: Tx, id: string): Promise<number> {
  const n = parseId(id);
  const node = n === null ? undefined : await findOrgNode(tx, n);
  if (!node) throw new AppError(404, 'NOT_FOUND');
  if (node.kind !== 'community') throw new AppError(400, 'NOT_A_COMMUNITY');
  return node.id;
}

/** `GET /api/me`: the user, every role they hold with where, and their roster entry. */
export async function describeMe(tx: Tx, userId: number): Promise<Me> {
  const user = await findUser(tx, userId);
  if (!user) throw unauthenticated();
  const granted = await tx
    .select({
      role: roleGrants.role,
      orgId: roleGrants.orgId,
      unitId: roleGrants.unitId,
      orgName: orgNodes.name,
      unitName: units.name,
    })
    .from(roleGrants)
    .leftJoin(orgNodes, eq(orgNodes.id, roleGrants.orgId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(roleGrants.id);
  const rosters = user.phone
    ? await tx
        .select({ unitId: rosterEntries.unitId, unitName: units.name, branch: rosterEntries.branch })
        .from(rosterEntries)
        .innerJoin(units, eq(units.id, rosterEntries.unitId))
        // A roster they left (离开名册) no longer makes them a member.
        .where(and(eq(rosterEntries.phone, user.phone), isNull(rosterEntries.departedAt)))
        .orderBy(rosterEntries.id)
    : [];
  const member: Membership | null = rosters[0]
    ? { unitId: String(rosters[0].unitId), unitName: rosters[0].unitName, branch: rosters[0].branch }
    : null;
  const roles: HeldRole[] = [{ role: 'resident' }];
  for (const r of rosters) roles.push({ role: 'member', unitId: String(r.unitId), scopeName: r.unitName });
  for (const g of granted) {
    roles.push({
      role: g.role,
      ...(g.orgId !== null ? { orgId: String(g.orgId), scopeName: g.orgName ?? undefined } : {}),
      ...(g.unitId !== null ? { unitId: String(g.unitId), scopeName: g.unitName ?? undefined } : {}),
    });
  }
  return {
    user: toUser(user),
    roles,
    pioneerRoles: user.pioneerRoles as PioneerRole[],
    member,
    report: member ? await findMyReport(tx, userId) : null,
    grid: member ? await myGrid(tx, userId) : null,
  };
}

/** `PATCH /api/me`: name, home community, pioneer roles (validated against the five). */
export function updateMe(db: Db, userId: number, body: UpdateMeBody, now: Date): Promise<Me> {
  return db.transaction(async (tx) => {
    await applyUpdate(tx, userId, body, now);
    return describeMe(tx, userId);
  });
}

async function applyUpdate(tx: Tx, userId: number, body: UpdateMeBody, now: Date): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = { updatedAt: sql`now()` as unknown as Date };
  if (body.name !== undefined) set.name = body.name;
  if (body.pioneerRoles !== undefined) set.pioneerRoles = [...new Set(body.pioneerRoles)];
  if (body.homeCommunityId !== undefined) {
    const home = body.homeCommunityId === null ? null : await requireCommunity(tx, body.homeCommunityId);
    set.homeCommunityId = home;
    // Since when it is home: unchanged when the same community is named again.
    set.homeCommunitySince =
      home === null ? null : (sql`case when ${users.homeCommunityId} is not distinct from ${home} then ${users.homeCommunitySince} else ${now} end` as unknown as Date);
  }
  await tx.update(users).set(set).where(eq(users.id, userId));
}

/** `POST /api/me/consent`: the account agrees to the 用户协议 and 隐私政策; the first time is kept. */
export async function recordConsent(db: Db, userId: number): Promise<void> {
  await db.update(users).set({ consentedAt: sql`coalesce(${users.consentedAt}, now())` }).where(eq(users.id, userId));
}
