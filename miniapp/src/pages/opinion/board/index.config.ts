export default definePageConfig({
  navigationBarTitleText: '社区民情',
  enablePullDownRefresh: true,
});
