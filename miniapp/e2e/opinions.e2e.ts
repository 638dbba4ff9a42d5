import type { Page } from 'playwright-core';
import { screenshotAfterToasts as screenshot } from './support/browser';
import { openEntry, shown, signIn as signInAs } from './support/app';
import { photo } from './support/photo';
import { appSuite } from './support/suite';

const suite = appSuite();
const SLOW = { timeout: 20_000 };

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

const TITLE = '5 栋门口下水道堵了，雨后积水';

/** The district's 满意率 in 统计's 民情 section, as shown ("66.7%"), read afresh. */
async function satisfaction(page: Page): Promise<string> {
  await page.reload();
  const tile = shown(page, '.stats-opinions .stats-tile').filter({ has: page.locator('.stats-tile__title', { hasText: '满意率' }) });
  await tile.first().waitFor(SLOW);
  return (await tile.first().locator('.stats-tile__value').innerText()).trim();
}

/** Opens the opinion from a list on the page shown and waits for its detail. */
async function openOpinion(page: Page): Promise<void> {
  await shown(page, '.wish-card__title', TITLE).click();
  await shown(page, '.wish-detail__title', TITLE).waitFor(SLOW);
}

/** A holder's step on the detail shown: the button, the sheet's note, the sheet's button. */
async function act(page: Page, button: string, note: string, submit: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await shown(page, 'textarea').last().fill(note);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

describe('民情 and 四议一呼 on the web build', () => {
  it('a resident raises a flooded drain, the community passes it up, the street resolves it, the resident rates it, and the district sees it', async () => {
    const district = await signIn('13900000001', '陈建国');
    await openEntry(district, '统计');
    const before = await satisfaction(district);

    // 王秀兰 of 龙津社区 raises it with a photo.
    const resident = await signIn('13900000201', '王秀兰');
    await openEntry(resident, '反映民情');
    await resident.locator('.opinion-new__community', { hasText: '龙津社区' }).waitFor(SLOW);
    await resident.getByPlaceholder('一句话说明问题，如：3 栋门口下雨积水').fill(TITLE);
    await resident.getByPlaceholder('在哪里、什么问题、持续多久、影响了谁').fill('丽景小区 5 栋门口的下水道堵了，每次下雨积水到小腿，老人没法出门。');
    await resident.getByRole('radio', { name: '排水' }).click();
    const chooser = resident.waitForEvent('filechooser');
    await resident.getByText('添加照片').click();
    await (await chooser).setFiles({ name: 'drain.png', mimeType: 'image/png', buffer: photo() });
    await resident.locator('.wish-photo__image').first().waitFor(SLOW);
    await resident.locator('.wish-photo__overlay').waitFor({ state: 'detached', ...SLOW });
    await screenshot(resident, 'opinion-1-raise');
    await resident.getByRole('button', { name: '提交', exact: true }).click();
    await shown(resident, '.wish-detail__title', TITLE).waitFor(SLOW);

    // 龙津社区's staff hold 建议 and 商议: they take it up, then pass it to the street.
    const staff = await signIn('13900000011', '张丽华');
    await openEntry(staff, '民情办理');
    await openOpinion(staff);
    await act(staff, '上报社区党委', '网格无法疏通主管道，提交社区党委商议。', '确认上报');
    // Now at 商议, which the same staff hold: the next step up is the street's.
    await staff.getByRole('button', { name: '上报街道党工委', exact: true }).waitFor(SLOW);
    await act(staff, '上报街道党工委', '主管道属市政管网，需街道协调市政部门。', '确认上报');
    await staff.getByRole('button', { name: '办结', exact: true }).waitFor({ state: 'detached', ...SLOW });
    await screenshot(staff, 'opinion-2-passed-up');

    // 东城街道 resolves it.
    const street = await signIn('13900000002', '林秀英');
    await openEntry(street, '民情办理');
    await openOpinion(street);
    await act(street, '办结', '街道协调市政部门疏通了 5 栋门口的主管道，并加装了截水沟。', '确认办结');
    await shown(street, '.wish-detail__note', '截水沟').waitFor(SLOW);

    // The resident sees the whole path and rates it 基本满意.
    await resident.reload();
    await shown(resident, '.wish-detail__note', '截水沟').waitFor(SLOW);
    await resident.getByRole('button', { name: '评价', exact: true }).click();
    await resident.getByRole('radio', { name: '基本满意' }).click();
    await resident.getByRole('button', { name: '提交评价', exact: true }).click();
    await shown(resident, '.opinion-satisfaction', '基本满意').waitFor(SLOW);
    await screenshot(resident, 'opinion-3-rated');

    // One more rated, 基本满意: the district's satisfaction rate moves.
    expect(await satisfaction(district)).not.toBe(before);
  });
});
