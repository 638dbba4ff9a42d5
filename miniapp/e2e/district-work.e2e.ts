import { readFileSync } from 'node:fs';
import { openEntry, shown } from './support/app';
import { screenshot } from './support/browser';
import { appSuite } from './support/suite';
import { startTour, stop, type Tour } from './support/tour';

const suite = appSuite();

const SLOW = { timeout: 20_000 };
/** The seed's commitment of every holder (seed/demo-activity.ts). */
const COMMITMENT = '我自愿认领此岗位，按时参加服务，接受社区和群众监督。';

/** Back to the home page of the tour's phone, as a fresh start. */
async function home(tour: Tour): Promise<void> {
  await tour.page.goto(`${suite.server.url}/`);
  await shown(tour.page, '.home-greeting').waitFor(SLOW);
}

describe('a community at work: 代办, its history, its settings, and the residents’ 示岗 board', () => {
  it('staff post a wish for a resident without a smartphone, approve it, and find both steps under their name', async () => {
    // 张丽华, community staff of 龙津社区.
    const tour = await startTour(suite.browser, suite.server.url, { role: 'staff', phone: '13900000011', name: '张丽华', tabs: [] });
    const { page } = tour;

    await openEntry(page, '代办心愿');
    await stop(tour, { name: 'proxy-wish', title: '代办心愿', ready: shown(page, '.proxy-wish__privacy-title', '隐私与代办说明') });
    await page.getByRole('textbox', { name: '居民姓名' }).fill('林大爷');
    await page.getByRole('textbox', { name: '居民电话' }).fill('13800001234');
    await page.getByRole('textbox', { name: '居民地址' }).fill('阳光花园 3 栋 201');
    await page.getByRole('textbox', { name: '心愿标题' }).fill('帮忙修门锁');
    await page.getByRole('textbox', { name: '具体描述' }).fill('家里门锁坏了，钥匙拧不动，老人进出不便。');
    await page.getByRole('radiogroup', { name: '心愿类别' }).getByRole('radio', { name: '维修' }).click();
    await screenshot(page, 'district-1-proxy-wish-form');
    await page.getByRole('button', { name: '提交代办心愿' }).click();

    // The wish's page: a 代办 wish waiting for review, its phone and address there for staff.
    await shown(page, '.wish-row__value', '林大爷（社区代办）').waitFor(SLOW);
    await shown(page, '.wish-detail__phone', '13800001234').waitFor();
    await page.getByRole('button', { name: '审核通过' }).click();
    await shown(page, '.wish-tag', '待认领').waitFor(SLOW);
    // 处理记录: both steps, newest first, by 张丽华.
    const history = shown(page, '.audit-history .audit-entry');
    await shown(page, '.audit-history .audit-entry', '审核通过').waitFor(SLOW);
    expect(await history.locator('.audit-entry__label').allInnerTexts()).toEqual(['审核通过', '提交心愿']);
    expect(await history.locator('.audit-entry__actor').allInnerTexts()).toEqual(['张丽华', '张丽华']);
    await stop(tour, { name: 'proxy-wish-detail', title: '心愿详情', ready: shown(page, '.card__title', '处理记录') });

    // 操作日志 of 龙津社区: the same two steps, each opening the wish; narrowed to 张丽华 by her name.
    await home(tour);
    await openEntry(page, '操作日志');
    await stop(tour, { name: 'audit', title: '操作日志', ready: shown(page, '.audit-entry', '提交心愿') });
    const trail = shown(page, '.audit-list .audit-entry');
    const submitted = trail.filter({ hasText: '提交心愿' }).first();
    const approved = trail.filter({ hasText: '审核通过' }).first();
    await expect(submitted.locator('.audit-entry__actor').innerText()).resolves.toBe('张丽华');
    await expect(approved.locator('.audit-entry__actor').innerText()).resolves.toBe('张丽华');
    await expect(approved.locator('.audit-entry__change').innerText()).resolves.toBe('待审核 → 待认领');
    await approved.getByRole('button', { name: '只看张丽华的操作' }).click();
    await shown(page, '.audit-filters__chosen', '操作人：张丽华').waitFor(SLOW);
    await screenshot(page, 'district-2-audit-by-actor');

    // The ledger with that filter.
    await page.getByRole('button', { name: '导出台账' }).click();
    const sheet = page.locator('.wish-sheet');
    await sheet.getByText('筛选条件：操作人：张丽华').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', SLOW),
      sheet.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^操作日志台账-龙津社区-\d{8}\.xlsx$/);
    expect(readFileSync((await download.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await sheet.waitFor({ state: 'detached', ...SLOW });

    // Back on the wish from its row.
    await submitted.getByRole('button', { name: '查看 ›' }).click();
    await shown(page, '.wish-detail__title', '帮忙修门锁').waitFor(SLOW);
  }, 240_000);

  it('staff change the community’s claim deadlines, and the change is kept and recorded', async () => {
    const tour = await startTour(suite.browser, suite.server.url, { role: 'staff', phone: '13900000011', name: '张丽华', tabs: [] });
    const { page } = tour;

    await openEntry(page, '社区设置');
    await stop(tour, { name: 'settings', title: '社区设置', ready: page.getByRole('textbox', { name: '联系期限（天）' }) });
    await expect(page.getByRole('textbox', { name: '联系期限（天）' }).inputValue()).resolves.toBe('7');
    await page.getByRole('textbox', { name: '联系期限（天）' }).fill('5');
    await page.getByRole('textbox', { name: '完成期限（天）' }).fill('20');
    await page.getByRole('button', { name: '保存设置' }).click();
    await shown(page, '.taro__toast p', '已保存').waitFor(SLOW);
    await screenshot(page, 'district-3-settings-saved');

    // Opened again: as saved.
    await home(tour);
    await openEntry(page, '社区设置');
    await page.getByRole('textbox', { name: '联系期限（天）' }).waitFor(SLOW);
    await expect(page.getByRole('textbox', { name: '联系期限（天）' }).inputValue()).resolves.toBe('5');
    await expect(page.getByRole('textbox', { name: '完成期限（天）' }).inputValue()).resolves.toBe('20');

    // And in the trail, in plain words.
    await home(tour);
    await openEntry(page, '操作日志');
    const row = shown(page, '.audit-list .audit-entry', '修改社区设置').first();
    await row.waitFor(SLOW);
    await row.getByText('联系期限：5 天').waitFor();
    await row.getByText('完成期限：20 天').waitFor();
  }, 180_000);

  it('a resident opens the 示岗 board of her community and reads a holder’s commitment, then scores the holder', async () => {
    // 王秀兰 has lived in 龙津社区 for a year: she may score its post holders.
    const tour = await startTour(suite.browser, suite.server.url, { role: 'resident', phone: '13900000201', name: '王秀兰', tabs: [] });
    const { page } = tour;

    await openEntry(page, '社区示岗');
    const post = shown(page, '.svc-post', '楼道文明监督岗');
    await stop(tour, { name: 'post-board', title: '社区示岗', ready: post });
    const holder = post.locator('.board-holder').first();
    await expect(holder.locator('.board-holder__commitment').innerText()).resolves.toBe(`承诺：${COMMITMENT}`);
    // Holders' names as residents may read them.
    await expect(holder.locator('.svc-holder__name').innerText()).resolves.toMatch(/^.\*+$/);

    await holder.getByRole('button', { name: '评岗' }).click();
    const sheet = page.locator('.wish-sheet');
    await sheet.getByRole('radio', { name: '4 分' }).click();
    await sheet.getByRole('textbox', { name: '评价（选填）' }).fill('每周都来巡查楼道，很负责。');
    await screenshot(page, 'district-4-evaluate');
    await sheet.getByRole('button', { name: '提交评价' }).click();
    await shown(page, '.taro__toast p', '已评价').waitFor(SLOW);
    await post.getByText('评岗平均 4.0 分 · 共 1 次').waitFor(SLOW);
    await screenshot(page, 'district-5-evaluated');
  }, 180_000);
});
