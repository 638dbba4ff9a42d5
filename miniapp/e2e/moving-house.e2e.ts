import type { Page } from 'playwright-core';
import { screenshotAfterToasts as screenshot } from './support/browser';
import { acceptModal, openEntry, shown, signIn as signInAs } from './support/app';
import { appSuite } from './support/suite';

const suite = appSuite();
const SLOW = { timeout: 20_000 };

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

/** A figure of the staff's 确认报到 page (应报到, 已报到 …), read live from the community. */
async function figure(page: Page, label: string): Promise<number> {
  const cell = shown(page, '.rp-figures__cell').filter({ has: page.locator('.rp-figures__label', { hasText: label }) });
  await cell.first().waitFor(SLOW);
  return Number((await cell.first().locator('.rp-figures__value').innerText()).trim());
}

/** The community staff's page, reloaded, with its figures. */
async function figuresOf(page: Page): Promise<{ expected: number; reported: number }> {
  await page.reload();
  await shown(page, '.rp-figures').first().waitFor(SLOW);
  return { expected: await figure(page, '应报到'), reported: await figure(page, '已报到') };
}

describe('a member moves house (转移报到) on the web build', () => {
  it('asks to transfer, the unit issues the code, the new community confirms, and the figures move with them', async () => {
    // 孙浩然 (龙岩市第一医院) is reported at 中山社区 and moves to 龙津社区.
    const oldStaff = await signIn('13900000012', '王海燕');
    await openEntry(oldStaff, '确认报到');
    const newStaff = await signIn('13900000011', '张丽华');
    await openEntry(newStaff, '确认报到');
    const before = { old: await figuresOf(oldStaff), new: await figuresOf(newStaff) };

    const member = await signIn('13900000103', '孙浩然');
    await shown(member, '.tabbar [role="tab"]', /^我的$/).click();
    await shown(member, '.card', '所在社区').getByRole('button', { name: '更换' }).click();
    for (const level of ['新罗区', '东城街道', '龙津社区']) await shown(member, '.picker__item', level).click();
    await member.locator('.picker__actions').getByRole('button').last().click();
    await shown(member, '.me-community', '龙津社区').waitFor(SLOW);

    await shown(member, '.tabbar [role="tab"]', /^首页$/).click();
    await openEntry(member, '社区报到');
    await member.getByText('搬家了：转移报到').click();
    await member.locator('.report-choice', { hasText: '龙津社区' }).waitFor(SLOW);
    await screenshot(member, 'moving-1-member-asks');
    await member.getByRole('button', { name: '申请转移报到' }).click();
    await acceptModal(member, '申请转移');
    await member.getByText('转移报到申请中').waitFor(SLOW);
    // Until the new community confirms, they are counted where they were.
    expect(await figuresOf(oldStaff)).toEqual(before.old);
    expect(await figuresOf(newStaff)).toEqual(before.new);

    // The unit issues the 报到证 of the transfer from its members page.
    const unit = await signIn('13900000021', '郑明辉');
    await openEntry(unit, '报到情况');
    await unit.getByRole('tab', { name: '待线下报到' }).click();
    const row = unit.locator('.member-row', { hasText: '孙浩然' });
    await row.getByText('转移报到：转到龙津社区').waitFor(SLOW);
    await row.getByRole('button', { name: '签发报到证' }).click();
    const code = (await unit.getByRole('dialog', { name: '孙浩然的报到证' }).locator('.certificate__code').innerText()).trim();

    await member.reload();
    await member.locator('.certificate__code', { hasText: code }).waitFor(SLOW);
    await screenshot(member, 'moving-2-member-certificate');

    // 龙津社区 confirms: the old report ends at that moment.
    const pending = shown(newStaff, '.staff-report', '孙浩然');
    await pending.getByText('转移报到', { exact: false }).waitFor(SLOW);
    await pending.getByRole('button', { name: '去确认' }).click();
    await newStaff.getByPlaceholder('请输入 8 位报到证编码').fill(code);
    await newStaff.getByRole('button', { name: '确认报到' }).click();
    await newStaff.getByText('已确认孙浩然的报到').waitFor(SLOW);
    await newStaff.getByRole('button', { name: '返回报到名单' }).click();

    expect(await figuresOf(oldStaff)).toEqual({ expected: before.old.expected - 1, reported: before.old.reported - 1 });
    expect(await figuresOf(newStaff)).toEqual({ expected: before.new.expected + 1, reported: before.new.reported + 1 });

    await member.reload();
    await member.locator('.report-status .rp-badge', { hasText: '已报到' }).waitFor(SLOW);
    await shown(member, '.report-row__value', '龙津社区').first().waitFor(SLOW);
    await screenshot(member, 'moving-3-member-moved');
  });
});
