import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { acceptModal, openEntry, signIn as signInAs } from './support/app';
import { appSuite } from './support/suite';

const suite = appSuite();

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

async function balanceOf(page: Page): Promise<number> {
  const balance = page.locator('.svc-balance');
  await balance.waitFor({ timeout: 20_000 });
  return Number((await balance.innerText()).trim());
}

describe('service posts, records and points on the web build', () => {
  it('a member claims a post and logs a session, staff verify it, the points rise by 20', async () => {
    // 李志远 reported to 龙津社区; he holds 楼道文明监督岗 but not 社情民意收集员 (1 of 2 taken).
    const member = await signIn('13900000101', '李志远');
    await openEntry(member, '我的积分');
    const before = await balanceOf(member);
    await screenshot(member, 'service-1-points-before');

    await member.goBack();
    await openEntry(member, '服务岗位');
    const card = member.locator('.svc-post', { hasText: '社情民意收集员' });
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('剩余 1 个名额').waitFor();
    await screenshot(member, 'service-2-post-hall');

    await card.locator('.wish-card__summary').click();
    await member.getByRole('button', { name: '我要认岗' }).click({ timeout: 20_000 });
    const commitment = member.locator('.wish-sheet textarea[name="commitment"]');
    await commitment.waitFor();
    expect(await commitment.inputValue()).toContain('社情民意收集员');
    await commitment.fill('我自愿认领社情民意收集员岗位，每月走访楼栋，收集意见按时上报。');
    await screenshot(member, 'service-3-claim-sheet');
    await member.getByRole('button', { name: '确认认岗' }).click();
    await member.getByText('我的认岗').waitFor({ timeout: 20_000 });
    await member.locator('.svc-tag', { hasText: '已满（2 人）' }).waitFor();
    await screenshot(member, 'service-4-claimed');

    // 记录服务 from the post: the source is preselected; the form starts on the last two hours.
    await member.getByRole('button', { name: '记录服务' }).click();
    await member.getByRole('button', { name: /服务来源：服务岗位 · 社情民意收集员/ }).waitFor({ timeout: 20_000 });
    await member.getByText('计入服务时长 2 小时').waitFor();
    await member.getByPlaceholder('做了什么，例如：巡查 3 栋楼道，清理杂物 2 处').fill('走访阳光花园 5 栋，收集居民对停车管理的意见 6 条。');
    await member.getByPlaceholder('例如：阳光花园 3 栋居民').fill('阳光花园 5 栋居民');
    await screenshot(member, 'service-5-record-form');
    await member.getByRole('button', { name: '提交服务记录' }).click();
    const mine = member.locator('.svc-record', { hasText: '社情民意收集员' });
    await mine.waitFor({ timeout: 20_000 });
    await mine.locator('.svc-tag', { hasText: '待核实' }).waitFor();
    await screenshot(member, 'service-6-my-records');

    // The staff member of 龙津社区 verifies it from the queue.
    const staff = await signIn('13900000011', '张丽华');
    await openEntry(staff, '核实服务');
    const pending = staff.locator('.svc-record', { hasText: '李志远' });
    await pending.waitFor({ timeout: 20_000 });
    await pending.getByRole('button', { name: '查看详情' }).click();
    await pending.getByText('阳光花园 5 栋居民').waitFor();
    await screenshot(staff, 'service-7-verify-queue');
    await pending.getByRole('button', { name: '核实通过' }).click();
    await acceptModal(staff, '通过');
    await pending.waitFor({ state: 'detached', timeout: 20_000 });
    await screenshot(staff, 'service-8-verified');

    // Back on the member's phone: the points page shows 20 more.
    await member.goto(`${suite.server.url}/`);
    await member.locator('.home-greeting', { hasText: '李志远' }).waitFor({ timeout: 20_000 });
    await openEntry(member, '我的积分');
    expect(await balanceOf(member)).toBe(before + 20);
    await member.locator('.svc-line', { hasText: '服务 2 小时' }).first().waitFor();
    await screenshot(member, 'service-9-points-after');
    await member.getByRole('button', { name: '服务排行' }).click();
    await member.locator('.svc-line--me').waitFor({ timeout: 20_000 });
    await screenshot(member, 'service-10-leaderboard');
  }, 240_000);
});
