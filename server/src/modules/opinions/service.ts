import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  OPINION_LEVELS,
  decide,
  nextLevel,
  opinionMachine,
  rateOutcome,
  type CreateOpinionBody,
  type Opinion,
  type OpinionAction,
  type OpinionLevel,
  type OpinionReasonBody,
  type OpinionState,
  type ResolveOpinionBody,
  type Satisfaction,
} from '@huijia/shared';
import type { Database, Db, Tx } from '../../db';
import { opinions, opinionSeconds } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { onceForKey } from '../idempotency/idempotency';
import { notify } from '../notifications/notify';
import type { OrgNodes } from '../orgs/nodes';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { attachOpinionPhotos } from '../uploads/service';
import { holderRole, isResidentOf, maySee, personRole, relationTo, type Relation, type Viewer } from './actors';
import { deadlinesAt, dueAt } from './deadlines';
import { levelHolders } from './holders';
import { opinionMessages, type OpinionMessage } from './messages';
import { entitlementOf, presentOpinion } from './privacy';
import { findOpinion, readOpinion, stepsOf, writeSteps, type NewStep, type OpinionRow } from './repository';

/** The opinion as the viewer now receives it, with its path (the detail, and every action's answer). */
async function presentDetail(tx: Tx, viewer: Viewer, id: number, now: Date): Promise<Opinion> {
  const row = (await findOpinion(tx, id, viewer.userId))!;
  return presentOpinion(row, relationTo(viewer, row), now, await stepsOf(tx, id));
}

const others = (userIds: readonly number[], viewer: Viewer) => userIds.filter((id) => id !== viewer.userId);

const tell = (tx: Tx, userIds: number | readonly number[], opinion: { id: number }, message: OpinionMessage) =>
  notify(tx, typeof userIds === 'number' ? userIds : [...userIds], { ...message, entity: 'opinion', entityId: opinion.id });

/**
 * Who may bring an opinion to `community`: their own (`self`) anyone who lives there, has a live
 * report there or is its staff; a collected one (社情民意搜集本, 意见箱) its staff and the members
 * reported there.
 */
function refuseRaising(viewer: Viewer, community: OrgNodeRow, source: CreateOpinionBody['source']): AppError | null {
  const place = { id: community.id, path: community.path };
  const staff = decide(viewer.actor.grants, 'opinion.collect', { orgPath: community.path }) === 'allow';
  if (source === 'self') {
    return staff || isResidentOf(viewer, place) || viewer.liveIn.has(community.id) ? null : new AppError(403, 'NOT_RESIDENT_HERE');
  }
  if (staff || viewer.actor.reportedIn.has(community.id)) return null;
  return viewer.actor.grants.some((g) => g.role === 'member') ? new AppError(403, 'NOT_REPORTED_HERE') : forbidden();
}

/** The compound or building named, which must lie in the community (and take new work). */
async function placeIn(nodes: OrgNodes, community: OrgNodeRow, placeId: string | undefined): Promise<number | null> {
  if (placeId === undefined) return null;
  const n = parseId(placeId);
  const place = n === null ? undefined : await nodes.get(n);
  const fits = place && (place.kind === 'compound' || place.kind === 'building') && place.path.startsWith(community.path) && place.archivedAt === null;
  if (!fits) throw new AppError(400, 'OPINION_PLACE_INVALID', undefined, [{ path: 'body.placeId', message: '所选小区或楼栋不属于该社区' }]);
  return place.id;
}

/**
 * `POST /api/opinions` (提议): open at 建议, due by the district's deadline for it, with its first
 * step, its audit row and a message to the holders of 建议 in one transaction; once per
 * Idempotency-Key.
 */
export async function raiseOpinion(
  db: Db,
  nodes: OrgNodes,
  viewer: Viewer,
  community: OrgNodeRow,
  body: CreateOpinionBody,
  idempotencyKey: string | undefined,
  now: Date,
) {
  const refused = refuseRaising(viewer, community, body.source);
  if (refused) throw refused;
  const placeId = await placeIn(nodes, community, body.placeId);
  const collected = body.source !== 'self';
  return onceForKey(db, viewer.userId, 'POST /api/opinions', idempotencyKey, async (tx) => {
    const deadlines = await deadlinesAt(tx, community.path);
    const [row] = await tx
      .insert(opinions)
      .values({
        communityId: community.id,
        placeId,
        category: body.category,
        title: body.title,
        description: body.description,
        source: body.source,
        reporterId: viewer.userId,
        raisedByName: collected ? body.raisedBy!.name : null,
        raisedByPhone: collected ? (body.raisedBy!.phone ?? null) : null,
        contactPhone: body.contactPhone ?? null,
        dueAt: dueAt(now, deadlines, 'branch'),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: opinions.id });
    const id = row!.id;
    const place = { id: community.id, path: community.path };
    await attachOpinionPhotos(tx, viewer.userId, id, body.photoIds);
    await writeSteps(tx, id, now, [{ action: 'raise', level: 'branch', note: null, actorId: viewer.userId, actorRole: personRole(viewer, place) }]);
    await recordAudit(tx, { actorId: viewer.userId, action: 'opinion.raise', entity: 'opinion', entityId: id, to: 'open', details: { source: body.source, level: 'branch' }, orgPath: community.path });
    await tell(tx, others(await levelHolders(tx, 'branch', place), viewer), { id }, opinionMessages.raised(body.title, community.name));
    return presentDetail(tx, viewer, id, now);
  });
}

/** An opinion the viewer may see, with who they are to it; anything else is not found. */
async function loadForViewer(database: Database, viewer: Viewer, id: string): Promise<{ row: OpinionRow; relation: Relation }> {
  const n = parseId(id);
  const row = n === null ? undefined : await readOpinion(database, n, viewer.userId);
  if (!row) throw notFound();
  const relation = relationTo(viewer, row);
  if (!maySee(relation, row.status)) throw notFound();
  return { row, relation };
}

export async function getOpinion(database: Database, viewer: Viewer, id: string, now: Date): Promise<Opinion> {
  const { row, relation } = await loadForViewer(database, viewer, id);
  return presentOpinion(row, relation, now, await stepsOf(database.db, row.id));
}

/** Whether the caller receives an opinion's photos (the uploads route asks, for a photo of it). */
export async function mayViewPhotos(database: Database, viewer: Viewer, id: number): Promise<boolean> {
  const row = await readOpinion(database, id, viewer.userId);
  if (!row) return false;
  const relation = relationTo(viewer, row);
  return maySee(relation, row.status) && entitlementOf(relation, row.status).content;
}

const stateConflict = (status: OpinionState, level: OpinionLevel) => new AppError(409, 'OPINION_STATE_CONFLICT', undefined, { status, level });

/**
 * Why the viewer may not take `action` on the opinion as it stands, in the order the API answers:
 * 404 when they may not see it, 403 when they are none of the action's actors (a neighbour
 * resolving, a holder of a level it has not reached, anyone but the reporter rating), 409 when its
 * state does not allow it (with the stable codes of the top level, a rating already given, a
 * second already made); null when they may. A holder of a level it has passed is answered 409: it
 * moved on from what they saw, as it does for the loser of a race at their level.
 */
export function refusal(row: OpinionRow, relation: Relation, action: OpinionAction): AppError | null {
  if (!maySee(relation, row.status)) return notFound();
  const transition = opinionMachine.transitions[action];
  if (!relation.actors.some((a) => transition.actors.includes(a))) {
    return transition.actors.includes('holder') && relation.handles ? stateConflict(row.status, row.level) : forbidden();
  }
  if (!opinionMachine.allowsFrom(action, row.status)) return stateConflict(row.status, row.level);
  if (action === 'escalate' && nextLevel(row.level) === null) return new AppError(409, 'OPINION_TOP_LEVEL');
  if (action === 'rate' && row.satisfaction !== null) return new AppError(409, 'OPINION_ALREADY_RATED');
  if (action === 'second' && row.seconded) return new AppError(409, 'OPINION_ALREADY_SECONDED');
  return null;
}

interface Step {
  /** Columns set besides status and updated_at. */
  set: Partial<typeof opinions.$inferInsert>;
  /** The state it leads to, when the machine's target depends on input. */
  to?: OpinionState;
  /** Conditions besides the machine's from-states and the level it was refused or allowed at. */
  where?: SQL;
  /** The steps of its path this writes. */
  steps: NewStep[];
  /** The audit row's action (`opinion.<action>` unless named) and details. */
  audit: { action?: string; details: Record<string, unknown> };
  /** Side effects inside the transaction, after the change. */
  after?: (tx: Tx, before: OpinionRow) => Promise<void>;
}

/**
 * Takes `action` on an opinion as the machine allows (refused as `refusal` says), by one
 * conditional update on its status and level: of holders of a level acting at once exactly one
 * wins, and the others — whose level the opinion has left, or whose state it no longer is in —
 * get 409. The steps, the audit row and the messages are written in the same transaction.
 */
async function act(
  database: Database,
  viewer: Viewer,
  id: string,
  action: Exclude<OpinionAction, 'second'>,
  now: Date,
  step: (tx: Tx, row: OpinionRow) => Step | Promise<Step>,
  seen?: OpinionLevel,
): Promise<Opinion> {
  const row = await loadOpinionForAction(database, viewer, id, action, seen);
  const transition = opinionMachine.transitions[action];
  return database.db.transaction(async (tx) => {
    const s = await step(tx, row);
    const to = s.to ?? opinionMachine.target(action);
    const [changed] = await tx
      .update(opinions)
      .set({ ...s.set, status: to, updatedAt: now })
      .where(and(eq(opinions.id, row.id), inArray(opinions.status, [...transition.from]), eq(opinions.level, row.level), s.where))
      .returning({ id: opinions.id });
    if (!changed) throw await lostTo(tx, row.id, action);
    await writeSteps(tx, row.id, now, s.steps);
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: s.audit.action ?? `opinion.${action}`,
      entity: 'opinion',
      entityId: row.id,
      from: row.status,
      to,
      details: s.audit.details,
      orgPath: row.communityPath,
    });
    await s.after?.(tx, row);
    return presentDetail(tx, viewer, row.id, now);
  });
}

/**
 * The opinion, when the viewer may take `action` on it as it stands and, when they say at which
 * level they saw it (`seen`), it is still there; else the refusal. Without `seen` a holder of two
 * levels (community staff hold 建议 and 商议) would resolve at 商议 what a grid leader had just
 * passed up to it with a reason they never read.
 */
async function loadOpinionForAction(database: Database, viewer: Viewer, id: string, action: OpinionAction, seen?: OpinionLevel): Promise<OpinionRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await readOpinion(database, n, viewer.userId);
  if (!row) throw notFound();
  const refused = refusal(row, relationTo(viewer, row), action);
  if (refused) throw refused;
  if (seen !== undefined && seen !== row.level) throw stateConflict(row.status, row.level);
  return row;
}

/** The conflict an action that lost its conditional update answers, from the opinion as it now is. */
async function lostTo(tx: Tx, id: number, action: OpinionAction): Promise<AppError> {
  const [now] = await tx.select({ status: opinions.status, level: opinions.level, satisfaction: opinions.satisfaction }).from(opinions).where(eq(opinions.id, id));
  if (action === 'rate' && now!.satisfaction !== null) return new AppError(409, 'OPINION_ALREADY_RATED');
  return stateConflict(now!.status, now!.level);
}

const placeOf = (row: OpinionRow) => ({ id: row.communityId, path: row.communityPath });

/** The holder's step at the opinion's level, in the role they hold it by. */
const holderStep = (viewer: Viewer, row: OpinionRow, action: NewStep['action'], note: string): NewStep => ({
  action,
  level: row.level,
  note,
  actorId: viewer.userId,
  actorRole: holderRole(viewer, row.level, placeOf(row)),
});

/** 办结: what was done; the reporter is asked to rate it. */
export const resolveOpinion = (database: Database, viewer: Viewer, id: string, now: Date, { reply, level }: ResolveOpinionBody) =>
  act(database, viewer, id, 'resolve', now, (_tx, row) => ({
    set: { reply, resolvedAt: now, dueAt: null },
    steps: [holderStep(viewer, row, 'resolve', reply)],
    audit: { details: { level: row.level, reply } },
    after: (tx, before) => tell(tx, others([before.reporterId], viewer), before, opinionMessages.resolved(before.title, reply)),
  }), level);

/** 上报: one level up, due by that level's deadline; its holders are told, and the reporter. */
export const escalateOpinion = (database: Database, viewer: Viewer, id: string, now: Date, { reason, level }: OpinionReasonBody) =>
  act(database, viewer, id, 'escalate', now, async (tx, row) => {
    const next = nextLevel(row.level)!;
    const reached = OPINION_LEVELS.indexOf(next) > OPINION_LEVELS.indexOf(row.levelReached) ? next : row.levelReached;
    return {
      set: { level: next, levelReached: reached, dueAt: dueAt(now, await deadlinesAt(tx, row.communityPath), next) },
      steps: [holderStep(viewer, row, 'escalate', reason)],
      audit: { details: { fromLevel: row.level, level: next, reason } },
      after: async (tx2, before) => {
        await tell(tx2, others(await levelHolders(tx2, next, placeOf(before)), viewer), before, opinionMessages.escalated(before.title, next, reason));
        await tell(tx2, others([before.reporterId], viewer), before, opinionMessages.escalatedForReporter(before.title, next));
      },
    };
  }, level);

/** 关闭: a duplicate, not a matter for us; with the reason, to the reporter. */
export const closeOpinion = (database: Database, viewer: Viewer, id: string, now: Date, { reason, level }: OpinionReasonBody) =>
  act(database, viewer, id, 'close', now, (_tx, row) => ({
    set: { closedReason: reason, closedAt: now, dueAt: null },
    steps: [holderStep(viewer, row, 'close', reason)],
    audit: { details: { level: row.level, reason } },
    after: (tx, before) => tell(tx, others([before.reporterId], viewer), before, opinionMessages.closed(before.title, reason)),
  }), level);

/**
 * The reporter's say on a resolution, once. 不满意 the first time reopens it at the level that
 * resolved it, due anew: that rating stays on the path (its `rate` step with the comment as the
 * note, then a `reopen` step, which only 不满意 leads to; the audit row names the satisfaction)
 * and is cleared from the row with the reply, so that the next resolution is rated in its turn.
 * The row holds the final rating, which the figures count. 不满意 after a reopening is recorded
 * and final.
 */
export const rateOpinion = (database: Database, viewer: Viewer, id: string, now: Date, satisfaction: Satisfaction, comment: string | undefined) =>
  act(database, viewer, id, 'rate', now, async (tx, row) => {
    const to = rateOutcome(satisfaction, row.reopenedAt !== null);
    const role = personRole(viewer, placeOf(row));
    const rated: NewStep = { action: 'rate', level: row.level, note: comment ?? null, actorId: viewer.userId, actorRole: role };
    const where = and(eq(opinions.reporterId, viewer.userId), isNull(opinions.satisfaction));
    const details = { level: row.level, satisfaction, ...(comment ? { comment } : {}) };
    if (to === 'resolved') {
      return { set: { satisfaction, ratingComment: comment ?? null, ratedAt: now }, where, steps: [rated], audit: { details } };
    }
    return {
      to,
      set: {
        reopenedAt: now,
        dueAt: dueAt(now, await deadlinesAt(tx, row.communityPath), row.level),
        satisfaction: null,
        ratingComment: null,
        ratedAt: null,
        resolvedAt: null,
        reply: null,
      },
      where: and(where, isNull(opinions.reopenedAt)),
      steps: [rated, { ...rated, action: 'reopen', note: null }],
      audit: { action: 'opinion.reopen', details },
      after: async (tx2, before) => tell(tx2, others(await levelHolders(tx2, before.level, placeOf(before)), viewer), before, opinionMessages.reopened(before.title, before.level)),
    };
  });

/**
 * 附议: a neighbour's once, guaranteed by the primary key of (opinion, person) — a repeat finds
 * the row and is refused, never counted — and the count raised in the same transaction, only
 * while the opinion is open.
 */
export async function secondOpinion(database: Database, viewer: Viewer, id: string, now: Date): Promise<Opinion> {
  const row = await loadOpinionForAction(database, viewer, id, 'second');
  return database.db.transaction(async (tx) => {
    const [seconded] = await tx
      .insert(opinionSeconds)
      .values({ opinionId: row.id, userId: viewer.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ opinionId: opinionSeconds.opinionId });
    if (!seconded) throw new AppError(409, 'OPINION_ALREADY_SECONDED');
    const [counted] = await tx
      .update(opinions)
      .set({ seconds: sql`${opinions.seconds} + 1` })
      .where(and(eq(opinions.id, row.id), inArray(opinions.status, [...opinionMachine.transitions.second.from])))
      .returning({ id: opinions.id });
    if (!counted) throw await lostTo(tx, row.id, 'second');
    return presentDetail(tx, viewer, row.id, now);
  });
}
