import { z } from 'zod';
import type { Action } from '../domain/permissions';
import { defineMachine } from './machine';

/**
 * 民情 and 四议一呼 (domain.md, "Opinions"). A resident's or member's problem is raised (提议) and
 * rises only as far as it must: 建议 at the grid branch, 商议 at the community, 审议 at the
 * street, 呼吁 by a party representative. At each level its holder resolves it, escalates it to
 * the next level, or closes it. The reporter rates a resolution; 不满意 reopens it once at the
 * level that resolved it.
 */
export const OPINION_LEVELS = ['branch', 'community', 'street', 'representative'] as const;
export const opinionLevelSchema = z.enum(OPINION_LEVELS);
export type OpinionLevel = z.infer<typeof opinionLevelSchema>;

export const OPINION_LEVEL_LABELS: Record<OpinionLevel, string> = {
  branch: '建议',
  community: '商议',
  street: '审议',
  representative: '呼吁',
};

/** Who deliberates at each level, in words for people. */
export const OPINION_LEVEL_HOLDER_LABELS: Record<OpinionLevel, string> = {
  branch: '网格党支部',
  community: '社区党委',
  street: '街道党工委',
  representative: '党代表',
};

/** The level an escalation goes to; null above the party representative. */
export function nextLevel(level: OpinionLevel): OpinionLevel | null {
  return OPINION_LEVELS[OPINION_LEVELS.indexOf(level) + 1] ?? null;
}

/** Whether `level` is at or below `reached`: the holders of every level an opinion has passed
 *  through see its reporter's contact. */
export function levelWithin(level: OpinionLevel, reached: OpinionLevel): boolean {
  return OPINION_LEVELS.indexOf(level) <= OPINION_LEVELS.indexOf(reached);
}

/**
 * Who holds each level, as the guard's action for the opinion's community: community staff at
 * 建议 and 商议, the street's admins at 审议, a party representative granted on the community's
 * street or district at 呼吁. At 建议 the leader of one of the community's grid branches holds it
 * too (by the group, not a grant: the server adds the `holder` actor for them).
 */
export const OPINION_LEVEL_HOLDERS: Record<OpinionLevel, Action> = {
  branch: 'opinion.branch',
  community: 'opinion.community',
  street: 'opinion.street',
  representative: 'opinion.representative',
};

/** Days a level has for its first answer, unless its district sets others. */
export const DEFAULT_OPINION_DEADLINE_DAYS: Record<OpinionLevel, number> = {
  branch: 3,
  community: 7,
  street: 15,
  representative: 30,
};

export const OPINION_STATES = ['open', 'resolved', 'closed'] as const;
export const opinionStateSchema = z.enum(OPINION_STATES);
export type OpinionState = z.infer<typeof opinionStateSchema>;

export const OPINION_STATE_LABELS: Record<OpinionState, string> = {
  open: '办理中',
  resolved: '已办结',
  closed: '已关闭',
};

/**
 * Who acts on an opinion, relative to it: the person who raised it (for a collected one, the
 * worker who logged it), a holder of its current level, a resident of its community (附议).
 */
export const OPINION_ACTORS = ['reporter', 'holder', 'neighbour'] as const;
export type OpinionActor = (typeof OPINION_ACTORS)[number];

export const opinionMachine = defineMachine(OPINION_STATES, OPINION_ACTORS, {
  resolve: { from: ['open'], to: 'resolved', actors: ['holder'] },
  // Stays open, one level up: refused at the top level (`nextLevel`).
  escalate: { from: ['open'], to: 'open', actors: ['holder'] },
  close: { from: ['open'], to: 'closed', actors: ['holder'] },
  // Once; 不满意 leads back to open instead (`rateOutcome`), once.
  rate: { from: ['resolved'], to: 'resolved', actors: ['reporter'] },
  // 附议: once per person, never one's own.
  second: { from: ['open'], to: 'open', actors: ['neighbour'] },
});
export type OpinionAction = keyof typeof opinionMachine.transitions;

export const OPINION_ACTION_LABELS: Record<OpinionAction, string> = {
  resolve: '办结',
  escalate: '上报',
  close: '关闭',
  rate: '评价',
  second: '附议',
};

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const satisfactionSchema = z.enum(SATISFACTIONS);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** Where a rating leads: 不满意 reopens a resolution once, at the level that resolved it. */
export function rateOutcome(satisfaction: Satisfaction, reopenedBefore: boolean): OpinionState {
  return satisfaction === 'unsatisfied' && !reopenedBefore ? 'open' : 'resolved';
}

/** Satisfaction rate (满意率) counts 满意 and 基本满意 over the rated; unrated never counts. */
export const countsAsSatisfied = (s: Satisfaction) => s !== 'unsatisfied';

/** The steps of an opinion's path (its history). */
export const OPINION_STEP_ACTIONS = ['raise', 'resolve', 'escalate', 'close', 'rate', 'reopen'] as const;
export const opinionStepActionSchema = z.enum(OPINION_STEP_ACTIONS);
export type OpinionStepAction = z.infer<typeof opinionStepActionSchema>;

export const OPINION_STEP_LABELS: Record<OpinionStepAction, string> = {
  raise: '提议',
  resolve: '办结',
  escalate: '上报',
  close: '关闭',
  rate: '评价',
  reopen: '不满意，重新办理',
};

/** The role a step was taken in (`opinion_steps.actor_role`): a role id, or `grid_leader` for the
 *  leader of a grid branch holding 建议. Everyone sees the role; workers' names only staff. */
export const OPINION_ACTOR_ROLE_LABELS: Record<string, string> = {
  resident: '居民',
  member: '在职党员',
  community_staff: '社区工作人员',
  grid_leader: '网格党支部',
  street_admin: '街道党工委',
  party_rep: '党代表',
};

export const opinionActorRoleLabel = (role: string): string => OPINION_ACTOR_ROLE_LABELS[role] ?? role;
