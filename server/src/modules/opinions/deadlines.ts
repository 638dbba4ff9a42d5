import { inArray } from 'drizzle-orm';
import { DEFAULT_OPINION_DEADLINE_DAYS, OPINION_LEVELS, PERMISSIONS, type OpinionDeadlines, type OpinionLevel, type Role } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { opinionDeadlines } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { OrgNodes } from '../orgs/nodes';
import type { OrgNodeRow } from '../orgs/repository';
import { getOrgNode } from '../orgs/service';
import { rolesHolding, type Viewer } from './actors';
import { pathIds } from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;

type DeadlineRow = typeof opinionDeadlines.$inferSelect;

const fromRow = (row: DeadlineRow): OpinionDeadlines => ({
  branch: row.branchDays,
  community: row.communityDays,
  street: row.streetDays,
  representative: row.representativeDays,
});

/**
 * The days each level has under the node at `path`: its district's (the one node above it that
 * may have a row, since only districts are given one), else the defaults, as in a city without
 * districts.
 */
export async function deadlinesAt(tx: Tx, path: string): Promise<OpinionDeadlines> {
  const [row] = await tx.select().from(opinionDeadlines).where(inArray(opinionDeadlines.districtId, pathIds(path)));
  return row ? fromRow(row) : { ...DEFAULT_OPINION_DEADLINE_DAYS };
}

/** When a level entered at `now` must have had its first answer. */
export const dueAt = (now: Date, deadlines: OpinionDeadlines, level: OpinionLevel) => new Date(now.getTime() + deadlines[level] * DAY_MS);

/** The node named, which must be a district: deadlines are set per district. */
export async function getDistrict(nodes: OrgNodes, id: string): Promise<OrgNodeRow> {
  const node = await getOrgNode(nodes, id);
  if (node.kind !== 'district') throw notFound();
  return node;
}

/** Roles that oversee opinions or hold a level: whoever works them may know their deadlines. */
const WORKING_ROLES: ReadonlySet<Role> = new Set([...(Object.keys(PERMISSIONS['opinion.oversee']) as Role[]), ...OPINION_LEVELS.flatMap(rolesHolding)]);

/**
 * Who may read a district's deadlines: those who oversee opinions or hold a level in it, above it
 * or below it (a community's staff, its grid branch's leaders); 403 for whoever works on no
 * opinion anywhere, 404 for those who work elsewhere.
 */
export async function refuseReadingDeadlines(nodes: OrgNodes, viewer: Viewer, district: OrgNodeRow): Promise<AppError | null> {
  const related = (path: string) => path.startsWith(district.path) || district.path.startsWith(path);
  const grants = viewer.actor.grants.filter((g) => WORKING_ROLES.has(g.role) && g.orgPath);
  if (grants.some((g) => related(g.orgPath!))) return null;
  for (const id of viewer.leads) {
    const community = await nodes.get(id);
    if (community && related(community.path)) return null;
  }
  return grants.length === 0 && viewer.leads.size === 0 ? forbidden() : notFound();
}

/** Sets a district's deadlines (opinions already at a level keep the deadline they entered it with). */
export async function setDeadlines(db: Db, actorId: number, district: OrgNodeRow, body: OpinionDeadlines, now: Date): Promise<OpinionDeadlines> {
  return db.transaction(async (tx) => {
    const before = await deadlinesAt(tx, district.path);
    const values = { branchDays: body.branch, communityDays: body.community, streetDays: body.street, representativeDays: body.representative, updatedAt: now };
    await tx
      .insert(opinionDeadlines)
      .values({ districtId: district.id, ...values })
      .onConflictDoUpdate({ target: opinionDeadlines.districtId, set: values });
    await recordAudit(tx, { actorId, action: 'opinion.deadlines', entity: 'org_node', entityId: district.id, details: { before, after: body }, orgPath: district.path });
    return deadlinesAt(tx, district.path);
  });
}
