import { activityPhase, type Activity } from '@huijia/shared';
import type { Relation } from './organisers';
import type { ActivityRow } from './repository';

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

/** An activity as the viewer receives it: who published it only to its organisers and those who
 *  oversee it; the phase by the server's clock. */
export function presentActivity(row: ActivityRow, relation: Relation, now: Date): Activity {
  const insider = relation.organiser || relation.oversees;
  return {
    id: String(row.id),
    communityId: String(row.communityId),
    communityName: row.communityName,
    kind: row.kind,
    title: row.title,
    description: row.description,
    pioneerRole: row.pioneerRole,
    location: row.location,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    capacity: row.capacity,
    audience: row.audience,
    organiser: { kind: row.organiserKind, name: row.organiserName, ...(insider ? { publisherName: row.publisherName } : {}) },
    status: row.status,
    phase: activityPhase(row.startsAt, row.endsAt, now),
    signedUp: row.signedUp,
    waitlisted: row.waitlisted,
    mySignup: row.mine
      ? { status: row.mine.status, position: row.mine.position, checkedInAt: iso(row.mine.checkedInAt), checkedOutAt: iso(row.mine.checkedOutAt) }
      : null,
    cancelReason: row.cancelReason,
    confirmedAt: iso(row.confirmedAt),
    createdAt: row.createdAt.toISOString(),
    viewerActors: relation.actors,
  };
}
