import {
  type Agreement,
  type AgreementAction,
  agreementMachine,
  AGREEMENT_RESOURCE_LABELS,
  AGREEMENT_STATE_LABELS,
  chinaToday,
} from '@huijia/shared';
import { formatTerm } from '../../utils/time';

/** 2026年12月1日 至 2029年11月30日 */
export const termText = (a: Pick<Agreement, 'startsOn' | 'endsOn'>) => formatTerm(a.startsOn, a.endsOn);

/** 人员、技能 */
export const resourcesText = (a: Pick<Agreement, 'resources'>) => a.resources.map((r) => AGREEMENT_RESOURCE_LABELS[r]).join('、');

/**
 * The status as said on a card: the state's label, and for an active one outside its term whether
 * it has not begun yet or has run out (the clock ends it within minutes).
 */
export function statusText(a: Pick<Agreement, 'status' | 'inForce' | 'startsOn'>, today = chinaToday()): string {
  if (a.status !== 'active' || a.inForce) return AGREEMENT_STATE_LABELS[a.status];
  return a.startsOn > today ? '已生效 · 未到开始日期' : '已生效 · 已到期';
}

/** The buttons a viewer may press, the step aside before the step forward (拒绝 | 接受). */
const ORDER: readonly AgreementAction[] = ['decline', 'withdraw', 'end', 'accept'];

export const ACTION_LABELS: Record<AgreementAction, string> = {
  accept: '接受',
  decline: '拒绝',
  withdraw: '撤回',
  end: '终止',
};

/** What the viewer may do to it, by `viewerActors` and the machine; the clock (`system`) presses no button. */
export function agreementActionsFor(a: Pick<Agreement, 'viewerActors' | 'status'>): AgreementAction[] {
  const actors = a.viewerActors.filter((actor) => actor !== 'system');
  return agreementMachine.available(actors, a.status).sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y));
}
