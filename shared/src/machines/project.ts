import { z } from 'zod';
import type { Role } from '../domain/roles';
import { defineMachine } from './machine';

/**
 * 项目认领 (domain.md, "Partnership and projects"; seed 001): a community packages its work as
 * projects; one lead claims each — a paired unit through its admin, a volunteer team through its
 * leader, a party representative, or a reported member — carries it out with progress updates,
 * reports it done, and the community's staff accept it (completed) or send it back with a reason.
 * A lead may hand it back before completion; staff may withdraw a project nobody has claimed.
 */
export const PROJECT_CATEGORIES = ['party_building', 'livelihood', 'public_good', 'volunteering'] as const;
export const projectCategorySchema = z.enum(PROJECT_CATEGORIES);
export type ProjectCategory = z.infer<typeof projectCategorySchema>;

export const PROJECT_CATEGORY_LABELS: Record<ProjectCategory, string> = {
  party_building: '党建创新',
  livelihood: '民生服务',
  public_good: '公益',
  volunteering: '志愿服务',
};

export const PROJECT_STATES = ['open', 'claimed', 'reported', 'completed', 'withdrawn'] as const;
export const projectStateSchema = z.enum(PROJECT_STATES);
export type ProjectState = z.infer<typeof projectStateSchema>;

export const PROJECT_STATE_LABELS: Record<ProjectState, string> = {
  open: '待认领',
  claimed: '实施中',
  reported: '待验收',
  completed: '已完成',
  withdrawn: '已撤回',
};

/** Who leads a claimed project. */
export const PROJECT_LEAD_KINDS = ['unit', 'team', 'party_rep', 'member'] as const;
export const projectLeadKindSchema = z.enum(PROJECT_LEAD_KINDS);
export type ProjectLeadKind = z.infer<typeof projectLeadKindSchema>;

export const PROJECT_LEAD_KIND_LABELS: Record<ProjectLeadKind, string> = {
  unit: '共建单位',
  team: '志愿服务队',
  party_rep: '党代表',
  member: '报到党员',
};

/**
 * The roles that may claim a project somewhere, each in its capacity: a unit's admin for the unit,
 * a member for themselves or for the team they lead, a party representative. Whether they may claim
 * a given project depends on where (pairing, report, the area represented), which the server decides.
 */
export const PROJECT_CLAIMING_ROLES: readonly Role[] = ['unit_admin', 'member', 'party_rep'];

export const mayClaimProjects = (roles: readonly { role: Role }[]) => roles.some((grant) => PROJECT_CLAIMING_ROLES.includes(grant.role));

/**
 * Who acts on a project: the community's staff; whoever may claim it (in at least one capacity:
 * `claimOptions` of the answer says which); its lead (the claiming unit's admins, the team's
 * leader, the person who claimed it for themselves).
 */
export const PROJECT_ACTORS = ['community', 'eligible', 'lead'] as const;
export type ProjectActor = (typeof PROJECT_ACTORS)[number];

export const projectMachine = defineMachine(PROJECT_STATES, PROJECT_ACTORS, {
  claim: { from: ['open'], to: 'claimed', actors: ['eligible'] },
  /** The lead reports it done (`/complete`). */
  complete: { from: ['claimed'], to: 'reported', actors: ['lead'] },
  accept: { from: ['reported'], to: 'completed', actors: ['community'] },
  /** Staff send a reported project back to its lead, with a reason. */
  send_back: { from: ['reported'], to: 'claimed', actors: ['community'] },
  /** The lead gives it up before completion; it is open to claim again. */
  hand_back: { from: ['claimed', 'reported'], to: 'open', actors: ['lead'] },
  withdraw: { from: ['open'], to: 'withdrawn', actors: ['community'] },
});
export type ProjectAction = keyof typeof projectMachine.transitions;

/** The lead posts progress while it is being carried out (and while it waits for acceptance). */
export const PROJECT_UPDATABLE_STATES: readonly ProjectState[] = ['claimed', 'reported'];

/** Past its due date and not completed (nor withdrawn): 超期. `today` is China's date, `YYYY-MM-DD`. */
export const projectOverdue = (p: { status: ProjectState; dueOn: string }, today: string) =>
  (p.status === 'open' || p.status === 'claimed' || p.status === 'reported') && p.dueOn < today;

/** What happened on a project, in order: its timeline, which residents read too. */
export const PROJECT_EVENT_KINDS = ['published', 'claimed', 'progress', 'completed_reported', 'sent_back', 'handed_back', 'accepted', 'withdrawn'] as const;
export const projectEventKindSchema = z.enum(PROJECT_EVENT_KINDS);
export type ProjectEventKind = z.infer<typeof projectEventKindSchema>;

export const PROJECT_EVENT_LABELS: Record<ProjectEventKind, string> = {
  published: '发布项目',
  claimed: '认领项目',
  progress: '进展',
  completed_reported: '报告完成',
  sent_back: '退回整改',
  handed_back: '放弃认领',
  accepted: '验收通过',
  withdrawn: '撤回项目',
};
