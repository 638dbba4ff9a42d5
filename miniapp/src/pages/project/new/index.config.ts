export default definePageConfig({
  navigationBarTitleText: '发布项目',
});
