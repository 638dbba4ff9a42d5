export default definePageConfig({
  navigationBarTitleText: '社区示岗',
  enablePullDownRefresh: true,
});
