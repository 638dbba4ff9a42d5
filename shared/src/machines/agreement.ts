import { z } from 'zod';
import { defineMachine } from './machine';

/**
 * 共建协议 (domain.md, "Partnership and projects"): community staff propose one to a unit, the
 * unit's admin accepts or declines it; an accepted agreement is in force from its start to its
 * end, or until either side ends it early with a reason. A unit and a community are paired (结对,
 * the reporting rule's paired community) exactly while an agreement between them is in force.
 */
export const AGREEMENT_STATES = ['proposed', 'active', 'declined', 'withdrawn', 'ended'] as const;
export const agreementStateSchema = z.enum(AGREEMENT_STATES);
export type AgreementState = z.infer<typeof agreementStateSchema>;

export const AGREEMENT_STATE_LABELS: Record<AgreementState, string> = {
  proposed: '待单位确认',
  active: '已生效',
  declined: '单位已拒绝',
  withdrawn: '社区已撤回',
  ended: '已终止',
};

/** What the unit brings. */
export const AGREEMENT_RESOURCES = ['people', 'skills', 'goods', 'funds', 'space'] as const;
export const agreementResourceSchema = z.enum(AGREEMENT_RESOURCES);
export type AgreementResource = z.infer<typeof agreementResourceSchema>;

export const AGREEMENT_RESOURCE_LABELS: Record<AgreementResource, string> = {
  people: '人员',
  skills: '技能',
  goods: '物资',
  funds: '资金',
  space: '场地',
};

/** Who acts on an agreement: the community's staff, the unit's admins, the clock (its term ends). */
export const AGREEMENT_ACTORS = ['community', 'unit', 'system'] as const;
export type AgreementActor = (typeof AGREEMENT_ACTORS)[number];

export const agreementMachine = defineMachine(AGREEMENT_STATES, AGREEMENT_ACTORS, {
  accept: { from: ['proposed'], to: 'active', actors: ['unit'] },
  decline: { from: ['proposed'], to: 'declined', actors: ['unit'] },
  withdraw: { from: ['proposed'], to: 'withdrawn', actors: ['community'] },
  // Early, with a reason, by either side; at the end of its term, by the clock.
  end: { from: ['active'], to: 'ended', actors: ['community', 'unit', 'system'] },
});
export type AgreementAction = keyof typeof agreementMachine.transitions;

/** An agreement's term: at most this many years. */
export const AGREEMENT_MAX_YEARS = 5;

/** Whether an active agreement is in force on `day` (`YYYY-MM-DD`, China's date): its term holds it. */
export const inForce = (a: { status: AgreementState; startsOn: string; endsOn: string }, day: string) =>
  a.status === 'active' && a.startsOn <= day && day <= a.endsOn;
