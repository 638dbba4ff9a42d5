export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    navigationBarTitleText: '回家',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'light',
  },
});
