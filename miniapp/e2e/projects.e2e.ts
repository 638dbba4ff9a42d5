import type { Page } from 'playwright-core';
import { screenshotAfterToasts as screenshot } from './support/browser';
import { acceptModal, openEntry, shown, signIn as signInAs } from './support/app';
import { photo } from './support/photo';
import { appSuite } from './support/suite';

const suite = appSuite();
const SLOW = { timeout: 20_000 };

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

const TITLE = '长者食堂志愿帮厨';

/** The button of that name on the page shown (pages under it stay in the document, hidden). */
const button = (page: Page, name: string | RegExp) => page.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name }).filter({ visible: true }).first();

/** Confirms the Taro picker open on the page as it stands (the first option, today's date). */
async function confirmPicker(page: Page): Promise<void> {
  await shown(page, '.weui-picker__action', '确定').click();
}

/** The district's completed projects in 统计's 结对共建 section ("2"), read afresh. */
async function completedProjects(page: Page): Promise<string> {
  await page.reload();
  const tile = shown(page, '.stats-partnership .stats-tile').filter({ has: page.locator('.stats-tile__title', { hasText: /^共建项目$/ }) });
  await tile.first().waitFor(SLOW);
  const cell = tile.first().locator('.stats-wishes__cell').filter({ has: page.locator('.stats-wishes__label', { hasText: /^完成$/ }) });
  return (await cell.locator('.stats-wishes__value').innerText()).trim();
}

/** Opens the project from a list on the page shown and waits for its detail. */
async function openProject(page: Page): Promise<void> {
  await shown(page, '.wish-card__title', TITLE).click();
  await shown(page, '.card .wish-card__title', TITLE).waitFor(SLOW);
}

/** The lead's form (发布进展 or 报告完成): words, a photo, sent. */
async function postUpdate(page: Page, label: string, words: string): Promise<void> {
  await button(page, label).click();
  await shown(page, 'textarea').last().fill(words);
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('添加照片').last().click();
  await (await chooser).setFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: photo() });
  await shown(page, '.wish-photo__image').first().waitFor(SLOW);
  await page.locator('.wish-photo__overlay').waitFor({ state: 'detached', ...SLOW });
  await shown(page, '.wish-submit .btn', label).click();
}

describe('结对共建 and 项目认领 on the web build', () => {
  it('staff propose an agreement, the unit accepts, staff publish a project, the unit claims and carries it out, staff accept it, and the district sees it', async () => {
    const district = await signIn('13900000001', '陈建国');
    await openEntry(district, '统计');
    const before = Number(await completedProjects(district));

    // 中山社区's staff propose a 共建协议 to 新罗区实验小学 (the first unit in reach), for three years from today.
    const staff = await signIn('13900000012', '王海燕');
    await openEntry(staff, '共建协议');
    await button(staff, '发起共建').click(SLOW);
    await button(staff, /^共建单位：/).click(SLOW);
    await confirmPicker(staff);
    await button(staff, '共建单位：新罗区实验小学').waitFor(SLOW);
    await staff.getByPlaceholder(/双方共建什么/).fill('学校教师党员每周到中山社区长者食堂帮厨，并为老人开设智能手机课堂。');
    await staff.getByRole('checkbox', { name: '人员' }).click();
    await staff.getByRole('checkbox', { name: '技能' }).click();
    await screenshot(staff, 'partnership-1-propose');
    await shown(staff, '.wish-submit .btn', '发起共建').click();
    await shown(staff, '.wish-tag, .agreement-tag', '待单位确认').first().waitFor(SLOW);

    // The school's admin accepts it: the school and 中山社区 are paired from today.
    const unit = await signIn('13900000022', '罗晓燕');
    await openEntry(unit, '共建协议');
    // On the card itself: the proposal from 中山社区 is the one with 接受 (the demo's older one was declined).
    const proposal = shown(unit, '.wish-card', '中山社区').filter({ has: unit.getByRole('button', { name: '接受', exact: true }) }).first();
    await proposal.getByRole('button', { name: '接受', exact: true }).click(SLOW);
    await acceptModal(unit, '接受');
    // Accepted, it is no longer waiting for the school's answer.
    await proposal.waitFor({ state: 'detached', ...SLOW });
    await screenshot(unit, 'partnership-2-accepted');

    // The staff publish a project.
    await staff.goto(`${suite.server.url}/`);
    await openEntry(staff, '项目管理');
    await button(staff, '发布项目').click(SLOW);
    await staff.getByRole('radiogroup', { name: '项目类别' }).getByRole('radio', { name: '志愿服务' }).click(SLOW);
    await staff.getByPlaceholder(/如：老旧小区楼道灯具更换/).fill(TITLE);
    await staff.getByPlaceholder(/要做什么、在哪里/).fill('每周一至周五 10:30-12:30 到长者食堂帮厨、分餐，为行动不便的老人送餐上门。');
    await staff.getByRole('checkbox', { name: '人员' }).click();
    await button(staff, /^完成期限：/).click();
    await confirmPicker(staff);
    await screenshot(staff, 'partnership-3-publish');
    await shown(staff, '.wish-submit .btn', '发布项目').click();
    await shown(staff, '.card .wish-card__title', TITLE).waitFor(SLOW);

    // The school claims it, in the one capacity it has there.
    await unit.goto(`${suite.server.url}/`);
    await openEntry(unit, '认领项目');
    await openProject(unit);
    await button(unit, '认领').click();
    await acceptModal(unit, '认领');
    await button(unit, '发布进展').waitFor(SLOW);

    // It posts its progress with a photo, then reports it done.
    await postUpdate(unit, '发布进展', '第一周 6 名教师党员轮流帮厨，送餐上门 42 份。');
    await shown(unit, '.step__note', '送餐上门 42 份').waitFor(SLOW);
    await shown(unit, '.step .wish-photo__image').first().waitFor(SLOW);
    await screenshot(unit, 'partnership-4-progress');
    await button(unit, '报告完成').click();
    await shown(unit, 'textarea').last().fill('帮厨一个月，累计服务 120 人次，送餐 180 份，老人满意。');
    await shown(unit, '.wish-submit .btn', '报告完成').click();
    await acceptModal(unit, '报告完成');
    await shown(unit, '.step__what', '报告完成').waitFor(SLOW);

    // The staff accept it.
    await staff.goto(`${suite.server.url}/`);
    await openEntry(staff, '项目管理');
    await openProject(staff);
    await button(staff, '验收通过').click(SLOW);
    await acceptModal(staff, '验收通过');
    await shown(staff, '.step__what', '验收通过').waitFor(SLOW);
    await screenshot(staff, 'partnership-5-accepted');

    // The district's completed projects rise by one.
    expect(Number(await completedProjects(district))).toBe(before + 1);
    await screenshot(district, 'partnership-6-district');
  });
});
