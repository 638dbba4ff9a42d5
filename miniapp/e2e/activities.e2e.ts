import type { Page } from 'playwright-core';
import { activitySchema, type Activity } from '@huijia/shared';
import { screenshotAfterToasts as screenshot } from './support/browser';
import { acceptModal, openEntry, shown, signIn as signInAs } from './support/app';
import { appSuite } from './support/suite';

const suite = appSuite();
const SLOW = { timeout: 20_000 };
const MINUTE = 60_000;

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

const TITLE = '楼道消防隐患排查';

/** Waits for `text` on the page shown (pages under it stay in the document, hidden). */
const seen = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true }).first().waitFor(SLOW);

/** Moves the server's clock so that it reads `at` now. */
function serverTimeIs(at: number): void {
  suite.server.setClockOffset(at - Date.now());
}

/** A member's 我的积分: the balance and the verified hours, as shown. */
async function pointsOf(page: Page): Promise<{ balance: string; hours: string }> {
  await page.goto(`${suite.server.url}/`);
  await openEntry(page, '我的积分');
  await shown(page, '.svc-balance').waitFor(SLOW);
  const figures = shown(page, '.svc-figure__value');
  return { balance: (await figures.nth(0).innerText()).trim(), hours: (await figures.nth(1).innerText()).trim() };
}

/** Opens the activity from the community's hall on the page shown. */
async function openFromHall(page: Page): Promise<void> {
  await page.goto(`${suite.server.url}/`);
  await openEntry(page, '社区活动');
  // Tomorrow may be next week.
  await page.getByRole('radio', { name: '全部' }).click();
  await shown(page, '.wish-card__title', TITLE).click();
  await page.locator('.wish-card__title, .wish-detail__title').filter({ hasText: TITLE, visible: true }).first().waitFor(SLOW);
}

/** The 6-character code on the organiser's check-in screen, read fresh. */
async function codeOn(page: Page): Promise<string> {
  await page.reload();
  const code = shown(page, '.act-screen__code');
  await code.waitFor(SLOW);
  return (await code.innerText()).trim();
}

/** Types the code on the member's activity page and sends it (签到 or 签退). */
async function typeCode(page: Page, code: string, word: '签到' | '签退'): Promise<void> {
  await page.reload();
  const box = page.getByPlaceholder('输入组织者手机上的 6 位签到码');
  await box.waitFor(SLOW);
  // Spaces and lower case are forgiven.
  await box.fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await page.getByRole('button', { name: word, exact: true }).click();
}

describe('an activity on the web build', () => {
  afterAll(() => suite.server?.setClockOffset(0));

  it('staff publish, two members sign up, one checks in and out with the code, the organiser confirms, and the member’s hours and points rise', async () => {
    // 龙津社区's staff publish it: tomorrow 09:00–11:00, the form's default time.
    const staff = await signIn('13900000011', '张丽华');
    await openEntry(staff, '组织活动');
    await staff.getByRole('button', { name: '发布活动', exact: true }).first().click();
    await staff.getByRole('radio', { name: '组团服务' }).click();
    await staff.getByPlaceholder('如：重阳节敬老义剪').fill(TITLE);
    await staff.getByPlaceholder('做什么、需要党员做什么、带什么、注意事项').fill('两人一组逐楼排查楼道堆物、灭火器和应急灯，登记隐患并告知住户。');
    await staff.getByPlaceholder('如：龙津社区党群服务中心二楼').fill('阳光花园 1-6 栋');
    await staff.getByPlaceholder('最多可报名人数').fill('2');
    await screenshot(staff, 'activity-1-publish');
    const published = staff.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/activities'));
    await staff.getByRole('button', { name: '发布活动', exact: true }).last().click();
    const activity: Activity = activitySchema.parse(await (await published).json());
    const startsAt = Date.parse(activity.startsAt);
    const endsAt = Date.parse(activity.endsAt);
    expect(endsAt - startsAt).toBe(120 * MINUTE);

    // Two members of 龙津社区 sign up.
    const li = await signIn('13900000101', '李志远');
    const zhao = await signIn('13900000102', '赵雪梅');
    const before = await pointsOf(li);
    for (const member of [li, zhao]) {
      await openFromHall(member);
      await member.getByRole('button', { name: '我要报名', exact: true }).click();
      await seen(member, '已报名');
    }
    await screenshot(li, 'activity-2-signed-up');

    // Ten minutes before the start: the organiser's screen shows the code, the member types it.
    serverTimeIs(startsAt - 10 * MINUTE);
    await staff.reload();
    await staff.getByRole('button', { name: '签到码', exact: true }).click();
    const first = await codeOn(staff);
    await screenshot(staff, 'activity-3-checkin-screen');
    await typeCode(li, first, '签到');
    await seen(li, '已签到');

    // An hour and ten minutes in, he leaves: a new code, 签退.
    serverTimeIs(startsAt + 70 * MINUTE);
    const second = await codeOn(staff);
    await typeCode(li, second, '签退');
    await acceptModal(li, '签退');
    await seen(li, '已签退');

    // After the end the organiser confirms: 李志远 one hour (09:00–10:10, in half-hours), 赵雪梅 did not come.
    serverTimeIs(endsAt + 10 * MINUTE);
    await staff.goBack();
    await staff.reload();
    await staff.getByRole('button', { name: '确认时长', exact: true }).first().click();
    await shown(staff, '.wish-page', '李志远').waitFor(SLOW);
    await screenshot(staff, 'activity-4-attendance');
    await staff.getByRole('button', { name: '确认时长', exact: true }).last().click();
    await acceptModal(staff, '确认');
    await seen(staff, '已确认时长');

    const after = await pointsOf(li);
    expect(Number(after.balance)).toBe(Number(before.balance) + 10);
    const hours = (shown: string) => Number(shown.replace(/\s*小时$/, ''));
    expect(hours(after.hours)).toBe(hours(before.hours) + 1);
  });
});
