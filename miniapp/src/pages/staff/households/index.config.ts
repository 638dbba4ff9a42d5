export default definePageConfig({
  navigationBarTitleText: '困难群众',
  enablePullDownRefresh: true,
});
