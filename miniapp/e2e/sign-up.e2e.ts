import { phonePage, screenshot } from './support/browser';
import { acceptModal, shown } from './support/app';
import { smsCodeSentTo } from './support/server';
import { appSuite } from './support/suite';

const suite = appSuite();

describe('a newcomer on the web build', () => {
  it('proves the phone with an SMS code, signs up and lands on the resident home', async () => {
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await page.getByText('注册', { exact: true }).first().click({ timeout: 20_000 });
    await screenshot(page, 'sign-up-form');
    await page.getByPlaceholder('请输入姓名').fill('林小梅');
    await page.getByPlaceholder('请输入手机号').fill('13812345678');
    await page.getByRole('button', { name: '获取验证码' }).click();
    // The countdown says the code went out; the server's log sender printed it, as in development.
    await page.getByRole('button', { name: /秒后重发/ }).waitFor({ timeout: 20_000 });
    await page.getByPlaceholder('6 位短信验证码').fill(await smsCodeSentTo(suite.server, '13812345678'));
    await page.getByPlaceholder('请输入密码').fill('secret-password');
    // Not without agreeing to the 用户协议 and 隐私政策, which open from the form.
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByText('请阅读并同意《用户协议》和《隐私政策》').waitFor();
    await page.getByRole('button', { name: '《隐私政策》' }).click();
    await page.getByText('谁能看到').waitFor({ timeout: 20_000 });
    await screenshot(page, 'privacy-policy');
    await page.goBack();
    await page.getByRole('checkbox', { name: '我已阅读并同意用户协议和隐私政策' }).click();
    await screenshot(page, 'sign-up-code');
    await page.getByRole('button', { name: '注册' }).click();
    await page.locator('.home-greeting', { hasText: '林小梅' }).waitFor({ timeout: 20_000 });
    await page.getByText('居民服务').first().waitFor();
    await screenshot(page, 'resident-home');

    // 我的 → 账号安全 → 注销账号: the password, one more question, and the account is gone.
    await shown(page, '.tabbar [role="tab"]', /^我的$/).click();
    await shown(page, '.me-row', '注销账号').click();
    await page.getByText('已注销用户').waitFor({ timeout: 20_000 });
    await page.getByLabel('登录密码').fill('secret-password');
    await screenshot(page, 'account-delete');
    await page.getByRole('button', { name: '注销账号' }).click();
    await acceptModal(page, '注销');
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 20_000 });
    await page.getByPlaceholder('请输入手机号').fill('13812345678');
    await page.getByPlaceholder('请输入密码').fill('secret-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('手机号或密码不正确').waitFor({ timeout: 20_000 });
  });

  it('signs in as a demo staff member and sees the workbench entries', async () => {
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await page.getByPlaceholder('请输入手机号').fill('13900000011');
    await page.getByPlaceholder('请输入密码').fill('huijia2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.home-greeting', { hasText: '张丽华' }).waitFor({ timeout: 20_000 });
    await page.getByText('审核心愿').first().waitFor();
    // The desk counts what waits in each queue, and the 审核 tab shows the wishes to review.
    await page.getByText(/\d+ 个待审核/).first().waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: /^审核，\d+ 个待办$/ }).waitFor();
    await screenshot(page, 'staff-home');
  });

  it('resets a forgotten password with an SMS code and is signed in', async () => {
    const phone = '13900000201'; // 王秀兰, a demo resident
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await page.getByPlaceholder('请输入手机号').fill(phone);
    await page.getByText('忘记密码').click({ timeout: 20_000 });
    // The phone typed on the login page comes along.
    await page.getByRole('button', { name: '获取验证码' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: /秒后重发/ }).waitFor({ timeout: 20_000 });
    await page.getByPlaceholder('6 位短信验证码').fill(await smsCodeSentTo(suite.server, phone));
    await page.getByPlaceholder('请输入新密码').fill('a-new-password-2026');
    await page.getByPlaceholder('请再输入一次新密码').fill('a-new-password-2026');
    await screenshot(page, 'password-reset');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.locator('.home-greeting', { hasText: '王秀兰' }).waitFor({ timeout: 20_000 });
  });
});
