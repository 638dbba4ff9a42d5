import { sql, type SQL } from 'drizzle-orm';
import { decide, PERMISSIONS, type ClaimProjectBody, type ProjectActor, type ProjectClaimOption, type ProjectLeadKind, type ProjectState } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { arrayLiteral, nums } from '../../db/statement';
import { AppError } from '../../http/errors';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';

/**
 * Who may lead a project (项目认领): a unit's admin for a unit paired with its community, the
 * leader of one of its volunteer teams while confirmed there, a party representative over it, a
 * member reported there. The caller's units, teams and home are read once per request (`Viewer`),
 * so that a list answers every project's options, actors and rights without a query each.
 */
export interface Viewer {
  actor: Actor;
  homeCommunityId: number | null;
  /** The units they may claim for (project.claim_for_unit). */
  adminUnitIds: number[];
  /** Those units' pairs: a unit claims only in a community it is paired with. */
  pairedUnits: { id: number; name: string; communityId: number }[];
  /** The volunteer teams they lead. */
  teamsLed: { id: number; name: string; communityId: number }[];
  /** The volunteer teams they are a member of: they log service for the team's projects. */
  teamsIn: ReadonlySet<number>;
}

/** What the rules read of a project. */
export interface LeadColumns {
  communityId: number;
  communityPath: string;
  status: ProjectState;
  leadKind: ProjectLeadKind | null;
  leadUnitId: number | null;
  leadTeamId: number | null;
  leadUserId: number | null;
  /** The current leader of the leading team. */
  teamLeaderId: number | null;
}

const grantedUnits = (actor: Actor): number[] => {
  const rule: Partial<Record<string, string>> = PERMISSIONS['project.claim_for_unit'];
  return [...new Set(actor.grants.filter((g) => rule[g.role] === 'unit' && g.unitId !== undefined).map((g) => Number(g.unitId)))];
};

const repPaths = (actor: Actor): string[] => {
  const rule: Partial<Record<string, string>> = PERMISSIONS['project.claim_as_rep'];
  return [...new Set(actor.grants.filter((g) => rule[g.role] === 'subtree' && g.orgPath !== undefined).map((g) => g.orgPath!))];
};

interface ViewerRow {
  home: string | number | null;
  units: { id: number; name: string; communityId: number }[] | null;
  teamsLed: { id: number; name: string; communityId: number }[] | null;
  teamsIn: unknown[];
}

export async function loadViewer(tx: Tx, actor: Actor): Promise<Viewer> {
  const adminUnitIds = grantedUnits(actor);
  const [row] = await rowsOf<ViewerRow>(
    tx,
    sql`select
      (select u.home_community_id from users u where u.id = ${actor.userId}) as home,
      (select json_agg(json_build_object('id', u.id, 'name', u.name, 'communityId', p.community_id) order by u.id, p.community_id)
         from unit_communities p join units u on u.id = p.unit_id where p.unit_id = any(${arrayLiteral(adminUnitIds)}::bigint[])) as units,
      (select json_agg(json_build_object('id', g.id, 'name', g.name, 'communityId', g.community_id) order by g.id)
         from grid_groups g where g.leader_id = ${actor.userId} and g.kind = 'team') as "teamsLed",
      array(select m.group_id from grid_members m where m.member_id = ${actor.userId} and m.kind = 'team') as "teamsIn"`,
  );
  const typed = (list: ViewerRow['units']) => (list ?? []).map((x) => ({ id: Number(x.id), name: x.name, communityId: Number(x.communityId) }));
  return {
    actor,
    homeCommunityId: row?.home === null || row?.home === undefined ? null : Number(row.home),
    adminUnitIds,
    pairedUnits: typed(row?.units ?? null),
    teamsLed: typed(row?.teamsLed ?? null),
    teamsIn: new Set(nums(row?.teamsIn ?? [])),
  };
}

/** Teams they lead in `communityId`, while they are confirmed there (as activities' organisers). */
const teamsLedIn = (viewer: Viewer, communityId: number) =>
  viewer.actor.reportedIn.has(communityId) ? viewer.teamsLed.filter((t) => t.communityId === communityId) : [];

const isRepOver = (viewer: Viewer, communityPath: string) => decide(viewer.actor.grants, 'project.claim_as_rep', { orgPath: communityPath }) === 'allow';

/** The capacities the viewer may claim a project of this community in. */
export function claimOptions(viewer: Viewer, p: Pick<LeadColumns, 'communityId' | 'communityPath'>): ProjectClaimOption[] {
  const out: ProjectClaimOption[] = [];
  for (const unit of viewer.pairedUnits) {
    if (unit.communityId === p.communityId) out.push({ as: 'unit', unitId: String(unit.id), leadKind: 'unit', label: unit.name });
  }
  for (const team of teamsLedIn(viewer, p.communityId)) out.push({ as: 'team', teamId: String(team.id), leadKind: 'team', label: team.name });
  if (isRepOver(viewer, p.communityPath)) out.push({ as: 'self', leadKind: 'party_rep', label: `${viewer.actor.name}（党代表）` });
  else if (viewer.actor.reportedIn.has(p.communityId)) out.push({ as: 'self', leadKind: 'member', label: `${viewer.actor.name}（报到党员）` });
  return out;
}

/** Whether the viewer leads the project: claimed it themselves, admins the leading unit, leads the leading team. */
export function leads(viewer: Viewer, p: LeadColumns): boolean {
  if (p.leadKind === null) return false;
  if (p.leadUserId === viewer.actor.userId) return true;
  if (p.leadKind === 'unit') return decide(viewer.actor.grants, 'project.claim_for_unit', { unitId: String(p.leadUnitId) }) === 'allow';
  if (p.leadKind === 'team') return p.teamLeaderId === viewer.actor.userId;
  return false;
}

/** The machine's actors the viewer is to a project. */
export function actorsOf(viewer: Viewer, p: LeadColumns): ProjectActor[] {
  const out: ProjectActor[] = [];
  if (decide(viewer.actor.grants, 'project.publish', { orgPath: p.communityPath }) === 'allow') out.push('community');
  if (claimOptions(viewer, p).length > 0) out.push('eligible');
  if (leads(viewer, p)) out.push('lead');
  return out;
}

/** Staff and admins above see every project of their subtree, withdrawn ones too. */
export const oversees = (viewer: Viewer, p: Pick<LeadColumns, 'communityPath'>) =>
  decide(viewer.actor.grants, 'project.oversee', { orgPath: p.communityPath }) === 'allow';

/**
 * Whether the viewer may log service records (服务记实) against a project being carried out or
 * done: its lead in person, a member on the leading unit's roster, a member of the leading team.
 * The records module asks the same.
 */
export function mayLogRecords(viewer: Viewer, p: LeadColumns): boolean {
  if (p.status !== 'claimed' && p.status !== 'reported' && p.status !== 'completed') return false;
  if (p.leadUserId === viewer.actor.userId) return true;
  if (p.leadKind === 'unit') return viewer.actor.grants.some((g) => g.role === 'member' && g.unitId === String(p.leadUnitId));
  if (p.leadKind === 'team') return p.leadTeamId !== null && viewer.teamsIn.has(p.leadTeamId);
  return false;
}

/** Whether the viewer is on the lead's side (and so does not rate it): the lead, an admin of the unit, the team's leader. */
const leadSide = (viewer: Viewer, p: LeadColumns) =>
  leads(viewer, p) || (p.leadKind === 'unit' && viewer.adminUnitIds.includes(p.leadUnitId ?? -1)) || (p.leadKind === 'team' && p.teamLeaderId === viewer.actor.userId);

/** Whether the viewer may rate a completed project at all (not yet whether they already did). */
export const rateable = (viewer: Viewer, p: LeadColumns) =>
  p.status === 'completed' && (viewer.homeCommunityId === p.communityId || viewer.actor.reportedIn.has(p.communityId)) && !leadSide(viewer, p);

/** The lead columns a claim writes, and the name the timeline shows for it. */
export interface Lead {
  leadKind: ProjectLeadKind;
  leadUnitId: number | null;
  leadTeamId: number | null;
  byName: string;
}

const leadInvalid = () => new AppError(403, 'PROJECT_LEAD_INVALID');

/** The lead a claim makes, as asked; 403 PROJECT_LEAD_INVALID when the viewer may not claim so. */
export function leadFor(viewer: Viewer, p: Pick<LeadColumns, 'communityId' | 'communityPath'>, body: ClaimProjectBody): Lead {
  switch (body.as) {
    case 'unit': {
      const id = parseId(body.unitId);
      const unit = viewer.pairedUnits.find((u) => u.id === id && u.communityId === p.communityId);
      if (!unit) throw leadInvalid();
      return { leadKind: 'unit', leadUnitId: unit.id, leadTeamId: null, byName: unit.name };
    }
    case 'team': {
      const id = parseId(body.teamId);
      const team = teamsLedIn(viewer, p.communityId).find((t) => t.id === id);
      if (!team) throw leadInvalid();
      return { leadKind: 'team', leadUnitId: null, leadTeamId: team.id, byName: team.name };
    }
    case 'self': {
      if (isRepOver(viewer, p.communityPath)) return { leadKind: 'party_rep', leadUnitId: null, leadTeamId: null, byName: viewer.actor.name };
      if (viewer.actor.reportedIn.has(p.communityId)) return { leadKind: 'member', leadUnitId: null, leadTeamId: null, byName: viewer.actor.name };
      throw leadInvalid();
    }
  }
}

/** Projects led by the viewer, their units or their teams, as one condition on `projects`. */
export function ledBy(viewer: Viewer): SQL {
  const any: SQL[] = [sql`projects.lead_user_id = ${viewer.actor.userId}`];
  if (viewer.adminUnitIds.length > 0) any.push(sql`projects.lead_unit_id = any(${arrayLiteral(viewer.adminUnitIds)}::bigint[])`);
  if (viewer.teamsLed.length > 0) any.push(sql`projects.lead_team_id = any(${arrayLiteral(viewer.teamsLed.map((t) => t.id))}::bigint[])`);
  return sql`(${sql.join(any, sql` or `)})`;
}

/** Open projects of the communities where the viewer has a claim option, as one condition on `projects`. */
export function claimableBy(viewer: Viewer): SQL {
  const ids = new Set<number>([...viewer.pairedUnits.map((u) => u.communityId), ...viewer.actor.reportedIn]);
  const any: SQL[] = [sql`projects.community_id = any(${arrayLiteral([...ids])}::bigint[])`];
  for (const path of repPaths(viewer.actor)) any.push(sql`projects.community_id in (select n.id from org_nodes n where n.path like ${`${path}%`})`);
  return sql`(projects.status = 'open' and (${sql.join(any, sql` or `)}))`;
}
