import type { ActivityOrganiser, Me } from '@huijia/shared';
import { reportedCommunity, type Scope, scopesOf } from '../../../hooks/useScope';

/** One way the user may organise: as whom, and in which community (a unit picks among its pairings). */
export interface OrganiserChoice {
  key: string;
  label: string;
  organiser: ActivityOrganiser;
  /** Null for a unit: its paired communities are read when it is chosen. */
  community: Scope | null;
}

/**
 * The ways the user may organise, by `GET /api/me`: as staff of each community they work for, as
 * the leader of their volunteer team, as the admin of each unit they run. `me.grid` names the
 * member's team but not whether they lead it: every member of a team is offered it, in the
 * community they reported to, and the server refuses one who does not lead it
 * (ACTIVITY_ORGANISER_INVALID).
 */
export function organiserChoices(me: Me): OrganiserChoice[] {
  const staff = scopesOf(me, 'community_staff').map((community) => ({
    key: `community:${community.id}`,
    label: `${community.name}工作人员`,
    organiser: { kind: 'community' } as const,
    community,
  }));
  const team = me.grid?.team;
  const reported = reportedCommunity(me);
  const teams = team && reported
    ? [{ key: `team:${team.id}`, label: `志愿服务队「${team.name}」负责人`, organiser: { kind: 'team', teamId: team.id } as const, community: reported }]
    : [];
  const units = scopesOf(me, 'unit_admin').map((unit) => ({
    key: `unit:${unit.id}`,
    label: `${unit.name}（结对单位）`,
    organiser: { kind: 'unit', unitId: unit.id } as const,
    community: null,
  }));
  return [...staff, ...teams, ...units];
}
