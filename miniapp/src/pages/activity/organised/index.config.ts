export default definePageConfig({
  navigationBarTitleText: '组织活动',
  enablePullDownRefresh: true,
});
