export default definePageConfig({
  navigationBarTitleText: '社区项目',
  enablePullDownRefresh: true,
});
