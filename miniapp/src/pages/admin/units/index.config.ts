export default definePageConfig({
  navigationBarTitleText: '单位管理',
  enablePullDownRefresh: true,
});
