import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import {
  countedMinutes,
  decide,
  pointsForMinutes,
  type CreateRecordBody,
  type ListEnvelope,
  type RecordState,
  type ServiceRecord,
  type UpdateRecordBody,
} from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { activities, households, orgNodes, pairings, postSeats, posts, projects, recordPhotos, serviceRecords, users, wishClaims, wishes } from '../../db/schema';
import { page, parseCursor } from '../../http/cursor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { notify } from '../notifications/notify';
import { parseId } from '../orgs/service';
import { payOnce } from '../points/ledger';
import { recordMessages } from './messages';
import { photoOf, unattachedUploads } from '../uploads/service';
import type { Actor } from '../users/actor';
import { confirmedCommunitiesOf } from '../reports/repository';
import { projectRecordCommunity } from '../projects/service';

type RecordRow = typeof serviceRecords.$inferSelect & { memberName: string; communityName: string; communityPath: string };

function selectRecords(tx: Tx) {
  return tx
    .select({ record: serviceRecords, memberName: users.name, communityName: orgNodes.name, communityPath: orgNodes.path })
    .from(serviceRecords)
    .innerJoin(users, eq(users.id, serviceRecords.memberId))
    .innerJoin(orgNodes, eq(orgNodes.id, serviceRecords.communityId));
}
const flatten = (r: { record: typeof serviceRecords.$inferSelect; memberName: string; communityName: string; communityPath: string }): RecordRow => ({
  ...r.record,
  memberName: r.memberName,
  communityName: r.communityName,
  communityPath: r.communityPath,
});

async function present(tx: Tx, rows: RecordRow[]): Promise<ServiceRecord[]> {
  const ids = rows.map((r) => r.id);
  const photos = ids.length ? await tx.select().from(recordPhotos).where(inArray(recordPhotos.recordId, ids)) : [];
  const titles = await sourceTitles(tx, rows);
  return rows.map((r) => ({
    id: String(r.id),
    memberId: String(r.memberId),
    memberName: r.memberName,
    communityId: String(r.communityId),
    communityName: r.communityName,
    source: { type: r.sourceType, id: r.sourceId === null ? null : String(r.sourceId), title: titles.get(`${r.sourceType}:${r.sourceId}`) ?? null },
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    minutes: r.minutes,
    content: r.content,
    beneficiary: r.beneficiary,
    status: r.status,
    rejectReason: r.rejectReason,
    photos: photos.filter((p) => p.recordId === r.id).map((p) => photoOf(p.uploadId)),
    createdAt: r.createdAt.toISOString(),
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
  }));
}

/** The titles of the posts, wishes, pairings, activities and projects records belong to, for people reading a list. */
async function sourceTitles(tx: Tx, rows: RecordRow[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const ids = (type: string) => rows.filter((r) => r.sourceType === type && r.sourceId !== null).map((r) => r.sourceId!);
  const postIds = ids('post');
  const wishIds = ids('wish');
  const pairingIds = ids('pairing');
  const activityIds = ids('activity');
  const projectIds = ids('project');
  if (postIds.length) for (const p of await tx.select({ id: posts.id, title: posts.title }).from(posts).where(inArray(posts.id, postIds))) titles.set(`post:${p.id}`, p.title);
  if (wishIds.length) for (const w of await tx.select({ id: wishes.id, title: wishes.title }).from(wishes).where(inArray(wishes.id, wishIds))) titles.set(`wish:${w.id}`, w.title);
  if (activityIds.length) {
    for (const a of await tx.select({ id: activities.id, title: activities.title }).from(activities).where(inArray(activities.id, activityIds))) titles.set(`activity:${a.id}`, a.title);
  }
  if (projectIds.length) {
    for (const p of await tx.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, projectIds))) titles.set(`project:${p.id}`, p.title);
  }
  if (pairingIds.length) {
    const rows2 = await tx.select({ id: pairings.id, needs: households.needs }).from(pairings).innerJoin(households, eq(households.id, pairings.householdId)).where(inArray(pairings.id, pairingIds));
    for (const p of rows2) titles.set(`pairing:${p.id}`, `结对帮扶：${p.needs.slice(0, 20)}`);
  }
  return titles;
}

/**
 * The community a session belongs to, from what it served: a post the member holds or held, a
 * wish they claimed, their own pairing, a project they lead or serve in by its unit or team (项目认领);
 * an activity or anything else belongs to the community of their confirmed report.
 */
async function communityOfSource(tx: Tx, actor: Actor, source: CreateRecordBody['source']): Promise<{ communityId: number; sourceId: number | null }> {
  const memberId = actor.userId;
  const invalid = () => new AppError(400, 'RECORD_SOURCE_INVALID');
  if (source.type === 'other' || source.type === 'activity') {
    const [communityId] = await confirmedCommunitiesOf(tx, memberId);
    if (communityId === undefined) throw new AppError(403, 'NOT_REPORTED_HERE', '请先完成社区报到，再记录服务');
    return { communityId, sourceId: null };
  }
  const id = source.id ? parseId(source.id) : null;
  if (id === null) throw invalid();
  if (source.type === 'project') {
    const communityId = await projectRecordCommunity(tx, actor, id);
    if (communityId === null) throw invalid();
    return { communityId, sourceId: id };
  }
  const [row] =
    source.type === 'post'
      ? await tx.select({ communityId: posts.communityId }).from(posts).innerJoin(postSeats, eq(postSeats.postId, posts.id)).where(and(eq(posts.id, id), eq(postSeats.memberId, memberId))).limit(1)
      : source.type === 'wish'
        ? await tx.select({ communityId: wishes.communityId }).from(wishes).innerJoin(wishClaims, eq(wishClaims.wishId, wishes.id)).where(and(eq(wishes.id, id), eq(wishClaims.memberId, memberId))).limit(1)
        : await tx.select({ communityId: households.communityId }).from(pairings).innerJoin(households, eq(households.id, pairings.householdId)).where(and(eq(pairings.id, id), eq(pairings.memberId, memberId))).limit(1);
  if (!row) throw invalid();
  return { communityId: row.communityId, sourceId: id };
}

function sessionOf(startedAt: string, endedAt: string, now: Date) {
  const start = new Date(startedAt);
  const end = new Date(endedAt);
  if (end.getTime() > now.getTime()) throw new AppError(400, 'RECORD_IN_FUTURE');
  return { startedAt: start, endedAt: end, minutes: countedMinutes(start, end) };
}

async function findRecord(tx: Tx, id: number): Promise<RecordRow | undefined> {
  const [row] = await selectRecords(tx).where(eq(serviceRecords.id, id));
  return row && flatten(row);
}

/** A record its member or staff (and admins) above its community may see; else not found. */
export async function loadRecord(tx: Tx, actor: Actor, id: string): Promise<RecordRow> {
  const n = parseId(id);
  const row = n === null ? undefined : await findRecord(tx, n);
  if (!row) throw notFound();
  if (row.memberId !== actor.userId && decide(actor.grants, 'record.read', { orgPath: row.communityPath }) !== 'allow') throw notFound();
  return row;
}

/** 服务记实: a member logs a session; it waits for staff of its community. */
export async function logRecord(db: Db, actor: Actor, body: CreateRecordBody, now: Date): Promise<ServiceRecord> {
  const session = sessionOf(body.startedAt, body.endedAt, now);
  return db.transaction(async (tx) => {
    const { communityId, sourceId } = await communityOfSource(tx, actor, body.source);
    const photoIds = await unattachedUploads(tx, actor.userId, body.photoIds);
    const [row] = await tx
      .insert(serviceRecords)
      .values({ memberId: actor.userId, communityId, sourceType: body.source.type, sourceId, ...session, content: body.content, beneficiary: body.beneficiary ?? null })
      .returning({ id: serviceRecords.id });
    if (photoIds.length) await tx.insert(recordPhotos).values(photoIds.map((uploadId) => ({ recordId: row!.id, uploadId })));
    const record = (await findRecord(tx, row!.id))!;
    await recordAudit(tx, { actorId: actor.userId, action: 'record.create', entity: 'record', entityId: row!.id, to: 'pending', details: { minutes: session.minutes }, orgPath: record.communityPath });
    return (await present(tx, [record]))[0]!;
  });
}

/** The member edits their record: it goes back to pending; a verified record stays as paid. */
export async function editRecord(db: Db, actor: Actor, id: string, body: UpdateRecordBody, now: Date): Promise<ServiceRecord> {
  const record = await loadRecord(db, actor, id);
  if (record.memberId !== actor.userId) throw forbidden();
  const session = sessionOf(body.startedAt, body.endedAt, now);
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(serviceRecords)
      .set({ ...session, content: body.content, beneficiary: body.beneficiary ?? null, status: 'pending', rejectReason: null })
      .where(and(eq(serviceRecords.id, record.id), eq(serviceRecords.memberId, actor.userId), inArray(serviceRecords.status, ['pending', 'rejected'])))
      .returning({ id: serviceRecords.id });
    if (!changed) throw new AppError(409, 'RECORD_STATE_CONFLICT');
    await recordAudit(tx, { actorId: actor.userId, action: 'record.edit', entity: 'record', entityId: record.id, from: record.status, to: 'pending', orgPath: record.communityPath });
    return (await present(tx, [(await findRecord(tx, record.id))!]))[0]!;
  });
}

/**
 * Staff verify or reject a pending record of their community, never their own. Verifying pays its
 * points in the same transaction, once: a second verify finds it no longer pending, and the
 * ledger's unique source would refuse a second payment anyway.
 */
export async function decideRecord(db: Db, actor: Actor, id: string, to: 'verified' | 'rejected', reason: string | null, now: Date): Promise<ServiceRecord> {
  const record = await loadRecord(db, actor, id);
  if (decide(actor.grants, 'record.verify', { orgPath: record.communityPath }) !== 'allow') throw forbidden();
  if (record.memberId === actor.userId) throw new AppError(403, 'SELF_VERIFICATION');
  return db.transaction(async (tx) => {
    // Pay for the minutes the record has as it is verified, not as it was read before.
    const [changed] = await tx
      .update(serviceRecords)
      .set(to === 'verified' ? { status: to, verifiedBy: actor.userId, verifiedAt: now } : { status: to, rejectReason: reason })
      .where(and(eq(serviceRecords.id, record.id), eq(serviceRecords.status, 'pending')))
      .returning({ id: serviceRecords.id, minutes: serviceRecords.minutes });
    if (!changed) throw new AppError(409, 'RECORD_STATE_CONFLICT');
    await recordAudit(tx, { actorId: actor.userId, action: to === 'verified' ? 'record.verify' : 'record.reject', entity: 'record', entityId: record.id, from: 'pending', to, details: reason ? { reason } : undefined, orgPath: record.communityPath });
    if (to === 'verified') {
      const hours = changed.minutes / 60;
      const points = pointsForMinutes(changed.minutes);
      await payOnce(tx, { memberId: record.memberId, communityId: record.communityId, source: 'record', sourceId: record.id, points, reason: `服务 ${hours} 小时`, createdBy: actor.userId });
      await notify(tx, record.memberId, { ...recordMessages.verified(changed.minutes), entity: 'record', entityId: record.id });
    } else {
      await notify(tx, record.memberId, { ...recordMessages.rejected(reason ?? ''), entity: 'record', entityId: record.id });
    }
    return (await present(tx, [(await findRecord(tx, record.id))!]))[0]!;
  });
}

export async function getRecord(db: Db, actor: Actor, id: string): Promise<ServiceRecord> {
  return (await present(db, [await loadRecord(db, actor, id)]))[0]!;
}

/** One's own records, or (staff and admins) a community's: the verification queue is status=pending. */
export async function listRecords(
  db: Db,
  actor: Actor,
  q: { communityId?: number; communityPath?: string; status?: RecordState; mine?: boolean; limit: number; cursor?: string },
): Promise<ListEnvelope<ServiceRecord>> {
  const before = parseCursor(q.cursor);
  const scope: SQL | undefined = q.mine || q.communityId === undefined ? eq(serviceRecords.memberId, actor.userId) : eq(serviceRecords.communityId, q.communityId);
  if (!q.mine && q.communityPath && decide(actor.grants, 'record.read', { orgPath: q.communityPath }) !== 'allow') throw notFound();
  const rows = await selectRecords(db)
    .where(and(scope, q.status ? eq(serviceRecords.status, q.status) : undefined, before === null ? undefined : lt(serviceRecords.id, before)))
    .orderBy(desc(serviceRecords.id))
    .limit(q.limit + 1);
  const { rows: items, nextCursor } = page(rows.map(flatten), q.limit, (r) => r.id);
  return { items: await present(db, items), nextCursor };
}

