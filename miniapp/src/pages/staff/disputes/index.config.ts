export default definePageConfig({
  navigationBarTitleText: '心愿异议',
  enablePullDownRefresh: true,
});
