export default definePageConfig({
  navigationBarTitleText: '民情办理期限',
});
