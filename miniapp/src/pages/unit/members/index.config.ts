export default definePageConfig({
  navigationBarTitleText: '报到情况',
  enablePullDownRefresh: true,
});
