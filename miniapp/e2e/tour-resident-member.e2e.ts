import { openEntry, shown } from './support/app';
import { phonePage } from './support/browser';
import { appSuite } from './support/suite';
import {
  back,
  startTour,
  stop,
  tapTab,
  type Tour,
  visitEntry,
  visitHome,
  visitInbox,
  visitMe,
  watchErrors,
} from './support/tour';

const suite = appSuite();

describe('every page of a resident and of a member, at 375 × 812', () => {
  it('the sign-in page', async () => {
    const page = await phonePage(suite.browser);
    const tour: Tour = { page, role: 'guest', tabs: [], errors: watchErrors(page) };
    await page.goto(`${suite.server.url}/`);
    await stop(tour, { name: 'login', title: '回家', ready: page.getByPlaceholder('请输入手机号') });
  });

  it('a resident: 首页, 心愿 and 我的, and every page they open', async () => {
    // 王秀兰 of 龙津社区 posted wishes in every state.
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'resident',
      phone: '13900000201',
      name: '王秀兰',
      tabs: ['首页', '心愿', '我的'],
    });
    const { page } = tour;
    await visitHome(tour);
    await visitEntry(tour, '发布微心愿', {
      name: 'wish-new',
      title: '发布微心愿',
      ready: shown(page, '.wish-new__community', '龙津社区'),
    });
    await visitInbox(tour);

    await tapTab(tour, '心愿');
    const wishes = (name: string) =>
      stop(tour, { name, title: '我的心愿', ready: shown(page, '.wish-card', '辅导孙子数学作业'), tab: '心愿' });
    await wishes('wishes');
    await shown(page, '.wish-card__title', '周末陪老人聊聊天').click();
    await stop(tour, { name: 'wish-detail', title: '心愿详情', ready: shown(page, '.card__title', '居民评价') });
    // Back to a tab opened from the bar: it shows again, with the role's bar.
    await back(tour);
    await wishes('wishes-back');

    await visitMe(tour, { member: false });
  });

  it('a member: 首页, 岗位, 心愿 and 我的, and every page they open', async () => {
    // 李志远 reported to 龙津社区, holds 楼道文明监督岗, has verified records and a claimed wish.
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'member',
      phone: '13900000101',
      name: '李志远',
      tabs: ['首页', '岗位', '心愿', '我的'],
    });
    const { page } = tour;
    await visitHome(tour);
    await visitEntry(tour, '社区报到', {
      name: 'report',
      title: '社区报到',
      ready: shown(page, '.report-status .rp-badge', '已报到'),
    });
    await visitEntry(tour, '记录服务', {
      name: 'records',
      title: '我的服务记录',
      ready: shown(page, '.svc-record', '巡查消防通道'),
    });
    await visitEntry(tour, '结对帮扶', {
      name: 'pairing',
      title: '结对帮扶',
      ready: shown(page, '.card__title', '龙津社区困难群众'),
    });
    await openEntry(page, '我的积分');
    await stop(tour, { name: 'points', title: '我的积分', ready: shown(page, '.svc-line', '服务 2 小时') });
    await page.getByRole('button', { name: '服务排行' }).click();
    await stop(tour, { name: 'points-ranking', title: '我的积分', ready: shown(page, '.svc-line--me') });
    await back(tour);
    await visitInbox(tour);

    await tapTab(tour, '岗位');
    const posts = (name: string) =>
      stop(tour, { name, title: '服务岗位', ready: shown(page, '.svc-post', '社情民意收集员'), tab: '岗位' });
    await posts('posts');
    await shown(page, '.svc-post', '楼道文明监督岗').locator('.wish-card__summary').click();
    await stop(tour, { name: 'post-detail', title: '岗位详情', ready: shown(page, '.card__title', '我的认岗') });
    // 记录服务 from the post: the form comes with the post chosen.
    await shown(page, '.card', '我的认岗').getByRole('button', { name: '记录服务' }).click();
    await stop(tour, {
      name: 'record-new',
      title: '记录服务',
      ready: page.getByRole('button', { name: /服务来源：服务岗位 · 楼道文明监督岗/ }),
    });
    await back(tour);
    await back(tour);
    await posts('posts-back');
    await shown(page, '.svc-tab', '我的岗位').click();
    await stop(tour, { name: 'posts-mine', title: '服务岗位', ready: shown(page, '.svc-post', '楼道文明监督岗'), tab: '岗位' });

    await tapTab(tour, '心愿');
    const hall = (name: string) =>
      stop(tour, { name, title: '心愿大厅', ready: shown(page, '.wish-card', '陪同去医院复查'), tab: '心愿' });
    await hall('wish-hall');
    await shown(page, '.wish-hall__mine').click();
    await stop(tour, { name: 'claims', title: '我的认领', ready: shown(page, '.wish-card', '辅导孙子数学作业') });
    await shown(page, '.wish-card__title', '辅导孙子数学作业').click();
    // The claimant sees the resident's contact details.
    await stop(tour, { name: 'wish-detail', title: '心愿详情', ready: shown(page, '.card__title', '联系方式') });
    await back(tour);
    await back(tour);
    await hall('wish-hall-back');

    await visitMe(tour, { member: true });
    // The unit is said once, as 所在单位, not again beside the member role.
    expect(await shown(page, '.me-row__value', '龙岩市第一医院').count()).toBe(1);
  });
});
