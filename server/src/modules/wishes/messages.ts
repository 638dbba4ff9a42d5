/**
 * What a wish's steps tell people, in one wording: the wish service sends them, and the demo city
 * writes the ones its wishes would have sent by now.
 */
export interface WishMessage {
  kind: string;
  title: string;
  body: string;
}

export const wishMessages = {
  submitted: (title: string): WishMessage => ({ kind: 'wish.submitted', title: '有新的微心愿待审核', body: `「${title}」等待审核` }),
  resubmitted: (title: string): WishMessage => ({ kind: 'wish.submitted', title: '微心愿修改后重新提交', body: `「${title}」已按审核意见修改，等待审核` }),
  approved: (title: string): WishMessage => ({ kind: 'wish.approved', title: '心愿已发布', body: `您的心愿「${title}」已通过审核，等待党员认领` }),
  rejected: (title: string, reason: string): WishMessage => ({ kind: 'wish.rejected', title: '心愿未通过审核', body: `「${title}」：${reason}` }),
  claimed: (title: string, claimantName: string | null): WishMessage => ({
    kind: 'wish.claimed',
    title: '心愿已被认领',
    body: `党员${claimantName}认领了您的心愿「${title}」，将尽快与您联系`,
  }),
  released: (title: string): WishMessage => ({ kind: 'wish.released', title: '心愿重新等待认领', body: `「${title}」的认领人已放弃，心愿重新发布` }),
  /** To the resident, when the claim went back because the claimant's report here ended (离开名册, 转移报到…). */
  claimantGone: (title: string): WishMessage => ({ kind: 'wish.released', title: '心愿重新等待认领', body: `「${title}」的认领人已不在本社区服务，心愿重新发布` }),
  /** To the community's staff, for the same. */
  claimantGoneForStaff: (title: string, claimantName: string): WishMessage => ({
    kind: 'wish.released',
    title: '心愿认领已释放',
    body: `「${title}」的认领人${claimantName}已结束在本社区的报到，心愿已重新发布`,
  }),
  fulfilled: (title: string): WishMessage => ({ kind: 'wish.fulfilled', title: '心愿已完成，请确认', body: `「${title}」已完成，请确认并评价` }),
  disputed: (title: string, rating: number): WishMessage => ({ kind: 'wish.disputed', title: '心愿有异议', body: `「${title}」评价为 ${rating} 分，请社区处理` }),
  completed: (title: string, rating: number): WishMessage => ({ kind: 'wish.completed', title: '心愿已确认完成', body: `「${title}」已确认完成，评价 ${rating} 分` }),
  /** To the resident, when staff confirmed for them after 7 days. */
  confirmedForResident: (title: string): WishMessage => ({ kind: 'wish.completed', title: '社区已代为确认', body: `您的心愿「${title}」已完成 7 天未确认，社区已代为确认` }),
  resolved: (title: string, outcome: 'completed' | 'reopen'): WishMessage => ({
    kind: 'wish.resolved',
    title: '心愿异议已处理',
    body: outcome === 'completed' ? `「${title}」已认定完成` : `「${title}」已重新发布`,
  }),
};
