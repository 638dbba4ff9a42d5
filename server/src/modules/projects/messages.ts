import type { NotificationDraft } from '../notifications/notify';

/** What a project's steps tell people, in one wording. */
export type ProjectMessage = Required<Pick<NotificationDraft, 'kind' | 'title' | 'body'>>;

export const projectMessages = {
  /** To the admins of the units paired with the community. */
  published: (communityName: string, title: string): ProjectMessage => ({
    kind: 'project.published',
    title: '社区发布了新项目',
    body: `${communityName}发布了项目「${title}」，欢迎认领`,
  }),
  /** To the community's staff. */
  claimed: (leadName: string, title: string): ProjectMessage => ({ kind: 'project.claimed', title: '项目已被认领', body: `${leadName}认领了项目「${title}」` }),
  reported: (leadName: string, title: string): ProjectMessage => ({
    kind: 'project.reported',
    title: '有项目待验收',
    body: `${leadName}报告项目「${title}」已完成，请验收`,
  }),
  handedBack: (leadName: string, title: string, reason: string): ProjectMessage => ({
    kind: 'project.handed_back',
    title: '项目已被放弃认领',
    body: `${leadName}放弃了项目「${title}」：${reason}`,
  }),
  /** To the lead: who claimed it, the unit's admins, the team's leader. */
  accepted: (title: string): ProjectMessage => ({ kind: 'project.accepted', title: '项目已通过验收', body: `项目「${title}」已通过社区验收` }),
  sentBack: (title: string, reason: string): ProjectMessage => ({ kind: 'project.sent_back', title: '项目被退回整改', body: `项目「${title}」被社区退回：${reason}` }),
};
