import { and, desc, eq, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { type Agreement, type AgreementAction, type AgreementActor, type AgreementListQuery, agreementMachine, type AgreementResource, type AgreementState, chinaToday, decide, inForce, type ListEnvelope, type ProposeAgreementBody, termEnd } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { agreements, orgNodes, unitCommunities, units } from '../../db/schema';
import { rowsOf } from '../../db/raw';
import { page, parseCursor } from '../../http/cursor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { holdersOf, staffOf } from '../users/grants';
import type { Actor } from '../users/actor';
import { agreementMessages, type AgreementMessage } from './messages';
import { lockUnit, overlapping, syncPair } from './pairs';

/** An agreement with the names and paths its answer and its rules need. */
export interface AgreementRow {
  id: number;
  unitId: number;
  unitName: string;
  unitOrgPath: string;
  communityId: number;
  communityName: string;
  communityPath: string;
  startsOn: string;
  endsOn: string;
  content: string;
  resources: AgreementResource[];
  status: AgreementState;
  proposedByName: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  reason: string | null;
  endedAt: Date | null;
}

const unitNode = sql`unit_node`;
const proposer = sql`proposer`;

/** The select of AgreementRow, filtered by `where`. */
function selectRows(db: Tx, where: SQL | undefined) {
  return db
    .select({
      id: agreements.id,
      unitId: agreements.unitId,
      unitName: units.name,
      unitOrgPath: sql<string>`${unitNode}.path`,
      communityId: agreements.communityId,
      communityName: orgNodes.name,
      communityPath: orgNodes.path,
      startsOn: agreements.startsOn,
      endsOn: agreements.endsOn,
      content: agreements.content,
      resources: agreements.resources,
      status: agreements.status,
      proposedByName: sql<string | null>`${proposer}.name`,
      createdAt: agreements.createdAt,
      decidedAt: agreements.decidedAt,
      reason: agreements.reason,
      endedAt: agreements.endedAt,
    })
    .from(agreements)
    .innerJoin(units, eq(units.id, agreements.unitId))
    .innerJoin(sql`org_nodes ${unitNode}`, sql`${unitNode}.id = ${units.orgId}`)
    .innerJoin(orgNodes, eq(orgNodes.id, agreements.communityId))
    .leftJoin(sql`users ${proposer}`, sql`${proposer}.id = ${agreements.proposedBy}`)
    .where(where);
}

async function findAgreement(db: Tx, id: number): Promise<AgreementRow | undefined> {
  const [row] = await selectRows(db, eq(agreements.id, id));
  return row as AgreementRow | undefined;
}

/** Who the caller is to an agreement: its community's staff, its unit's admins (the machine's actors). */
export function actorsOf(actor: Actor, row: Pick<AgreementRow, 'unitId' | 'communityPath'>): AgreementActor[] {
  const out: AgreementActor[] = [];
  if (decide(actor.grants, 'agreement.propose', { orgPath: row.communityPath }) === 'allow') out.push('community');
  if (decide(actor.grants, 'agreement.decide', { unitId: String(row.unitId) }) === 'allow') out.push('unit');
  return out;
}

/**
 * Whether the caller may read an agreement: staff and admins above its community, its unit's
 * admins, admins above the node the unit is registered under. Answers the guard's decision:
 * `forbidden` when no role they hold reads agreements at all.
 */
function readDecision(actor: Actor, row: Pick<AgreementRow, 'unitId' | 'unitOrgPath' | 'communityPath'>) {
  const byCommunity = decide(actor.grants, 'agreement.read', { orgPath: row.communityPath, unitId: String(row.unitId) });
  if (byCommunity !== 'not_found') return byCommunity;
  return decide(actor.grants, 'agreement.read', { unitOrgPath: row.unitOrgPath, unitId: String(row.unitId) });
}

export function present(row: AgreementRow, actor: Actor, now: Date): Agreement {
  return {
    id: String(row.id),
    unitId: String(row.unitId),
    unitName: row.unitName,
    communityId: String(row.communityId),
    communityName: row.communityName,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    content: row.content,
    resources: row.resources,
    status: row.status,
    inForce: inForce(row, chinaToday(now)),
    proposedByName: row.proposedByName,
    proposedAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    endedAt: row.endedAt?.toISOString() ?? null,
    viewerActors: actorsOf(actor, row),
  };
}

const unitAdmins = (tx: Tx, unitId: number) => holdersOf(tx, 'unit_admin', { unitId });
const tell = (tx: Tx, userIds: number[], by: number | null, agreementId: number, message: AgreementMessage) =>
  notify(tx, userIds.filter((id) => id !== by), { ...message, entity: 'agreement', entityId: agreementId });

/** A unit registered in reach of `community`: at or above it, or anywhere in its district. */
const inReach = (unitPath: SQL | string, community: Pick<OrgNodeRow, 'path'>) => sql`(
  ${community.path} like ${unitPath} || '%'
  or exists (select 1 from org_nodes d where d.kind = 'district' and ${community.path} like d.path || '%' and ${unitPath} like d.path || '%'))`;

interface UnitInReach {
  id: number;
  name: string;
  path: string;
}

async function unitInReach(db: Tx, unitId: string, community: OrgNodeRow): Promise<UnitInReach> {
  const n = parseId(unitId);
  const [unit] =
    n === null
      ? []
      : await rowsOf<{ id: string | number; name: string; path: string; reach: boolean }>(
          db,
          sql`select u.id, u.name, o.path, ${inReach(sql`o.path`, community)} as reach from units u join org_nodes o on o.id = u.org_id where u.id = ${n}`,
        );
  if (!unit) throw notFound();
  if (!unit.reach) throw new AppError(400, 'AGREEMENT_UNIT_OUT_OF_REACH');
  return { id: Number(unit.id), name: unit.name, path: unit.path };
}

/**
 * `POST /api/agreements`: the community's staff propose; the unit's admins are told. No two
 * proposed or active agreements of a pair overlap: checked under the unit's row lock, which every
 * change to the unit's agreements takes (pairs.ts), so that two proposals at once cannot both pass.
 */
export async function proposeAgreement(db: Db, actor: Actor, community: OrgNodeRow, body: ProposeAgreementBody, now: Date): Promise<Agreement> {
  const unit = await unitInReach(db, body.unitId, community);
  const id = await db.transaction(async (tx) => {
    await lockUnit(tx, unit.id);
    if (await overlapping(tx, unit.id, community.id, body.startsOn, body.endsOn)) throw new AppError(409, 'AGREEMENT_OVERLAPS');
    const [row] = await tx
      .insert(agreements)
      .values({
        unitId: unit.id,
        communityId: community.id,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        content: body.content,
        resources: [...new Set(body.resources)],
        status: 'proposed',
        proposedBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: agreements.id });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'agreement.propose',
      entity: 'agreement',
      entityId: row!.id,
      to: 'proposed',
      details: { unitId: String(unit.id), communityId: String(community.id), startsOn: body.startsOn, endsOn: body.endsOn, resources: body.resources },
      orgPath: community.path,
    });
    await tell(tx, await unitAdmins(tx, unit.id), actor.userId, row!.id, agreementMessages.proposed(community.name, unit.name));
    return row!.id;
  });
  return present((await findAgreement(db, id))!, actor, now);
}

/** An agreement the caller may read; anything else is not found (or forbidden to those who read none). */
async function loadReadable(db: Tx, actor: Actor, id: string): Promise<AgreementRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await findAgreement(db, n);
  if (!row) {
    if (decide(actor.grants, 'agreement.read', {}) === 'forbidden') throw forbidden();
    throw notFound();
  }
  const decision = readDecision(actor, row);
  if (decision === 'forbidden') throw forbidden();
  if (decision === 'not_found') throw notFound();
  return row;
}

export async function getAgreement(db: Db, actor: Actor, id: string, now: Date): Promise<Agreement> {
  return present(await loadReadable(db, actor, id), actor, now);
}

const stateConflict = (status: AgreementState) => new AppError(409, 'AGREEMENT_STATE_CONFLICT', undefined, { status });

/** Why the caller may not take `action` as the agreement stands: 404 unseen, 403 not its actor, 409 its state. */
export function refusal(row: AgreementRow, actor: Actor, action: AgreementAction): AppError | null {
  const transition = agreementMachine.transitions[action];
  if (!actorsOf(actor, row).some((a) => transition.actors.includes(a))) return forbidden();
  if (!agreementMachine.allowsFrom(action, row.status)) return stateConflict(row.status);
  return null;
}

interface Step {
  set: Partial<typeof agreements.$inferInsert>;
  reason: string | null;
  /** Whom to tell, and what. */
  tell: (tx: Tx, row: AgreementRow) => Promise<[number[], AgreementMessage][]>;
}

/**
 * Takes `action` by one conditional update on the status, under the unit's lock: of an accept and
 * a withdrawal at once exactly one wins, the other is answered 409. The pair is rewritten, the
 * audit row and the messages written in the same transaction.
 */
async function act(db: Db, actor: Actor, id: string, action: Exclude<AgreementAction, 'end'> | 'end', now: Date, step: (row: AgreementRow) => Step) {
  const row = await loadReadable(db, actor, id);
  const refused = refusal(row, actor, action);
  if (refused) throw refused;
  const transition = agreementMachine.transitions[action];
  const to = agreementMachine.target(action);
  const s = step(row);
  await db.transaction(async (tx) => {
    await lockUnit(tx, row.unitId);
    const [changed] = await tx
      .update(agreements)
      .set({ ...s.set, status: to })
      .where(and(eq(agreements.id, row.id), inArray(agreements.status, [...transition.from])))
      .returning({ id: agreements.id });
    if (!changed) {
      const [current] = await tx.select({ status: agreements.status }).from(agreements).where(eq(agreements.id, row.id));
      throw stateConflict(current!.status);
    }
    await syncPair(tx, row.unitId, row.communityId, chinaToday(now));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: `agreement.${action}`,
      entity: 'agreement',
      entityId: row.id,
      from: row.status,
      to,
      details: s.reason === null ? {} : { reason: s.reason },
      orgPath: row.communityPath,
    });
    for (const [userIds, message] of await s.tell(tx, row)) await tell(tx, userIds, actor.userId, row.id, message);
  });
  return present((await findAgreement(db, row.id))!, actor, now);
}

export const acceptAgreement = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'accept', now, () => ({
    set: { decidedBy: actor.userId, decidedAt: now },
    reason: null,
    tell: async (tx, row) => [[await staffOf(tx, row.communityId), agreementMessages.accepted(row.unitName)]],
  }));

export const declineAgreement = (db: Db, actor: Actor, id: string, now: Date, reason: string) =>
  act(db, actor, id, 'decline', now, () => ({
    set: { decidedBy: actor.userId, decidedAt: now, reason },
    reason,
    tell: async (tx, row) => [[await staffOf(tx, row.communityId), agreementMessages.declined(row.unitName, reason)]],
  }));

export const withdrawAgreement = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'withdraw', now, () => ({
    set: { endedBy: actor.userId, endedAt: now },
    reason: null,
    tell: async (tx, row) => [[await unitAdmins(tx, row.unitId), agreementMessages.withdrawn(row.communityName)]],
  }));

/** Ended early, with a reason, by either side; the other side is told (both, when one is both). */
export const endAgreement = (db: Db, actor: Actor, id: string, now: Date, reason: string) =>
  act(db, actor, id, 'end', now, () => ({
    set: { endedBy: actor.userId, endedAt: now, reason },
    reason,
    tell: async (tx, row) => {
      const message = agreementMessages.ended(row.unitName, row.communityName, reason);
      return [
        [await staffOf(tx, row.communityId), message],
        [await unitAdmins(tx, row.unitId), message],
      ];
    },
  }));

/** The scope of a list: one unit's, one community's, or a subtree's. */
async function listScope(db: Tx, actor: Actor, query: AgreementListQuery, node: (id: string) => Promise<OrgNodeRow>): Promise<SQL> {
  if (query.unitId !== undefined) {
    const n = parseId(query.unitId);
    const [unit] =
      n === null
        ? []
        : await db.select({ id: units.id, path: orgNodes.path }).from(units).innerJoin(orgNodes, eq(orgNodes.id, units.orgId)).where(eq(units.id, n));
    const decision = unit ? decide(actor.grants, 'agreement.read', { unitId: String(unit.id), unitOrgPath: unit.path }) : decide(actor.grants, 'agreement.read', {});
    if (decision === 'forbidden') throw forbidden();
    if (!unit || decision !== 'allow') throw notFound();
    return eq(agreements.unitId, unit.id);
  }
  const orgId = query.communityId ?? query.orgId ?? actor.grants.find((g) => g.orgId !== undefined && decide([g], 'agreement.read', { orgPath: g.orgPath }) === 'allow')?.orgId;
  if (orgId === undefined) {
    const unitId = actor.grants.find((g) => g.role === 'unit_admin')?.unitId;
    if (unitId === undefined) throw forbidden();
    return eq(agreements.unitId, Number(unitId));
  }
  const org = await node(orgId);
  if (query.communityId !== undefined && org.kind !== 'community') throw notFound();
  const decision = decide(actor.grants, 'agreement.read', { orgPath: org.path });
  if (decision === 'forbidden') throw forbidden();
  if (decision !== 'allow') throw notFound();
  return query.communityId !== undefined ? eq(agreements.communityId, org.id) : like(orgNodes.path, `${org.path}%`);
}

/** `GET /api/agreements`: newest first, keyset-paged. */
export async function listAgreements(
  db: Db,
  actor: Actor,
  query: AgreementListQuery,
  node: (id: string) => Promise<OrgNodeRow>,
  now: Date,
): Promise<ListEnvelope<Agreement>> {
  const scope = await listScope(db, actor, query, node);
  const after = parseCursor(query.cursor);
  const rows = (await selectRows(
    db,
    and(scope, query.status ? eq(agreements.status, query.status) : undefined, after === null ? undefined : lt(agreements.id, after)),
  )
    .orderBy(desc(agreements.id))
    .limit(query.limit + 1)) as AgreementRow[];
  const { rows: found, nextCursor } = page(rows, query.limit, (r) => r.id);
  return { items: found.map((r) => present(r, actor, now)), nextCursor };
}

/** `GET /api/communities/:id/partner-units`: the units in reach of a community, by name, and whether paired now. */
export async function partnerUnits(db: Db, community: OrgNodeRow) {
  const rows = await rowsOf<{ id: string | number; name: string; paired: boolean }>(
    db,
    sql`select u.id, u.name,
          exists (select 1 from ${unitCommunities} p where p.unit_id = u.id and p.community_id = ${community.id}) as paired
        from units u join org_nodes o on o.id = u.org_id
        where ${inReach(sql`o.path`, community)}
        order by u.name, u.id`,
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name, paired: r.paired === true }));
}

/** What the district's own pairing writes (单位管理): an agreement arranged and decided by its admin. */
export const DISTRICT_PAIRING_CONTENT = '区级结对安排';
export const DISTRICT_UNPAIRING_REASON = '区管理员取消结对';
/** The term of a pairing the district arranges: three years from today. */
export const DISTRICT_PAIRING_YEARS = 3;

/**
 * The district admin pairs a unit with a community (单位管理): an active agreement from today for
 * three years, proposed and decided by them, and the pair. Inside the caller's transaction, which
 * holds the unit's lock. 409 AGREEMENT_OVERLAPS when an agreement of the pair proposed or active
 * meets that term (one waiting for the unit's answer, or one that begins later).
 */
export async function arrangePairing(tx: Tx, actorId: number, unitId: number, community: Pick<OrgNodeRow, 'id' | 'path'>, now: Date): Promise<void> {
  const today = chinaToday(now);
  const endsOn = termEnd(today, DISTRICT_PAIRING_YEARS);
  if (await overlapping(tx, unitId, community.id, today, endsOn)) throw new AppError(409, 'AGREEMENT_OVERLAPS', undefined, { communityId: String(community.id) });
  const [row] = await tx
    .insert(agreements)
    .values({
      unitId,
      communityId: community.id,
      startsOn: today,
      endsOn,
      content: DISTRICT_PAIRING_CONTENT,
      resources: [],
      status: 'active',
      proposedBy: actorId,
      decidedBy: actorId,
      decidedAt: now,
      createdAt: now,
    })
    .returning({ id: agreements.id });
  await syncPair(tx, unitId, community.id, today);
  await recordAudit(tx, {
    actorId,
    action: 'agreement.arrange',
    entity: 'agreement',
    entityId: row!.id,
    to: 'active',
    details: { unitId: String(unitId), communityId: String(community.id), startsOn: today, endsOn },
    orgPath: community.path,
  });
}

/** The district admin unpairs (单位管理): the pair's agreements in force end, with the district's reason. */
export async function endPairing(tx: Tx, actorId: number, unitId: number, community: Pick<OrgNodeRow, 'id' | 'path'>, now: Date): Promise<void> {
  const today = chinaToday(now);
  const ended = await tx
    .update(agreements)
    .set({ status: 'ended', endedBy: actorId, endedAt: now, reason: DISTRICT_UNPAIRING_REASON })
    .where(
      and(
        eq(agreements.unitId, unitId),
        eq(agreements.communityId, community.id),
        eq(agreements.status, 'active'),
        sql`${agreements.startsOn} <= ${today} and ${agreements.endsOn} >= ${today}`,
      ),
    )
    .returning({ id: agreements.id });
  await syncPair(tx, unitId, community.id, today);
  for (const { id } of ended) {
    await recordAudit(tx, {
      actorId,
      action: 'agreement.end',
      entity: 'agreement',
      entityId: id,
      from: 'active',
      to: 'ended',
      details: { reason: DISTRICT_UNPAIRING_REASON },
      orgPath: community.path,
    });
  }
}

