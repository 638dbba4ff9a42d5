import { and, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaToday, type ClaimProjectBody, decide, type ListEnvelope, type Project, PROJECT_UPDATABLE_STATES, type ProjectAction, type ProjectDetail, type ProjectEventKind, type ProjectListQuery, projectMachine, projectOverdue, type ProjectState, type ProjectUpdateBody, type PublishProjectBody, type RateProjectBody } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { gridGroups, orgNodes, projectEventPhotos, projectEvents, projectRatings, projects, roleGrants, unitCommunities, units, users } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import { attachProjectPhotos, photoOf } from '../uploads/service';
import { holdersOf, staffOf } from '../users/grants';
import type { Actor } from '../users/actor';
import { actorsOf, claimableBy, claimOptions, leadFor, ledBy, leads, loadViewer, mayLogRecords, oversees, rateable, type Lead, type LeadColumns, type Viewer } from './leads';
import { projectMessages, type ProjectMessage } from './messages';

/** How the timeline names the community's staff. */
const COMMUNITY_NAME = '社区';

/** A project with the names its answer and its rules need. */
export type ProjectRow = typeof projects.$inferSelect &
  LeadColumns & {
    communityName: string;
    leadName: string | null;
    updateCount: number;
    myStars: number | null;
  };

const leadUser = alias(users, 'lead_user');
const leadTeam = alias(gridGroups, 'lead_team');

/** The select of ProjectRow as `viewerId` sees it (their own stars), filtered by `where`. */
function selectRows(db: Tx, viewerId: number, where: SQL | undefined) {
  return db
    .select({
      project: projects,
      communityName: orgNodes.name,
      communityPath: orgNodes.path,
      unitName: units.name,
      teamName: leadTeam.name,
      teamLeaderId: leadTeam.leaderId,
      leadUserName: leadUser.name,
      updateCount: sql<number>`(select count(*)::int from project_events e where e.project_id = ${projects.id} and e.kind = 'progress')`,
      myStars: sql<number | null>`(select r.stars from project_ratings r where r.project_id = ${projects.id} and r.user_id = ${viewerId})`,
    })
    .from(projects)
    .innerJoin(orgNodes, eq(orgNodes.id, projects.communityId))
    .leftJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(leadTeam, eq(leadTeam.id, projects.leadTeamId))
    .leftJoin(leadUser, eq(leadUser.id, projects.leadUserId))
    .where(where);
}

type Selected = Awaited<ReturnType<typeof selectRows>>[number];

const flatten = (r: Selected): ProjectRow => ({
  ...r.project,
  communityName: r.communityName,
  communityPath: r.communityPath,
  teamLeaderId: r.teamLeaderId,
  leadName: r.project.leadKind === 'unit' ? r.unitName : r.project.leadKind === 'team' ? r.teamName : r.project.leadKind === null ? null : r.leadUserName,
  updateCount: Number(r.updateCount),
  myStars: r.myStars === null ? null : Number(r.myStars),
});

async function findRow(db: Tx, viewerId: number, id: number): Promise<ProjectRow | undefined> {
  const [row] = await selectRows(db, viewerId, eq(projects.id, id));
  return row && flatten(row);
}

export function present(row: ProjectRow, viewer: Viewer, now: Date): Project {
  return {
    id: String(row.id),
    communityId: String(row.communityId),
    communityName: row.communityName,
    category: row.category,
    title: row.title,
    description: row.description,
    needs: row.needs,
    dueOn: row.dueOn,
    status: row.status,
    overdue: projectOverdue(row, chinaToday(now)),
    lead:
      row.leadKind === null
        ? null
        : {
            kind: row.leadKind,
            name: row.leadName ?? '',
            unitId: row.leadUnitId === null ? null : String(row.leadUnitId),
            teamId: row.leadTeamId === null ? null : String(row.leadTeamId),
          },
    claimedAt: row.claimedAt?.toISOString() ?? null,
    reportedAt: row.reportedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    publishedAt: row.createdAt.toISOString(),
    sentBackReason: row.status === 'claimed' ? row.sentBackReason : null,
    updateCount: row.updateCount,
    rating: row.ratingCount > 0 ? { average: Math.round((row.ratingSum / row.ratingCount) * 10) / 10, count: row.ratingCount } : null,
    myStars: row.myStars,
    mayRate: row.myStars === null && rateable(viewer, row),
    viewerActors: actorsOf(viewer, row),
    claimOptions: row.status === 'open' ? claimOptions(viewer, row) : [],
    mayLogRecords: mayLogRecords(viewer, row),
  };
}

/** A project with its timeline, oldest first, and the photos of its updates. */
async function detail(db: Tx, viewer: Viewer, row: ProjectRow, now: Date): Promise<ProjectDetail> {
  const events = await db.select().from(projectEvents).where(eq(projectEvents.projectId, row.id)).orderBy(asc(projectEvents.id));
  const ids = events.map((e) => e.id);
  const photos = ids.length
    ? await db.select().from(projectEventPhotos).where(inArray(projectEventPhotos.eventId, ids)).orderBy(asc(projectEventPhotos.uploadId))
    : [];
  return {
    ...present(row, viewer, now),
    events: events.map((e) => ({
      id: String(e.id),
      kind: e.kind,
      byName: e.byName,
      content: e.content,
      photos: photos.filter((p) => p.eventId === e.id).map((p) => photoOf(p.uploadId)),
      at: e.createdAt.toISOString(),
    })),
  };
}

/** A project the viewer may see: any signed-in person reads a community's projects; a withdrawn one only its overseers. */
async function loadVisible(db: Tx, viewer: Viewer, id: string): Promise<ProjectRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await findRow(db, viewer.actor.userId, n);
  if (!row || (row.status === 'withdrawn' && !oversees(viewer, row))) throw notFound();
  return row;
}

async function freshDetail(db: Db, viewer: Viewer, id: number, now: Date): Promise<ProjectDetail> {
  return detail(db, viewer, (await findRow(db, viewer.actor.userId, id))!, now);
}

export async function getProject(db: Db, actor: Actor, id: string, now: Date): Promise<ProjectDetail> {
  const viewer = await loadViewer(db, actor);
  return detail(db, viewer, await loadVisible(db, viewer, id), now);
}

const tell = (tx: Tx, userIds: number[], by: number, projectId: number, message: ProjectMessage) =>
  notify(
    tx,
    userIds.filter((id) => id !== by),
    { ...message, entity: 'project', entityId: projectId },
  );

/** Whom a message to the lead reaches: who claimed it, the unit's admins, the team's leader. */
async function leadPeople(tx: Tx, row: ProjectRow): Promise<number[]> {
  const out = row.leadUserId === null ? [] : [row.leadUserId];
  if (row.leadKind === 'unit' && row.leadUnitId !== null) out.push(...(await holdersOf(tx, 'unit_admin', { unitId: row.leadUnitId })));
  if (row.leadKind === 'team' && row.teamLeaderId !== null) out.push(row.teamLeaderId);
  return [...new Set(out)];
}

async function writeEvent(tx: Tx, actorId: number, projectId: number, kind: ProjectEventKind, byName: string, content: string | null, now: Date, photoIds?: string[]) {
  const [event] = await tx.insert(projectEvents).values({ projectId, kind, actorId, byName, content, createdAt: now }).returning({ id: projectEvents.id });
  await attachProjectPhotos(tx, actorId, event!.id, photoIds);
}

/**
 * `POST /api/projects`: the community's staff publish (the caller's guard has passed). A due date
 * before China's today is refused; the admins of the units paired with the community are told.
 */
export async function publishProject(db: Db, actor: Actor, community: OrgNodeRow, body: PublishProjectBody, now: Date): Promise<ProjectDetail> {
  if (body.dueOn < chinaToday(now)) throw new AppError(400, 'PROJECT_DUE_PAST');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        communityId: community.id,
        category: body.category,
        title: body.title,
        description: body.description,
        needs: [...new Set(body.needs ?? [])],
        dueOn: body.dueOn,
        status: 'open',
        publishedBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: projects.id });
    await writeEvent(tx, actor.userId, row!.id, 'published', COMMUNITY_NAME, null, now);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'project.publish',
      entity: 'project',
      entityId: row!.id,
      to: 'open',
      details: { communityId: String(community.id), category: body.category, dueOn: body.dueOn },
      orgPath: community.path,
    });
    const admins = await tx
      .selectDistinct({ userId: roleGrants.userId })
      .from(roleGrants)
      .innerJoin(unitCommunities, eq(unitCommunities.unitId, roleGrants.unitId))
      .where(and(eq(roleGrants.role, 'unit_admin'), eq(unitCommunities.communityId, community.id)));
    await tell(tx, admins.map((a) => a.userId), actor.userId, row!.id, projectMessages.published(community.name, body.title));
    return row!.id;
  });
  return freshDetail(db, await loadViewer(db, actor), id, now);
}

const CLAIMED_STATES: readonly ProjectState[] = ['claimed', 'reported', 'completed'];

/** 409 as the project stands: someone else was first to claim it, or it is in no state for the action. */
function stateConflict(action: ProjectAction | 'update', status: ProjectState): AppError {
  if (action === 'claim' && CLAIMED_STATES.includes(status)) return new AppError(409, 'PROJECT_ALREADY_CLAIMED', undefined, { status });
  return new AppError(409, 'PROJECT_STATE_CONFLICT', undefined, { status });
}

/** Why the viewer may not take `action` as the project stands: 403 not its actor, 409 its state. */
export function refusal(viewer: Viewer, row: ProjectRow, action: ProjectAction): AppError | null {
  const transition = projectMachine.transitions[action];
  if (!actorsOf(viewer, row).some((a) => transition.actors.includes(a))) return action === 'claim' ? new AppError(403, 'PROJECT_LEAD_INVALID') : forbidden();
  if (!projectMachine.allowsFrom(action, row.status)) return stateConflict(action, row.status);
  return null;
}

/** The lead as read: a lead's step applies only while the same lead holds the project. */
const sameLead = (row: ProjectRow) =>
  and(
    sql`${projects.leadUserId} is not distinct from ${row.leadUserId}::bigint`,
    sql`${projects.leadKind} is not distinct from ${row.leadKind}::project_lead_kind`,
    sql`${projects.leadUnitId} is not distinct from ${row.leadUnitId}::bigint`,
    sql`${projects.leadTeamId} is not distinct from ${row.leadTeamId}::bigint`,
  );

interface Step {
  set: { [K in keyof typeof projects.$inferInsert]?: (typeof projects.$inferInsert)[K] | SQL };
  event: { kind: ProjectEventKind; byName: string; content: string | null; photoIds?: string[] };
  details?: Record<string, unknown>;
  /** Whom to tell, and what. */
  tell: (tx: Tx, row: ProjectRow) => Promise<[number[], ProjectMessage][]>;
}

/**
 * Takes `action` by one conditional update on the status (and, for the lead's steps, on the lead
 * as read): of two steps at once exactly one wins, the other is answered by the project as it now
 * stands. The event, the audit row and the messages are written in the same transaction.
 */
async function act(db: Db, actor: Actor, id: string, action: ProjectAction, now: Date, step: (row: ProjectRow, viewer: Viewer) => Step): Promise<ProjectDetail> {
  const viewer = await loadViewer(db, actor);
  const row = await loadVisible(db, viewer, id);
  const refused = refusal(viewer, row, action);
  if (refused) throw refused;
  const transition = projectMachine.transitions[action];
  const to = projectMachine.target(action);
  const s = step(row, viewer);
  const byLead = (transition.actors as readonly string[]).includes('lead');
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(projects)
      .set({ ...s.set, status: to })
      .where(and(eq(projects.id, row.id), inArray(projects.status, [...transition.from]), byLead ? sameLead(row) : undefined))
      .returning({ id: projects.id });
    if (!changed) {
      const current = (await findRow(tx, actor.userId, row.id))!;
      throw refusal(viewer, current, action) ?? stateConflict(action, current.status);
    }
    await writeEvent(tx, actor.userId, row.id, s.event.kind, s.event.byName, s.event.content, now, s.event.photoIds);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: `project.${action}`,
      entity: 'project',
      entityId: row.id,
      from: row.status,
      to,
      details: s.details ?? {},
      orgPath: row.communityPath,
    });
    for (const [userIds, message] of await s.tell(tx, row)) await tell(tx, userIds, actor.userId, row.id, message);
  });
  return freshDetail(db, viewer, row.id, now);
}

/** `POST /api/projects/:id/claim`: exclusive; the first claim wins, the others are answered 409 PROJECT_ALREADY_CLAIMED. */
export const claimProject = (db: Db, actor: Actor, id: string, body: ClaimProjectBody, now: Date) =>
  act(db, actor, id, 'claim', now, (row, viewer) => {
    const lead: Lead = leadFor(viewer, row, body);
    return {
      set: {
        leadKind: lead.leadKind,
        leadUnitId: lead.leadUnitId,
        leadTeamId: lead.leadTeamId,
        leadUserId: actor.userId,
        claimedAt: now,
        firstClaimedAt: sql`coalesce(${projects.firstClaimedAt}, ${now.toISOString()}::timestamptz)`,
        reportedAt: null,
        sentBackReason: null,
      },
      event: { kind: 'claimed', byName: lead.byName, content: null },
      details: { as: body.as, leadKind: lead.leadKind, ...(lead.leadUnitId ? { unitId: String(lead.leadUnitId) } : {}), ...(lead.leadTeamId ? { teamId: String(lead.leadTeamId) } : {}) },
      tell: async (tx) => [[await staffOf(tx, row.communityId), projectMessages.claimed(lead.byName, row.title)]],
    };
  });

/** `POST /api/projects/:id/complete`: the lead reports it done, with words and photos; staff are told. */
export const completeProject = (db: Db, actor: Actor, id: string, body: ProjectUpdateBody, now: Date) =>
  act(db, actor, id, 'complete', now, (row) => ({
    set: { reportedAt: now },
    event: { kind: 'completed_reported', byName: row.leadName ?? actor.name, content: body.content, photoIds: body.photoIds },
    tell: async (tx) => [[await staffOf(tx, row.communityId), projectMessages.reported(row.leadName ?? actor.name, row.title)]],
  }));

export const acceptProject = (db: Db, actor: Actor, id: string, now: Date) =>
  act(db, actor, id, 'accept', now, (row) => ({
    set: { completedAt: now, acceptedBy: actor.userId, sentBackReason: null },
    event: { kind: 'accepted', byName: COMMUNITY_NAME, content: null },
    tell: async (tx) => [[await leadPeople(tx, row), projectMessages.accepted(row.title)]],
  }));

export const sendBackProject = (db: Db, actor: Actor, id: string, reason: string, now: Date) =>
  act(db, actor, id, 'send_back', now, (row) => ({
    set: { reportedAt: null, sentBackReason: reason },
    event: { kind: 'sent_back', byName: COMMUNITY_NAME, content: reason },
    details: { reason },
    tell: async (tx) => [[await leadPeople(tx, row), projectMessages.sentBack(row.title, reason)]],
  }));

/** The lead gives it up: open again, the lead cleared; `first_claimed_at` stays for the figures. */
export const handBackProject = (db: Db, actor: Actor, id: string, reason: string, now: Date) =>
  act(db, actor, id, 'hand_back', now, (row) => ({
    set: { leadKind: null, leadUnitId: null, leadTeamId: null, leadUserId: null, claimedAt: null, reportedAt: null, sentBackReason: null },
    event: { kind: 'handed_back', byName: row.leadName ?? actor.name, content: reason },
    details: { reason },
    tell: async (tx) => [[await staffOf(tx, row.communityId), projectMessages.handedBack(row.leadName ?? actor.name, row.title, reason)]],
  }));

export const withdrawProject = (db: Db, actor: Actor, id: string, reason: string, now: Date) =>
  act(db, actor, id, 'withdraw', now, () => ({
    set: { withdrawnAt: now },
    event: { kind: 'withdrawn', byName: COMMUNITY_NAME, content: reason },
    details: { reason },
    tell: async () => [],
  }));

/**
 * `POST /api/projects/:id/updates`: the lead posts progress with photos while it is carried out.
 * Written under the project's row lock, read again there: a hand-back or a claim at the same time
 * is either before it (and the update refused) or after it.
 */
export async function postUpdate(db: Db, actor: Actor, id: string, body: ProjectUpdateBody, now: Date): Promise<ProjectDetail> {
  const viewer = await loadViewer(db, actor);
  const seen = await loadVisible(db, viewer, id);
  await db.transaction(async (tx) => {
    await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, seen.id)).for('update');
    const row = (await findRow(tx, actor.userId, seen.id))!;
    if (!leads(viewer, row)) throw forbidden();
    if (!PROJECT_UPDATABLE_STATES.includes(row.status)) throw stateConflict('update', row.status);
    await writeEvent(tx, actor.userId, row.id, 'progress', row.leadName ?? actor.name, body.content, now, body.photoIds);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'project.update',
      entity: 'project',
      entityId: row.id,
      details: { photos: body.photoIds?.length ?? 0 },
      orgPath: row.communityPath,
    });
  });
  return freshDetail(db, viewer, seen.id, now);
}

/**
 * `POST /api/projects/:id/rating`: a resident of the community (living or reported there), not on
 * the lead's side, rates a completed project once; the sums move in the same transaction.
 */
export async function rateProject(db: Db, actor: Actor, id: string, body: RateProjectBody, now: Date): Promise<ProjectDetail> {
  const viewer = await loadViewer(db, actor);
  const row = await loadVisible(db, viewer, id);
  if (!rateable(viewer, row)) throw new AppError(403, 'PROJECT_NOT_RATEABLE');
  await db.transaction(async (tx) => {
    const [rated] = await tx
      .insert(projectRatings)
      .values({ projectId: row.id, userId: actor.userId, stars: body.stars, comment: body.comment || null, createdAt: now })
      .onConflictDoNothing()
      .returning({ stars: projectRatings.stars });
    if (!rated) throw new AppError(409, 'PROJECT_ALREADY_RATED');
    const [bumped] = await tx
      .update(projects)
      .set({ ratingSum: sql`${projects.ratingSum} + ${body.stars}`, ratingCount: sql`${projects.ratingCount} + 1` })
      .where(and(eq(projects.id, row.id), eq(projects.status, 'completed')))
      .returning({ id: projects.id });
    if (!bumped) throw new AppError(403, 'PROJECT_NOT_RATEABLE');
    await recordAudit(tx, { actorId: actor.userId, action: 'project.rate', entity: 'project', entityId: row.id, details: { stars: body.stars }, orgPath: row.communityPath });
  });
  return freshDetail(db, viewer, row.id, now);
}

/** The subtrees the viewer oversees, as one condition on the project's community path. */
function overseenBy(viewer: Viewer): SQL | null {
  const paths = viewer.actor.grants.filter((g) => g.orgPath !== undefined && decide([g], 'project.oversee', { orgPath: g.orgPath }) === 'allow').map((g) => g.orgPath!);
  if (paths.length === 0) return null;
  return sql`(${sql.join(
    [...new Set(paths)].map((p) => sql`${orgNodes.path} like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/**
 * The scope of a list, every one asked for at once: a community's board, a subtree's, those the
 * viewer leads, those open to their claim. Asked for none: staff and admins see their subtrees,
 * anyone else what they may claim.
 */
async function listScope(viewer: Viewer, query: ProjectListQuery, node: (id: string) => Promise<OrgNodeRow>): Promise<SQL[]> {
  const scope: SQL[] = [];
  if (query.communityId !== undefined) {
    const community = await node(query.communityId);
    if (community.kind !== 'community') throw notFound();
    scope.push(eq(projects.communityId, community.id));
    if (!oversees(viewer, { communityPath: community.path })) scope.push(ne(projects.status, 'withdrawn'));
  }
  if (query.orgId !== undefined) {
    const org = await node(query.orgId);
    const decision = decide(viewer.actor.grants, 'project.oversee', { orgPath: org.path });
    if (decision === 'forbidden') throw forbidden();
    if (decision !== 'allow') throw notFound();
    scope.push(sql`${orgNodes.path} like ${`${org.path}%`}`);
  }
  if (query.mine !== undefined) scope.push(ledBy(viewer));
  if (query.claimable !== undefined) scope.push(claimableBy(viewer));
  if (scope.length === 0) scope.push(overseenBy(viewer) ?? claimableBy(viewer));
  return scope;
}

/** `GET /api/projects`: newest first, keyset-paged. */
export async function listProjects(db: Db, actor: Actor, query: ProjectListQuery, node: (id: string) => Promise<OrgNodeRow>, now: Date): Promise<ListEnvelope<Project>> {
  const viewer = await loadViewer(db, actor);
  const scope = await listScope(viewer, query, node);
  const after = parseCursor(query.cursor);
  const rows = await selectRows(
    db,
    actor.userId,
    and(
      ...scope,
      query.status ? eq(projects.status, query.status) : undefined,
      query.category ? eq(projects.category, query.category) : undefined,
      query.overdue ? sql`${projects.status} in ('open', 'claimed', 'reported') and ${projects.dueOn} < ${chinaToday(now)}` : undefined,
      after === null ? undefined : lt(projects.id, after),
    ),
  )
    .orderBy(desc(projects.id))
    .limit(query.limit + 1);
  const { rows: found, nextCursor } = page(rows.map(flatten), query.limit, (r) => r.id);
  return { items: found.map((r) => present(r, viewer, now)), nextCursor };
}

/**
 * Service records (服务记实) against a project: the community they count in, when the caller may
 * log them (`mayLogRecords`, the rule the project's answer shows); null otherwise.
 */
export async function projectRecordCommunity(tx: Tx, actor: Actor, projectId: number): Promise<number | null> {
  const viewer = await loadViewer(tx, actor);
  const row = await findRow(tx, actor.userId, projectId);
  return row && mayLogRecords(viewer, row) ? row.communityId : null;
}
