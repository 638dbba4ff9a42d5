import { eq, inArray, sql } from 'drizzle-orm';
import type { CreateUnitBody, Unit } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes, rosterEntries, unitCommunities, units } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { parseId } from '../orgs/service';

export interface UnitRow {
  id: number;
  name: string;
  orgId: number;
  orgPath: string;
}

export async function getUnitRow(db: Tx, id: string): Promise<UnitRow> {
  const n = parseId(id);
  const [row] =
    n === null
      ? []
      : await db
          .select({ id: units.id, name: units.name, orgId: units.orgId, orgPath: orgNodes.path })
          .from(units)
          .innerJoin(orgNodes, eq(orgNodes.id, units.orgId))
          .where(eq(units.id, n));
  if (!row) throw notFound();
  return row;
}

export async function describeUnit(db: Tx, unit: UnitRow): Promise<Unit> {
  const paired = await db
    .select({ id: orgNodes.id, name: orgNodes.name })
    .from(unitCommunities)
    .innerJoin(orgNodes, eq(orgNodes.id, unitCommunities.communityId))
    .where(eq(unitCommunities.unitId, unit.id))
    .orderBy(orgNodes.id);
  const [roster] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(eq(rosterEntries.unitId, unit.id));
  return {
    id: String(unit.id),
    name: unit.name,
    orgId: String(unit.orgId),
    pairedCommunities: paired.map((c) => ({ id: String(c.id), name: c.name })),
    rosterSize: roster!.n,
  };
}

/** The communities a new unit pairs with (结对共建), which must all be communities. */
export async function pairedCommunities(db: Db, ids: string[]) {
  const numeric = ids.map(parseId);
  if (numeric.some((n) => n === null)) throw notFound();
  const rows = numeric.length
    ? await db.select().from(orgNodes).where(inArray(orgNodes.id, numeric as number[]))
    : [];
  if (rows.length !== new Set(numeric).size) throw notFound();
  if (rows.some((r) => r.kind !== 'community')) throw new AppError(400, 'NOT_A_COMMUNITY');
  return rows;
}

export async function createUnit(db: Db, actorId: number, org: { id: number; path: string }, body: CreateUnitBody, communityIds: number[]): Promise<Unit> {
  try {
    return await db.transaction(async (tx) => {
      const [unit] = await tx.insert(units).values({ name: body.name, orgId: org.id }).returning();
      if (communityIds.length) {
        await tx.insert(unitCommunities).values(communityIds.map((communityId) => ({ unitId: unit!.id, communityId })));
      }
      await recordAudit(tx, { actorId, action: 'unit.create', entity: 'unit', entityId: unit!.id, details: { name: body.name, pairedCommunityIds: communityIds } });
      return describeUnit(tx, { id: unit!.id, name: unit!.name, orgId: org.id, orgPath: org.path });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'units_name_unique')) throw new AppError(409, 'UNIT_NAME_TAKEN');
    throw err;
  }
}
