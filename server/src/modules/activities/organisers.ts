import { and, eq, sql, type SQL } from 'drizzle-orm';
import { PERMISSIONS, decide, type ActivityActor, type ActivityOrganiser, type ActivityOrganiserKind } from '@huijia/shared';
import type { Tx } from '../../db';
import { gridGroups, unitCommunities } from '../../db/schema';
import { arrayLiteral } from '../../db/statement';
import { AppError } from '../../http/errors';
import type { OrgNodeRow } from '../orgs/repository';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import type { ActivityRow } from './repository';

/**
 * Who organises an activity (domain.md, "Activities"): whoever published it, and whoever holds the
 * organising role it was published in — the community's staff (`activity.organise` on its path),
 * the team's leader (while a confirmed member of the community, as the grid shows its leaders),
 * the unit's admins (`activity.organise` on the unit). The community's staff run its grid, so they
 * organise its teams' activities too; a unit's activity is the unit's own.
 */
export function organises(actor: Actor, row: Pick<ActivityRow, 'publishedBy' | 'organiserKind' | 'communityId' | 'communityPath' | 'teamLeaderId' | 'unitId'>): boolean {
  if (row.publishedBy === actor.userId) return true;
  const staff = () => decide(actor.grants, 'activity.organise', { orgPath: row.communityPath }) === 'allow';
  switch (row.organiserKind) {
    case 'community':
      return staff();
    case 'team':
      return (row.teamLeaderId === actor.userId && actor.reportedIn.has(row.communityId)) || staff();
    case 'unit':
      return decide(actor.grants, 'activity.organise', { unitId: String(row.unitId) }) === 'allow';
  }
}

/** May sign up: a member confirmed in the community, or (when the unit opened it to its own) a
 *  member on the organising unit's roster who has not left it. */
export function eligible(actor: Actor, row: Pick<ActivityRow, 'communityId' | 'audience' | 'unitId'>): boolean {
  if (actor.reportedIn.has(row.communityId)) return true;
  return row.audience === 'community_and_unit' && actor.grants.some((g) => g.role === 'member' && g.unitId === String(row.unitId));
}

/** Who the viewer is to an activity. */
export interface Relation {
  /** The machine's actors they are (`viewerActors` of the answer). */
  actors: ActivityActor[];
  organiser: boolean;
  /** `activity.oversee` over its community: its attendance, read only. */
  oversees: boolean;
}

export function relationTo(actor: Actor, row: ActivityRow): Relation {
  const organiser = organises(actor, row);
  const actors: ActivityActor[] = [];
  if (organiser) actors.push('organiser');
  if (eligible(actor, row)) actors.push('eligible');
  if (row.mine) actors.push('participant');
  return { actors, organiser, oversees: decide(actor.grants, 'activity.oversee', { orgPath: row.communityPath }) === 'allow' };
}

/** Activities are public in their community, to anyone signed in; one called off only to its
 *  organisers, those above who oversee it and whoever had signed up. */
export const maySee = (row: ActivityRow, relation: Relation) =>
  row.status !== 'called_off' || relation.organiser || relation.oversees || row.everSignedUp;

const organiserInvalid = () => new AppError(403, 'ACTIVITY_ORGANISER_INVALID');

/** Where a new activity's organiser is written: the kind, and the team or unit. */
export interface OrganiserColumns {
  organiserKind: ActivityOrganiserKind;
  teamId: number | null;
  unitId: number | null;
}

/**
 * The organiser a caller may publish in for `community`, as they asked: its staff; the leader of
 * one of its volunteer teams (立体网格), reported there; the admin of a unit paired with it.
 * Anything else is 403 ACTIVITY_ORGANISER_INVALID.
 */
export async function organiserFor(tx: Tx, actor: Actor, community: OrgNodeRow, organiser: ActivityOrganiser): Promise<OrganiserColumns> {
  switch (organiser.kind) {
    case 'community':
      if (decide(actor.grants, 'activity.organise', { orgPath: community.path }) !== 'allow') throw organiserInvalid();
      return { organiserKind: 'community', teamId: null, unitId: null };
    case 'team': {
      const teamId = parseId(organiser.teamId);
      const [team] =
        teamId === null
          ? []
          : await tx
              .select({ id: gridGroups.id })
              .from(gridGroups)
              .where(and(eq(gridGroups.id, teamId), eq(gridGroups.communityId, community.id), eq(gridGroups.kind, 'team'), eq(gridGroups.leaderId, actor.userId)));
      if (!team || !actor.reportedIn.has(community.id)) throw organiserInvalid();
      return { organiserKind: 'team', teamId: team.id, unitId: null };
    }
    case 'unit': {
      const unitId = parseId(organiser.unitId);
      if (unitId === null || decide(actor.grants, 'activity.organise', { unitId: String(unitId) }) !== 'allow') throw organiserInvalid();
      const [paired] = await tx
        .select({ unitId: unitCommunities.unitId })
        .from(unitCommunities)
        .where(and(eq(unitCommunities.unitId, unitId), eq(unitCommunities.communityId, community.id)));
      if (!paired) throw organiserInvalid();
      return { organiserKind: 'unit', teamId: null, unitId };
    }
  }
}

/** The activities the caller organises, as one condition on `a` (`organises` as SQL): for the
 *  organiser's list. */
export function organisedBy(actor: Actor): SQL {
  const rule: Partial<Record<string, string>> = PERMISSIONS['activity.organise'];
  const staffPaths = [...new Set(actor.grants.filter((g) => rule[g.role] === 'subtree' && g.orgPath).map((g) => g.orgPath!))];
  const unitIds = [...new Set(actor.grants.filter((g) => rule[g.role] === 'unit' && g.unitId).map((g) => Number(g.unitId)))];
  const reportedIn = [...actor.reportedIn];
  const any: SQL[] = [sql`a.published_by = ${actor.userId}`];
  for (const path of staffPaths) {
    any.push(sql`(a.organiser_kind in ('community', 'team') and a.community_id in (select n.id from org_nodes n where n.path like ${`${path}%`}))`);
  }
  if (reportedIn.length > 0) {
    any.push(sql`(a.organiser_kind = 'team' and a.team_id in (select g.id from grid_groups g
      where g.leader_id = ${actor.userId} and g.kind = 'team' and g.community_id = any(${arrayLiteral(reportedIn)}::bigint[])))`);
  }
  if (unitIds.length > 0) any.push(sql`(a.organiser_kind = 'unit' and a.unit_id = any(${arrayLiteral(unitIds)}::bigint[]))`);
  return sql`(${sql.join(any, sql` or `)})`;
}
