export default definePageConfig({
  navigationBarTitleText: '我的民情',
  enablePullDownRefresh: true,
});
