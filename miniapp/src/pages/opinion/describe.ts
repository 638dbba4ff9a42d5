import {
  nextLevel,
  type Opinion,
  OPINION_ACTION_LABELS,
  OPINION_LEVEL_HOLDER_LABELS,
  OPINION_LEVEL_LABELS,
  OPINION_LEVELS,
  type OpinionAction,
  type OpinionLevel,
  opinionMachine,
} from '@huijia/shared';

/** 商议 · 社区党委: a level and who deliberates there. */
export const levelText = (level: OpinionLevel) => `${OPINION_LEVEL_LABELS[level]} · ${OPINION_LEVEL_HOLDER_LABELS[level]}`;

/** 龙津社区 · 阳光花园: where the problem is. */
export const placeText = (opinion: Pick<Opinion, 'communityName' | 'placeName'>) =>
  [opinion.communityName, opinion.placeName].filter(Boolean).join(' · ');

const STATUS_PHRASES: Record<Opinion['status'], string> = { open: '办理中', resolved: '已办结', closed: '已关闭' };

/**
 * The way it came, short, for a list: 提议 › 建议 › 商议, then where it stands (社区党委办理中,
 * 街道党工委已办结).
 */
export function pathSummary(opinion: Pick<Opinion, 'levelReached' | 'level' | 'status'>): string {
  const reached = OPINION_LEVELS.slice(0, OPINION_LEVELS.indexOf(opinion.levelReached) + 1);
  const path = ['提议', ...reached.map((level) => OPINION_LEVEL_LABELS[level])].join(' › ');
  return `${path} · ${OPINION_LEVEL_HOLDER_LABELS[opinion.level]}${STATUS_PHRASES[opinion.status]}`;
}

export type ActionsInput = Pick<Opinion, 'viewerActors' | 'status' | 'level' | 'seconded' | 'satisfaction'>;

/**
 * The actions to offer: exactly what the opinion machine allows this viewer in this state, less
 * what the machine cannot know: no 上报 above the party representative (`nextLevel`), one 附议 per
 * person and one rating per resolution.
 */
export function opinionActionsFor(opinion: ActionsInput): OpinionAction[] {
  return opinionMachine.available(opinion.viewerActors, opinion.status).filter((action) => {
    if (action === 'escalate') return nextLevel(opinion.level) !== null;
    if (action === 'second') return !opinion.seconded;
    if (action === 'rate') return opinion.satisfaction === null;
    return true;
  });
}

/** What an action's button says: 上报 names who it goes to (上报社区党委). */
export function actionLabel(action: OpinionAction, level: OpinionLevel): string {
  const next = action === 'escalate' ? nextLevel(level) : null;
  return next ? `上报${OPINION_LEVEL_HOLDER_LABELS[next]}` : OPINION_ACTION_LABELS[action];
}
