import type { Browser, Page } from 'playwright-core';
import { acceptModal, openEntry, shown } from './support/app';
import { launchBrowser, phonePage } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { stop, type Tour, watchErrors } from './support/tour';

// An empty production start: the root city and ADMIN_PHONE's account, nothing else (no demo).
const ADMIN = { phone: '13800000000', password: 'district-admin-2026', name: '系统管理员' };
const WORKER = { phone: '13700000001', name: '王小红', initialPassword: 'first-pass-2026', newPassword: 'my-own-pass-2026' };
const SLOW = { timeout: 20_000 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SEED_DEMO: '0', ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh phone (its own storage) on the login page, signing in with a phone and password. */
async function signIn(phone: string, password: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${server.url}/`);
  await page.getByPlaceholder('请输入手机号').fill(phone, SLOW);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  return page;
}

const tourOf = (page: Page, role: string, tabs: readonly string[]): Tour => ({ page, role: `district-setup-${role}`, tabs, errors: watchErrors(page) });

/** An account made by an admin (or by the server) agrees to the 用户协议 and 隐私政策 at its first sign-in. */
async function agreeFirst(tour: Tour): Promise<void> {
  await stop(tour, { name: 'consent', title: '个人信息保护', ready: shown(tour.page, '.card__title', '请阅读并同意') });
  await tour.page.getByRole('button', { name: '同意并继续' }).click();
}

describe('a district goes live from the web build', () => {
  it('the admin imports a street with two communities, grants a worker who must change a one-time password, then revokes the grant', async () => {
    // The district admin of an empty database: the city (a city without districts holds streets).
    const adminPage = await signIn(ADMIN.phone, ADMIN.password);
    const admin = tourOf(adminPage, 'admin', ['工作台', '统计', '我的']);
    // The first admin's account was made by the server, not by signing up: it agrees first.
    await agreeFirst(admin);
    await shown(adminPage, '.home-greeting', ADMIN.name).waitFor(SLOW);
    await stop(admin, { name: 'home', title: '工作台', ready: shown(adminPage, '.home-section__title', '辖区管理'), tab: '工作台' });

    // 导入组织架构: a preview first (the repeated row refused, with its number), then the import.
    await openEntry(adminPage, '导入组织架构');
    await shown(adminPage, '.card__title', '文件格式').waitFor(SLOW);
    const file = '街道,社区\n新华街道,光明社区\n新华街道,幸福社区\n新华街道,光明社区\n';
    await adminPage.getByLabel('选择组织架构文件').setInputFiles({ name: '组织架构.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await shown(adminPage, '.adm-file__name', '已选择：组织架构.csv').waitFor();
    await adminPage.getByRole('button', { name: '预览' }).click();
    const preview = shown(adminPage, '.card', '导入预览');
    await preview.getByText('将新建：街道 1、社区 2').waitFor(SLOW);
    await expect(preview.locator('.adm-counts__value').first().innerText()).resolves.toBe('3 个');
    const repeated = preview.locator('.rejected-rows__row', { hasText: '重复' });
    await expect(repeated.locator('.rejected-rows__line').innerText()).resolves.toBe('4');
    await stop(admin, { name: 'import-preview', title: '导入组织架构', ready: preview });

    await adminPage.getByRole('button', { name: '确认导入' }).click();
    const done = shown(adminPage, '.card', '导入完成');
    await done.getByText('新建：街道 1、社区 2').waitFor(SLOW);
    await stop(admin, { name: 'import-done', title: '导入组织架构', ready: done });

    // 组织架构: down to the new community, and its 人员与权限.
    await adminPage.getByRole('button', { name: '查看组织架构' }).click();
    await shown(adminPage, '.adm-row', '新华街道').waitFor(SLOW);
    await stop(admin, { name: 'tree', title: '组织架构', ready: shown(adminPage, '.adm-head__name') });
    await shown(adminPage, '.adm-row', '新华街道').click();
    await shown(adminPage, '.adm-row', '幸福社区').waitFor(SLOW);
    await stop(admin, { name: 'tree-street', title: '组织架构', ready: shown(adminPage, '.adm-row', '光明社区') });
    await shown(adminPage, '.adm-row', '光明社区').click();
    await shown(adminPage, '.adm-head__name', '光明社区').waitFor(SLOW);
    await adminPage.getByRole('button', { name: '人员与权限' }).click();
    await shown(adminPage, '.state--empty', '还没有工作人员').waitFor(SLOW);

    // 授予角色: a community worker with an initial password (the phone has no account yet).
    await adminPage.getByRole('button', { name: '授予角色' }).click();
    const grant = adminPage.getByRole('dialog', { name: '在「光明社区」授予角色' });
    await expect(grant.getByRole('radio').allInnerTexts()).resolves.toEqual(['社区工作人员']);
    await grant.getByPlaceholder('请输入手机号').fill(WORKER.phone);
    await grant.getByPlaceholder('请输入姓名').fill(WORKER.name);
    await grant.getByPlaceholder('新账号需设置，至少 8 位').fill(WORKER.initialPassword);
    await grant.getByRole('button', { name: '授予' }).click();
    const row = shown(adminPage, '.staff-grant', WORKER.name);
    await row.getByText('社区工作人员').waitFor(SLOW);
    await stop(admin, { name: 'staff', title: '人员与权限', ready: row });

    // 重置密码: the one-time password, read from the page.
    await row.getByRole('button', { name: '重置密码' }).click();
    await acceptModal(adminPage, '重置');
    const secret = adminPage.getByRole('dialog', { name: '一次性密码' }).locator('.adm-secret');
    await secret.waitFor(SLOW);
    const oneTimePassword = (await secret.innerText()).trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(8);
    await stop(admin, { name: 'one-time-password', title: '人员与权限', ready: secret });
    await adminPage.getByRole('button', { name: '完成' }).click();
    await row.getByText('待设置新密码').waitFor();

    // The worker signs in with it: asked to agree to the 用户协议 and 隐私政策 (an admin made the
    // account), then taken straight to 修改密码, which says why.
    const workerPage = await signIn(WORKER.phone, oneTimePassword);
    const worker = tourOf(workerPage, 'worker', ['工作台', '审核', '统计', '我的']);
    await agreeFirst(worker);
    await shown(workerPage, '.card__title', '管理员已重置您的密码，请设置新密码').waitFor(SLOW);
    await stop(worker, { name: 'forced-change', title: '修改密码', ready: shown(workerPage, '.card__title', '管理员已重置您的密码') });
    await workerPage.getByPlaceholder('请输入管理员告诉您的密码').fill(oneTimePassword);
    await workerPage.getByPlaceholder('请输入新密码').fill(WORKER.newPassword);
    await workerPage.getByPlaceholder('请再输入一次新密码').fill(WORKER.newPassword);
    await workerPage.getByRole('button', { name: '保存新密码' }).click();

    // Their desk: the community's 工作台.
    await shown(workerPage, '.home-greeting', WORKER.name).waitFor(SLOW);
    await stop(worker, { name: 'desk', title: '工作台', ready: shown(workerPage, '.home-section__scope', '光明社区'), tab: '工作台' });

    // The admin revokes the grant, asked first.
    await row.getByRole('button', { name: '撤销角色' }).click();
    await acceptModal(adminPage, '撤销');
    await shown(adminPage, '.state--empty', '还没有工作人员').waitFor(SLOW);

    // The worker's next tap, from the desk still on screen, is refused.
    await openEntry(workerPage, '审核心愿');
    await shown(workerPage, '.state--empty', '只有社区工作人员可以审核心愿').waitFor(SLOW);
    worker.errors.splice(0);
  });

  it('the admin adds a street, moves a community under it, archives, restores and renames it, and pairs a unit with the new communities', async () => {
    // The tree imported above: 新华街道 with 光明社区 and 幸福社区.
    const page = await signIn(ADMIN.phone, ADMIN.password);
    await shown(page, '.home-greeting', ADMIN.name).waitFor(SLOW);
    const admin = tourOf(page, 'admin', ['工作台', '统计', '我的']);

    await openEntry(page, '组织架构');
    await shown(page, '.adm-row', '新华街道').waitFor(SLOW);
    // A city may hold districts or streets: the kind is chosen.
    await page.getByRole('button', { name: '新建区/县或街道' }).click();
    const create = page.getByRole('dialog', { name: '在「龙岩市」下新建' });
    await create.getByRole('radio', { name: '街道' }).click();
    await create.getByPlaceholder('请输入街道名称').fill('新城街道');
    await create.getByRole('button', { name: '新建' }).click();
    await shown(page, '.adm-row', '新城街道').waitFor(SLOW);

    // 移动: 幸福社区 from 新华街道 to 新城街道, browsing to it from where it sits.
    await shown(page, '.adm-row', '新华街道').click();
    await shown(page, '.adm-row', '幸福社区').click();
    await shown(page, '.adm-head__name', '幸福社区').waitFor(SLOW);
    await page.getByRole('button', { name: '移动', exact: true }).click();
    const move = page.getByRole('dialog', { name: '移动「幸福社区」' });
    await move.getByRole('navigation', { name: '所在位置' }).getByRole('button', { name: /龙岩市/ }).click();
    await move.getByRole('button', { name: '新城街道' }).click();
    await move.getByRole('status').getByText('将移到街道「新城街道」下').waitFor();
    await stop(admin, { name: 'tree-move', title: '组织架构', ready: move.getByRole('button', { name: '移到这里' }) });
    await move.getByRole('button', { name: '移到这里' }).click();
    const trail = shown(page, '.adm-trail');
    await trail.getByText('新城街道').waitFor(SLOW);
    await shown(page, '.adm-head__name', '幸福社区').waitFor();

    // 停用 asks for a reason; the node then reads 已停用 and may be restored.
    await page.getByRole('button', { name: '停用', exact: true }).click();
    const archive = page.getByRole('dialog', { name: '停用「幸福社区」' });
    await archive.getByRole('button', { name: '确认停用' }).click();
    await archive.getByText('请填写停用原因').waitFor();
    await archive.getByPlaceholder('例如：社区合并、撤销建制').fill('与光明社区合并');
    await archive.getByRole('button', { name: '确认停用' }).click();
    await shown(page, '.adm-head .adm-tag--off', '已停用').waitFor(SLOW);
    await stop(admin, { name: 'tree-archived', title: '组织架构', ready: shown(page, '.adm-head .adm-tag--off') });
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await acceptModal(page, '恢复');
    await page.getByRole('button', { name: '停用', exact: true }).waitFor(SLOW);

    // 重命名.
    await page.getByRole('button', { name: '重命名', exact: true }).click();
    const rename = page.getByRole('dialog', { name: '重命名「幸福社区」' });
    await rename.getByPlaceholder('请输入新名称').fill('幸福里社区');
    await rename.getByRole('button', { name: '保存' }).click();
    await shown(page, '.adm-head__name', '幸福里社区').waitFor(SLOW);

    // 单位管理: a unit paired with both communities, then with one.
    await page.goBack();
    await shown(page, '.home-greeting').waitFor(SLOW);
    await openEntry(page, '单位管理');
    await shown(page, '.state--empty', '还没有单位').waitFor(SLOW);
    await page.getByRole('button', { name: '新建单位' }).click();
    const unit = page.getByRole('dialog', { name: '新建单位' });
    await unit.getByPlaceholder('例如：新罗区人民医院').fill('龙岩市第二医院');
    await unit.getByRole('button', { name: '新华街道' }).click();
    await unit.getByRole('checkbox', { name: '光明社区' }).click();
    await unit.getByRole('navigation', { name: '所在位置' }).getByRole('button', { name: /龙岩市/ }).click();
    await unit.getByRole('button', { name: '新城街道' }).click();
    await unit.getByRole('checkbox', { name: '幸福里社区' }).click();
    await unit.getByText('已选 2 个社区').waitFor();
    await unit.getByRole('button', { name: '新建单位' }).click();
    const row = shown(page, '.adm-row', '龙岩市第二医院');
    await row.getByText(/^结对社区：(光明社区、幸福里社区|幸福里社区、光明社区)$/).waitFor(SLOW);
    await stop(admin, { name: 'units', title: '单位管理', ready: row });

    await row.getByRole('button', { name: '结对社区' }).click();
    const pairing = page.getByRole('dialog', { name: '「龙岩市第二医院」的结对社区' });
    await pairing.getByRole('checkbox', { name: '幸福里社区 ×' }).click();
    await pairing.getByRole('button', { name: '保存' }).click();
    await row.getByText('结对社区：光明社区', { exact: true }).waitFor(SLOW);
  });
});
