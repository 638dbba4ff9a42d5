import { phonePage, screenshot } from './support/browser';
import { appSuite } from './support/suite';

const suite = appSuite();

describe('a newcomer on the web build', () => {
  it('signs up and lands on the resident home', async () => {
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await page.getByText('注册', { exact: true }).first().click({ timeout: 20_000 });
    await screenshot(page, 'sign-up-form');
    await page.getByPlaceholder('请输入姓名').fill('林小梅');
    await page.getByPlaceholder('请输入手机号').fill('13812345678');
    await page.getByPlaceholder('请输入密码').fill('secret-password');
    await page.getByRole('button', { name: '注册' }).click();
    await page.locator('.home-greeting', { hasText: '林小梅' }).waitFor({ timeout: 20_000 });
    await page.getByText('居民服务').first().waitFor();
    await screenshot(page, 'resident-home');
  });

  it('signs in as a demo staff member and sees the workbench entries', async () => {
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await page.getByPlaceholder('请输入手机号').fill('13900000011');
    await page.getByPlaceholder('请输入密码').fill('huijia2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.home-greeting', { hasText: '张丽华' }).waitFor({ timeout: 20_000 });
    await page.getByText('审核心愿').first().waitFor();
    await screenshot(page, 'staff-home');
  });
});
