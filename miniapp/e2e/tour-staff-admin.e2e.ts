import { openEntry } from './support/app';
import { appSuite } from './support/suite';
import { shown } from './support/app';
import { back, startTour, stop, tapTab, type Tour, visitEntry, visitHome, visitInbox, visitMe } from './support/tour';

const suite = appSuite();

const STAFF_TABS = ['工作台', '审核', '统计', '我的'];
const ADMIN_TABS = ['工作台', '统计', '我的'];

/** 统计 on `place`, once its figures and charts are drawn (the charting code comes after them). */
async function figures(tour: Tour, name: string, place: string, tab?: string): Promise<void> {
  const { page } = tour;
  await shown(page, '.stats-hero__name', new RegExp(`^${place}$`)).waitFor({ timeout: 20_000 });
  await shown(page, '.stats-tile', '报到率').waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.chart')).every(
        (chart) => chart.offsetParent === null || chart.querySelector('svg'),
      ),
    undefined,
    { timeout: 20_000 },
  );
  await stop(tour, { name, title: '统计', ready: shown(page, '.card__title', '总体情况'), tab });
}

describe('every page of community staff and of the admins, at 375 × 812', () => {
  it('community staff: 工作台, 审核, 统计 and 我的, and every page they open', async () => {
    // 张丽华 of 龙津社区: a wish to review, a disputed one, a record to verify, posts, households, a grid.
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'staff',
      phone: '13900000011',
      name: '张丽华',
      tabs: STAFF_TABS,
    });
    const { page } = tour;
    await visitHome(tour);
    // What waits for review is counted on the desk's entry and on the 审核 tab alike.
    const waiting = shown(page, '.feature', '审核心愿').locator('.feature__go', { hasText: '个待审核' });
    const count = /^(\d+) 个待审核/.exec(await waiting.innerText())?.[1];
    expect(count).toBeDefined();
    await shown(page, '.tabbar__badge', new RegExp(`^${count}$`)).waitFor();

    await openEntry(page, '心愿异议');
    await stop(tour, { name: 'disputes', title: '心愿异议', ready: shown(page, '.wish-card', '修理漏水的水龙头') });
    await shown(page, '.wish-card__title', '修理漏水的水龙头').click();
    await stop(tour, { name: 'wish-detail-disputed', title: '心愿详情', ready: shown(page, '.card__title', '居民评价') });
    await back(tour);
    await back(tour);
    await shown(page, '.home-greeting').waitFor();

    await openEntry(page, '确认报到');
    await stop(tour, { name: 'reports', title: '报到名单', ready: shown(page, '.card__title', '龙津社区 · 确认报到') });
    await page.getByRole('tab', { name: '已报到' }).click();
    await stop(tour, { name: 'reports-confirmed', title: '报到名单', ready: shown(page, '.staff-report', '李志远') });
    await back(tour);
    await shown(page, '.home-greeting').waitFor();

    await visitEntry(tour, '核实服务', { name: 'verify', title: '核实服务', ready: shown(page, '.svc-record', '赵雪梅') });
    await visitEntry(tour, '岗位管理', { name: 'posts', title: '岗位管理', ready: shown(page, '.svc-post', '楼道文明监督岗') });
    await visitEntry(tour, '困难群众', { name: 'households', title: '困难群众', ready: shown(page, '.svc-holder', '张德福') });
    await visitEntry(tour, '网格管理', { name: 'grid', title: '网格管理', ready: shown(page, '.grid-group', '阳光花园网格党支部') });
    await visitInbox(tour);

    await tapTab(tour, '审核');
    const review = (name: string) =>
      stop(tour, { name, title: '审核心愿', ready: shown(page, '.wish-card', '帮忙更换厨房灯泡'), tab: '审核' });
    await review('review');
    await shown(page, '.wish-card__title', '帮忙更换厨房灯泡').click();
    await stop(tour, { name: 'wish-detail-review', title: '心愿详情', ready: shown(page, '.card__title', '联系方式') });
    await back(tour);
    await review('review-back');

    await tapTab(tour, '统计');
    await figures(tour, 'stats', '龙津社区', '统计');
    await visitMe(tour, { member: false, staff: true });
  });

  it('community staff confirm a report (确认报到), opened from the pending list', async () => {
    // 吴振华 of 溪南社区: 许丽娟's report waits, its 报到证 issued (龙津社区 has none waiting).
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'staff',
      phone: '13900000014',
      name: '吴振华',
      tabs: STAFF_TABS,
    });
    const { page } = tour;
    await openEntry(page, '确认报到');
    const pending = shown(page, '.staff-report', '许丽娟');
    await stop(tour, { name: 'reports-pending', title: '报到名单', ready: pending });
    await pending.getByRole('button', { name: '去确认' }).click();
    await stop(tour, { name: 'confirm', title: '确认报到', ready: shown(page, '.card__title', '核对报到证') });
  });

  it('a unit admin: 工作台, 统计 and 我的, the roster and the members', async () => {
    // 郑明辉 of 龙岩市第一医院, whose five members have reported.
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'unit',
      phone: '13900000021',
      name: '郑明辉',
      tabs: ADMIN_TABS,
    });
    const { page } = tour;
    await visitHome(tour);
    await visitEntry(tour, '党员名册', { name: 'roster', title: '党员名册', ready: shown(page, '.card__title', '导入党员名册') });
    await visitEntry(tour, '报到情况', { name: 'members', title: '报到情况', ready: shown(page, '.member-row', '李志远') });
    await visitInbox(tour);
    await tapTab(tour, '统计');
    await figures(tour, 'stats', '龙岩市第一医院', '统计');
    await visitMe(tour, { member: false, staff: true });
  });

  it('a street admin: the figures of the street and of a community under it, and back', async () => {
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'street',
      phone: '13900000002',
      name: '林秀英',
      tabs: ADMIN_TABS,
    });
    const { page } = tour;
    await visitHome(tour);
    await visitInbox(tour);
    await tapTab(tour, '统计');
    await figures(tour, 'stats', '东城街道', '统计');
    await page.getByRole('button', { name: '查看龙津社区的统计' }).click();
    await figures(tour, 'stats-community', '龙津社区');
    await back(tour);
    await figures(tour, 'stats-back', '东城街道', '统计');
    await visitMe(tour, { member: false, staff: true });
  });

  it('a district admin: the figures of the district, down to a street and a community, and back', async () => {
    const tour = await startTour(suite.browser, suite.server.url, {
      role: 'district',
      phone: '13900000001',
      name: '陈建国',
      tabs: ADMIN_TABS,
    });
    const { page } = tour;
    await visitHome(tour);
    await visitInbox(tour);
    await tapTab(tour, '统计');
    await figures(tour, 'stats', '新罗区', '统计');
    await page.getByRole('button', { name: '查看东城街道的统计' }).click();
    await figures(tour, 'stats-street', '东城街道');
    await page.getByRole('button', { name: '查看龙津社区的统计' }).click();
    await figures(tour, 'stats-community', '龙津社区');
    await back(tour);
    await back(tour);
    await figures(tour, 'stats-back', '新罗区', '统计');
    await visitMe(tour, { member: false, staff: true });
  });
});
