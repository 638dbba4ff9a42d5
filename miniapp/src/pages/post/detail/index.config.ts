export default definePageConfig({
  navigationBarTitleText: '岗位详情',
  // 转发 from the ··· menu (the card: useShareAppMessage in index.tsx).
  enableShareAppMessage: true,
});
