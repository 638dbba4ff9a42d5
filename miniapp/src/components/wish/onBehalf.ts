import type { Wish, WishAction } from '@huijia/shared';
import type { Question } from '../../hooks/useAction';

/**
 * 代办: whether this viewer answers for a resident without a smartphone, whose wish staff posted
 * (`onBehalfOf`). The server gives such staff the `resident` actor (shared `answersForResident`),
 * so the resident's buttons show; they are labelled as done for the resident, by phone.
 */
export function answersByPhone(wish: Pick<Wish, 'onBehalfOf' | 'viewerActors'>): boolean {
  return wish.onBehalfOf === true && wish.viewerActors.includes('resident');
}

/** The resident's actions as staff take them for the resident. */
export const ON_BEHALF_LABELS: Partial<Record<WishAction, string>> = {
  confirm: '代居民确认',
  withdraw: '代居民撤回',
};

/** Asked before staff withdraw a 代办 wish: the resident's wish, so the resident's word first. */
export const ON_BEHALF_WITHDRAW: Question = {
  title: '代居民撤回',
  content: '请先电话与居民确认。撤回后心愿不再公开，也不能恢复。确定撤回吗？',
  confirmText: '撤回',
};
