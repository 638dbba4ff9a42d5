import type { NotificationDraft } from '../notifications/notify';

/** What an agreement's steps tell people, in one wording. */
export type AgreementMessage = Required<Pick<NotificationDraft, 'kind' | 'title' | 'body'>>;

export const agreementMessages = {
  /** To the unit's admins. */
  proposed: (communityName: string, unitName: string): AgreementMessage => ({
    kind: 'agreement.proposed',
    title: '有新的共建协议待确认',
    body: `${communityName}向${unitName}提出共建协议，请确认`,
  }),
  /** To the community's staff. */
  accepted: (unitName: string): AgreementMessage => ({ kind: 'agreement.accepted', title: '共建协议已生效', body: `${unitName}已接受共建协议` }),
  declined: (unitName: string, reason: string): AgreementMessage => ({
    kind: 'agreement.declined',
    title: '共建协议被拒绝',
    body: `${unitName}拒绝了共建协议：${reason}`,
  }),
  /** To the unit's admins. */
  withdrawn: (communityName: string): AgreementMessage => ({ kind: 'agreement.withdrawn', title: '共建协议已撤回', body: `${communityName}撤回了共建协议` }),
  /** To the other side (early), or both (its term over). */
  ended: (unitName: string, communityName: string, reason: string | null): AgreementMessage => ({
    kind: 'agreement.ended',
    title: '共建协议已终止',
    body: reason === null ? `${unitName}与${communityName}的共建协议已到期` : `${unitName}与${communityName}的共建协议已提前终止：${reason}`,
  }),
};
