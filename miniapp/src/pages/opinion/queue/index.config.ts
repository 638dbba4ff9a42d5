export default definePageConfig({
  navigationBarTitleText: '民情办理',
  enablePullDownRefresh: true,
});
