export default definePageConfig({
  navigationBarTitleText: '心愿大厅',
  enablePullDownRefresh: true,
});
