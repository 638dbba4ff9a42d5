export default definePageConfig({
  navigationBarTitleText: '报到名单',
  enablePullDownRefresh: true,
});
