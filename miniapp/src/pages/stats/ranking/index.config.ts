export default definePageConfig({
  navigationBarTitleText: '通报排名',
});
