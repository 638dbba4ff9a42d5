import {
  AGREEMENT_RESOURCE_LABELS,
  type Project,
  type ProjectAction,
  type ProjectClaimOption,
  projectMachine,
  PROJECT_LEAD_KIND_LABELS,
  PROJECT_UPDATABLE_STATES,
} from '@huijia/shared';
import { formatDate } from '../../utils/time';

/** What the viewer may press under a project: the machine's steps, and the lead's 发布进展 and a resident's 评价. */
export type ProjectButton = ProjectAction | 'update' | 'rate';

/** The step back or aside before the step forward (退回整改 | 验收通过), as everywhere in the app. */
const ORDER: readonly ProjectButton[] = ['withdraw', 'hand_back', 'send_back', 'update', 'claim', 'complete', 'accept', 'rate'];

export const BUTTON_LABELS: Record<ProjectButton, string> = {
  claim: '认领',
  complete: '报告完成',
  accept: '验收通过',
  send_back: '退回整改',
  hand_back: '放弃认领',
  withdraw: '撤回项目',
  update: '发布进展',
  rate: '评价',
};

/** Steps aside (or back), in plain buttons; the rest are the page's red ones. */
export const SECONDARY: readonly ProjectButton[] = ['withdraw', 'hand_back', 'send_back', 'update'];

/**
 * The buttons this viewer sees, by `projectMachine.available(viewerActors, status)`; 认领 also
 * needs a capacity to claim in (`claimOptions`), 发布进展 is the lead's while it is carried out
 * (`PROJECT_UPDATABLE_STATES`), 评价 is `mayRate`.
 */
export function projectButtonsFor(p: Pick<Project, 'viewerActors' | 'status' | 'claimOptions' | 'mayRate'>): ProjectButton[] {
  const actions: ProjectButton[] = projectMachine
    .available(p.viewerActors, p.status)
    .filter((action) => action !== 'claim' || p.claimOptions.length > 0);
  if (p.viewerActors.includes('lead') && PROJECT_UPDATABLE_STATES.includes(p.status)) actions.push('update');
  if (p.mayRate) actions.push('rate');
  return actions.sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y));
}

/** 龙岩市第一医院（共建单位）, or 待认领 when nobody leads it. */
export function leadText(p: Pick<Project, 'lead'>): string {
  return p.lead ? `${p.lead.name}（${PROJECT_LEAD_KIND_LABELS[p.lead.kind]}）` : '待认领';
}

/** 2027年3月31日前 */
export const dueText = (p: Pick<Project, 'dueOn'>) => `${formatDate(p.dueOn)}前`;

/** 人员、技能 */
export const needsText = (p: Pick<Project, 'needs'>) => p.needs.map((n) => AGREEMENT_RESOURCE_LABELS[n]).join('、');

/** 认领为 龙岩市第一医院 */
export const claimOptionText = (option: ProjectClaimOption) => `认领为 ${option.label}`;

/** Whether the project is 超期: past its due date and not done. */
export const isLate = (p: Pick<Project, 'overdue' | 'status'>) => p.overdue && p.status !== 'completed' && p.status !== 'withdrawn';
