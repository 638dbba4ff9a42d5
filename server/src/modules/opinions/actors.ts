import { sql } from 'drizzle-orm';
import {
  OPINION_LEVELS,
  OPINION_LEVEL_HOLDERS,
  PERMISSIONS,
  decide,
  levelWithin,
  type OpinionActor,
  type OpinionLevel,
  type Role,
} from '@huijia/shared';
import type { Database } from '../../db';
import { arrayLiteral, nums, statement } from '../../db/statement';
import type { Actor } from '../users/actor';

/**
 * The caller as opinions see them: their roles (the actor), and what only opinions ask — where
 * they live, where they have a live report (where they may raise), and where they lead a grid
 * branch (where they hold 建议 without a grant).
 */
export interface Viewer {
  actor: Actor;
  userId: number;
  home: number | null;
  /** Communities with a live report (pending or confirmed). */
  liveIn: ReadonlySet<number>;
  /** Communities where they lead a grid branch while reported there. */
  leads: ReadonlySet<number>;
}

/** A grid branch's leader holds 建议 only while a confirmed member of its community (as `myGrid`
 *  shows them in the grid), so only the communities they are reported in are looked at: the
 *  groups' (community, kind) index, never a scan for the leader. */
const viewerStatement = statement<{ userId: number; reportedIn: string }, { home: number | null; liveIn: number[]; leads: number[] }>(
  'opinions.viewer',
  sql`
    select u.home_community_id as home,
      array(select r.community_id from reports r where r.member_id = u.id and r.status in ('pending_offline', 'confirmed')) as "liveIn",
      array(select g.community_id from grid_groups g
            where g.community_id = any(${sql.placeholder('reportedIn')}::bigint[]) and g.kind = 'branch' and g.leader_id = u.id) as leads
    from users u where u.id = ${sql.placeholder('userId')}`,
  (raw) => ({ home: raw.home === null ? null : Number(raw.home), liveIn: nums(raw.liveIn), leads: nums(raw.leads) }),
);

export async function loadViewer(database: Database, actor: Actor): Promise<Viewer> {
  const [row] = await database.run(viewerStatement, { userId: actor.userId, reportedIn: arrayLiteral([...actor.reportedIn]) });
  return { actor, userId: actor.userId, home: row?.home ?? null, liveIn: new Set(row?.liveIn ?? []), leads: new Set(row?.leads ?? []) };
}

/** The community an opinion belongs to, as the rules need it. */
export interface Place {
  id: number;
  path: string;
}

/** Lives there or serves there as a confirmed member: a resident of the community (附议, its board). */
export const isResidentOf = (viewer: Viewer, community: Place) => viewer.home === community.id || viewer.actor.reportedIn.has(community.id);

/** Holds `level` for an opinion of `community`: by a grant (OPINION_LEVEL_HOLDERS), or at 建议 as
 *  the leader of one of the community's grid branches. */
export function holdsLevel(viewer: Viewer, level: OpinionLevel, community: Place): boolean {
  if (decide(viewer.actor.grants, OPINION_LEVEL_HOLDERS[level], { orgPath: community.path }) === 'allow') return true;
  return level === 'branch' && viewer.leads.has(community.id);
}

/** The roles whose grants hold `level` (its permission's subtree roles). */
export function rolesHolding(level: OpinionLevel): Role[] {
  return Object.keys(PERMISSIONS[OPINION_LEVEL_HOLDERS[level]]) as Role[];
}

/** The roles that are staff of a community or admins above it: they see who a collected opinion
 *  came from and which worker took each step (workers are named to staff only). */
const STAFF_ROLES: readonly Role[] = ['community_staff', 'street_admin', 'district_admin'];

function isStaffOf(viewer: Viewer, community: Place): boolean {
  return viewer.actor.grants.some((g) => STAFF_ROLES.includes(g.role) && g.orgPath !== undefined && community.path.startsWith(g.orgPath));
}

/** Who the viewer is to an opinion, and what follows from it. */
export interface Relation {
  /** The machine's actors they are (`viewerActors` of the answer). */
  actors: OpinionActor[];
  /** Holds its current level or one it passed through: sees it whole, with the reporter's contact. */
  handles: boolean;
  /** `opinion.oversee` over its community: sees it whole, without the contact. */
  oversees: boolean;
  staff: boolean;
  neighbour: boolean;
}

interface Subject {
  communityId: number;
  communityPath: string;
  reporterId: number;
  level: OpinionLevel;
  levelReached: OpinionLevel;
}

export function relationTo(viewer: Viewer, opinion: Subject): Relation {
  const community = { id: opinion.communityId, path: opinion.communityPath };
  const reporter = opinion.reporterId === viewer.userId;
  const holder = holdsLevel(viewer, opinion.level, community);
  const neighbour = !reporter && isResidentOf(viewer, community);
  const actors: OpinionActor[] = [];
  if (reporter) actors.push('reporter');
  if (holder) actors.push('holder');
  if (neighbour) actors.push('neighbour');
  return {
    actors,
    handles: holder || OPINION_LEVELS.some((level) => levelWithin(level, opinion.levelReached) && holdsLevel(viewer, level, community)),
    oversees: decide(viewer.actor.grants, 'opinion.oversee', { orgPath: community.path }) === 'allow',
    staff: isStaffOf(viewer, community),
    neighbour,
  };
}

/** Whether the viewer may see the opinion at all: its reporter, the holders of its levels so far,
 *  those who oversee its community, and its neighbours unless it was closed. */
export function maySee(relation: Relation, status: string): boolean {
  return relation.actors.includes('reporter') || relation.handles || relation.oversees || (relation.neighbour && status !== 'closed');
}

/** The role a holder acts in at `level`, for the step: the granted role that holds it, or the grid branch's leader. */
export function holderRole(viewer: Viewer, level: OpinionLevel, community: Place): string {
  const roles = rolesHolding(level);
  const granted = viewer.actor.grants.find((g) => roles.includes(g.role) && decide([g], OPINION_LEVEL_HOLDERS[level], { orgPath: community.path }) === 'allow');
  return granted ? granted.role : 'grid_leader';
}

/** The role someone raises or rates in: staff of the community, a member reported there, or a resident. */
export function personRole(viewer: Viewer, community: Place): string {
  if (decide(viewer.actor.grants, 'opinion.collect', { orgPath: community.path }) === 'allow') return 'community_staff';
  return viewer.actor.reportedIn.has(community.id) ? 'member' : 'resident';
}
