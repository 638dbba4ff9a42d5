import { and, asc, eq, gt, ilike, inArray, isNull, like, notInArray, sql } from 'drizzle-orm';
import type { CreateUnitBody, ListEnvelope, Target, Unit, UnitListQuery, UnitSummary, UpdateUnitBody } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { isUniqueViolation } from '../../db/errors';
import { orgNodes, rosterEntries, unitCommunities, units } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, notFound } from '../../http/errors';
import { arrangePairing, endPairing } from '../agreements/service';
import { lockUnit } from '../agreements/pairs';
import { recordAudit } from '../audit/audit';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { unitsFigures } from '../rosters/figures';

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

/** A unit as the guard reads targets: the unit, and the node it is registered under. */
export const unitTarget = (unit: UnitRow): Target => ({ unitId: String(unit.id), unitOrgPath: unit.orgPath });

/** The paired communities (结对共建) of several units at once, each unit's in id order. */
async function pairedOf(db: Tx, unitIds: number[]): Promise<Map<number, Unit['pairedCommunities']>> {
  const rows = unitIds.length
    ? await db
        .select({ unitId: unitCommunities.unitId, id: orgNodes.id, name: orgNodes.name })
        .from(unitCommunities)
        .innerJoin(orgNodes, eq(orgNodes.id, unitCommunities.communityId))
        .where(inArray(unitCommunities.unitId, unitIds))
        .orderBy(orgNodes.id)
    : [];
  const paired = new Map<number, Unit['pairedCommunities']>(unitIds.map((id) => [id, []]));
  for (const r of rows) paired.get(r.unitId)!.push({ id: String(r.id), name: r.name });
  return paired;
}

export async function describeUnit(db: Tx, unit: UnitRow): Promise<Unit> {
  const paired = await pairedOf(db, [unit.id]);
  const [roster] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unitId, unit.id), isNull(rosterEntries.departedAt)));
  return {
    id: String(unit.id),
    name: unit.name,
    orgId: String(unit.orgId),
    pairedCommunities: paired.get(unit.id)!,
    rosterSize: roster!.n,
  };
}

/** Where a units list looks when it names no node: the caller's district, else their street. */
export function ownAdminNode(grants: readonly { role: string; orgId?: string }[]): string | undefined {
  return (grants.find((g) => g.role === 'district_admin') ?? grants.find((g) => g.role === 'street_admin'))?.orgId;
}

/** LIKE's own characters in what a person typed, taken literally. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * `GET /api/units`: the units registered in a subtree, in id order (keyset), optionally by a part of
 * their name, each with its reporting (信息比对 at a glance) as the unit's own figures count it.
 */
export async function listUnits(db: Db, orgPath: string, query: UnitListQuery): Promise<ListEnvelope<UnitSummary>> {
  const after = parseCursor(query.cursor);
  const q = query.q?.trim();
  const rows = await db
    .select({ id: units.id, name: units.name, orgId: units.orgId, orgPath: orgNodes.path })
    .from(units)
    .innerJoin(orgNodes, eq(orgNodes.id, units.orgId))
    .where(
      and(
        like(orgNodes.path, `${orgPath}%`),
        q ? ilike(units.name, `%${literalLike(q)}%`) : undefined,
        after === null ? undefined : gt(units.id, after),
      ),
    )
    .orderBy(asc(units.id))
    .limit(query.limit + 1);
  const { rows: found, nextCursor } = page(rows, query.limit, (r) => r.id);
  const paired = await pairedOf(db, found.map((u) => u.id));
  // The unit's own figures (rosters/figures.ts), so that the list and the unit's page never disagree.
  const figures = await unitsFigures(db, found.map((u) => u.id));
  return {
    items: found.map((u) => {
      const f = figures.get(u.id)!;
      return {
        id: String(u.id),
        name: u.name,
        orgId: String(u.orgId),
        pairedCommunities: paired.get(u.id)!,
        rosterSize: f.roster,
        reported: f.confirmed,
        reportingRate: f.roster > 0 ? f.reportingRate : null,
      };
    }),
    nextCursor,
  };
}

/** The communities a unit pairs with (结对共建), which must all be communities. */
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

/** An archived community (停用) takes no new work, and so no new partner. */
function assertPairable(communities: readonly OrgNodeRow[]): void {
  const archived = communities.filter((c) => c.archivedAt !== null);
  if (archived.length) throw new AppError(409, 'ORG_ARCHIVED', undefined, { communityIds: archived.map((c) => String(c.id)) });
}

/**
 * `POST /api/units`: registered, and paired with `communities` as the district arranges it — each
 * pair through an active agreement (共建协议) of three years from today, which makes the pair.
 */
export async function createUnit(
  db: Db,
  actorId: number,
  org: { id: number; path: string },
  body: CreateUnitBody,
  communities: readonly OrgNodeRow[],
  now: Date,
): Promise<Unit> {
  assertPairable(communities);
  const communityIds = communities.map((c) => c.id);
  try {
    return await db.transaction(async (tx) => {
      const [unit] = await tx.insert(units).values({ name: body.name, orgId: org.id }).returning();
      for (const c of communities) await arrangePairing(tx, actorId, unit!.id, c, now);
      await recordAudit(tx, {
        actorId,
        action: 'unit.create',
        entity: 'unit',
        entityId: unit!.id,
        details: { name: body.name, pairedCommunityIds: communityIds },
        orgPath: org.path,
      });
      return describeUnit(tx, { id: unit!.id, name: unit!.name, orgId: org.id, orgPath: org.path });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'units_name_unique')) throw new AppError(409, 'UNIT_NAME_TAKEN');
    throw err;
  }
}

/** `PATCH /api/units/:id`: a new name, unique among units (409 UNIT_NAME_TAKEN). */
export async function renameUnit(db: Db, actorId: number, unit: UnitRow, body: UpdateUnitBody): Promise<Unit> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unit.id)).for('update');
      if (!current) throw notFound();
      if (current.name !== body.name) {
        await tx.update(units).set({ name: body.name }).where(eq(units.id, unit.id));
        await recordAudit(tx, {
          actorId,
          action: 'unit.update',
          entity: 'unit',
          entityId: unit.id,
          details: { before: { name: current.name }, after: { name: body.name } },
          orgPath: unit.orgPath,
        });
      }
      return describeUnit(tx, { ...unit, name: body.name });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'units_name_unique')) throw new AppError(409, 'UNIT_NAME_TAKEN');
    throw err;
  }
}

/**
 * `PUT /api/units/:id/communities`: the unit's pairings become exactly `communities`. A pairing kept
 * with a community archived since stays (its history); a new one needs a community still open.
 * Reports made through a pairing stay as they are.
 */
export async function replacePairings(db: Db, actorId: number, unit: UnitRow, communities: readonly OrgNodeRow[], now: Date): Promise<Unit> {
  return db.transaction(async (tx) => {
    // One replacement of a unit's pairings at a time, so that each audit row's "before" is true;
    // the lock every change to the unit's agreements takes (agreements/pairs.ts).
    await lockUnit(tx, unit.id);
    const before = (await tx.select({ id: unitCommunities.communityId }).from(unitCommunities).where(eq(unitCommunities.unitId, unit.id)))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const after = communities.map((c) => c.id).sort((a, b) => a - b);
    const added = communities.filter((c) => !before.includes(c.id));
    assertPairable(added);
    if (added.length > 0 || before.length !== after.length) {
      // Through agreements, so that a pair exists exactly while one is in force: the pairs dropped
      // end theirs (with the district's reason), the pairs added get one arranged by the district.
      const dropped = await tx
        .select({ id: orgNodes.id, path: orgNodes.path })
        .from(unitCommunities)
        .innerJoin(orgNodes, eq(orgNodes.id, unitCommunities.communityId))
        .where(and(eq(unitCommunities.unitId, unit.id), after.length ? notInArray(unitCommunities.communityId, after) : undefined));
      for (const c of dropped) await endPairing(tx, actorId, unit.id, c, now);
      for (const c of added) await arrangePairing(tx, actorId, unit.id, c, now);
      await recordAudit(tx, { actorId, action: 'unit.pair', entity: 'unit', entityId: unit.id, details: { before, after }, orgPath: unit.orgPath });
    }
    return describeUnit(tx, unit);
  });
}
