import { OPINION_LEVEL_HOLDER_LABELS, OPINION_LEVEL_LABELS, type OpinionLevel } from '@huijia/shared';
import type { NotificationDraft } from '../notifications/notify';

/** What an opinion's steps tell people, in one wording. */
export type OpinionMessage = Required<Pick<NotificationDraft, 'kind' | 'title' | 'body'>>;

/** 网格党支部建议, 社区党委商议, …: who deliberates it at a level, and how. */
const at = (level: OpinionLevel) => `${OPINION_LEVEL_HOLDER_LABELS[level]}${OPINION_LEVEL_LABELS[level]}`;

export const opinionMessages = {
  /** To the holders of 建议. */
  raised: (title: string, communityName: string): OpinionMessage => ({
    kind: 'opinion.raised',
    title: '有新的民情待办理',
    body: `${communityName}居民反映「${title}」，请${at('branch')}`,
  }),
  /** To the next level's holders. */
  escalated: (title: string, level: OpinionLevel, reason: string): OpinionMessage => ({
    kind: 'opinion.escalated',
    title: '有民情上报待办理',
    body: `「${title}」已上报，请${at(level)}。上报原因：${reason}`,
  }),
  /** To the reporter, that it went up. */
  escalatedForReporter: (title: string, level: OpinionLevel): OpinionMessage => ({
    kind: 'opinion.escalated',
    title: '您反映的民情已上报',
    body: `「${title}」已上报，由${at(level)}`,
  }),
  resolved: (title: string, reply: string): OpinionMessage => ({ kind: 'opinion.resolved', title: '民情已办结，请评价', body: `「${title}」：${reply}` }),
  closed: (title: string, reason: string): OpinionMessage => ({ kind: 'opinion.closed', title: '民情已关闭', body: `「${title}」：${reason}` }),
  /** To the holders of the level that resolved it. */
  reopened: (title: string, level: OpinionLevel): OpinionMessage => ({
    kind: 'opinion.reopened',
    title: '民情评价不满意，请重新办理',
    body: `「${title}」的办理结果被评价为不满意，已退回${at(level)}`,
  }),
};
