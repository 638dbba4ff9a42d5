export default definePageConfig({
  navigationBarTitleText: '共建协议',
  enablePullDownRefresh: true,
});
