export default definePageConfig({
  navigationBarTitleText: '回家',
});
