export default definePageConfig({
  navigationBarTitleText: '民情详情',
  enablePullDownRefresh: true,
});
