import { opinionActorRoleLabel, type Opinion, type OpinionStep } from '@huijia/shared';
import { photoOf } from '../uploads/service';
import type { Relation } from './actors';
import type { OpinionRow, StepRow } from './repository';

/**
 * What of an opinion a viewer receives (the privacy contract of `opinionSchema`), from who they
 * are to it. Whatever they may not receive is absent, not blank:
 * - whole (description, photos, the reporter's name): its reporter, the holders of its levels so
 *   far, those who oversee its community; a neighbour sees a resolved one's description and photos
 *   but never the reporter, and of an open one only the title, category, level and seconds;
 * - the reporter's contact phone: the reporter and the holders of its levels so far only;
 * - a collected one's source person (`raisedBy`, who is its reporter as people know it): staff of
 *   the community and admins above, and the worker who logged it;
 * - workers' names on the path: staff and admins, and the holders of its levels.
 */
export interface Entitlement {
  whole: boolean;
  contact: boolean;
  source: boolean;
  workers: boolean;
  /** The problem itself: description, photos, notes on the path. */
  content: boolean;
}

export function entitlementOf(relation: Relation, status: string): Entitlement {
  const reporter = relation.actors.includes('reporter');
  const whole = reporter || relation.handles || relation.oversees;
  return {
    whole,
    contact: reporter || relation.handles,
    source: reporter || relation.staff,
    workers: relation.staff || relation.handles,
    content: whole || status !== 'open',
  };
}

/** The name people know its reporter by: for a collected one the person it came from, shown only
 *  to those who may know them; else the account that raised it. */
function reporterNameFor(row: OpinionRow, may: Entitlement): string | undefined {
  if (!may.whole) return undefined;
  if (row.source === 'self') return row.reporterName;
  return may.source ? (row.raisedByName ?? undefined) : undefined;
}

export function presentOpinion(row: OpinionRow, relation: Relation, now: Date, steps?: readonly StepRow[]): Opinion {
  const may = entitlementOf(relation, row.status);
  const reporterName = reporterNameFor(row, may);
  return {
    id: String(row.id),
    communityId: String(row.communityId),
    communityName: row.communityName,
    placeId: row.placeId === null ? null : String(row.placeId),
    placeName: row.placeName,
    category: row.category,
    title: row.title,
    source: row.source,
    status: row.status,
    level: row.level,
    levelReached: row.levelReached,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.status === 'open' && row.dueAt !== null && row.dueAt < now,
    reopened: row.reopenedAt !== null,
    seconds: row.seconds,
    seconded: row.seconded,
    reply: row.reply,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedReason: row.closedReason,
    satisfaction: row.satisfaction,
    ratingComment: row.ratingComment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    viewerActors: relation.actors,
    ...(may.content ? { description: row.description, photos: row.photoIds.map(photoOf) } : {}),
    ...(reporterName !== undefined ? { reporterName } : {}),
    ...(may.contact && row.contactPhone !== null ? { contactPhone: row.contactPhone } : {}),
    ...(may.source && row.raisedByName !== null ? { raisedBy: { name: row.raisedByName, phone: row.raisedByPhone } } : {}),
    ...(steps ? { history: steps.map((s) => presentStep(s, may, relation.actors.includes('reporter') && s.actorId === row.reporterId)) } : {}),
  };
}

/** A step: its role for everyone; its worker's name to staff and holders (and the reporter's own
 *  steps to the reporter); its note to those who may read the problem. */
function presentStep(step: StepRow, may: Entitlement, own: boolean): OpinionStep {
  return {
    action: step.action,
    level: step.level,
    note: may.content ? step.note : null,
    actorRole: opinionActorRoleLabel(step.actorRole),
    ...(may.workers || own ? { actorName: step.actorName } : {}),
    at: step.at.toISOString(),
  };
}
