export default definePageConfig({
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  // 转发 from the ··· menu (the card: useShareAppMessage in index.tsx).
  enableShareAppMessage: true,
});
