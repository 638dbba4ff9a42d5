export default definePageConfig({
  // Not 登录: the h5 navigation bar shows the title, and the page's buttons must be the only
  // things named 登录 and 注册.
  navigationBarTitleText: '回家',
});
