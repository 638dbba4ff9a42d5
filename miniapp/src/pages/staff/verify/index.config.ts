export default definePageConfig({
  navigationBarTitleText: '核实服务',
  enablePullDownRefresh: true,
});
