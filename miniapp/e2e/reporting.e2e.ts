import { screenshotAfterToasts as screenshot } from './support/browser';
import { acceptModal, shown, openEntry, signIn as signInAs } from './support/app';
import { appSuite } from './support/suite';

const suite = appSuite();

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

describe('dual reporting (双报到) on the web build', () => {
  it('a member reports online, the unit issues the 报到证, the community confirms it', async () => {
    // 邓伟, on 新罗区实验小学's roster, lives in 莲东社区 and has not reported.
    const member = await signIn('13900000109', '邓伟');
    await openEntry(member, '社区报到');
    await member.getByText('按居住地社区报到', { exact: false }).first().waitFor({ timeout: 20_000 });
    await member.locator('.report-choice', { hasText: '莲东社区' }).waitFor();
    await screenshot(member, 'reporting-1-member-form');
    await member.getByRole('button', { name: '提交报到' }).click();
    await acceptModal(member, '提交');
    await member.locator('.report-status .rp-badge', { hasText: '待线下报到' }).waitFor({ timeout: 20_000 });
    await member.getByText('签发后会在这里显示').waitFor();
    await screenshot(member, 'reporting-2-member-pending');

    // The unit admin issues the 报到证 from the members page.
    const unit = await signIn('13900000022', '罗晓燕');
    await openEntry(unit, '报到情况');
    await unit.getByRole('tab', { name: '待线下报到' }).click();
    const row = unit.locator('.member-row', { hasText: '邓伟' });
    await row.waitFor({ timeout: 20_000 });
    await screenshot(unit, 'reporting-3-unit-members');
    // Not issued yet: one tap issues it, no question asked.
    await row.getByRole('button', { name: '签发报到证' }).click();
    const sheet = unit.getByRole('dialog', { name: '邓伟的报到证' });
    const codeText = sheet.locator('.certificate__code');
    await codeText.waitFor({ timeout: 20_000 });
    const first = (await codeText.innerText()).trim();
    expect(first).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    await sheet.locator('.certificate__qr img').waitFor();
    await sheet.getByRole('button', { name: '关闭' }).click();

    // Issued: the row says so. 查看 shows the same code again; 重新签发 asks, then voids it for a new one.
    await row.getByRole('button', { name: '已签发 · 查看' }).click();
    await shown(unit, '.certificate__code', first).waitFor({ timeout: 20_000 });
    await screenshot(unit, 'reporting-4-unit-certificate');
    await sheet.getByRole('button', { name: '关闭' }).click();
    await row.getByRole('button', { name: '重新签发' }).click();
    await acceptModal(unit, '重新签发');
    await codeText.waitFor({ timeout: 20_000 });
    const code = (await codeText.innerText()).trim();
    expect(code).not.toBe(first);

    // The member sees the same code on their page.
    await member.reload();
    await member.locator('.certificate__code', { hasText: code }).waitFor({ timeout: 20_000 });
    await screenshot(member, 'reporting-5-member-certificate');

    // The staff of 莲东社区 confirm it by typing the code, after a wrong one is refused.
    const staff = await signIn('13900000013', '刘春梅');
    await openEntry(staff, '确认报到');
    const pending = staff.locator('.staff-report', { hasText: '邓伟' });
    await pending.waitFor({ timeout: 20_000 });
    await screenshot(staff, 'reporting-6-staff-pending');
    await pending.getByRole('button', { name: '去确认' }).click();
    const codeInput = staff.getByPlaceholder('请输入 8 位报到证编码');
    await codeInput.waitFor({ timeout: 20_000 });
    const wrong = code === 'ABCDEFGH' ? 'ABCDEFGJ' : 'ABCDEFGH';
    await codeInput.fill(wrong.toLowerCase());
    await staff.getByRole('button', { name: '确认报到' }).click();
    await staff.getByText('报到证编码不正确或已使用').waitFor({ timeout: 20_000 });
    await screenshot(staff, 'reporting-7-staff-wrong-code');
    await codeInput.fill(code);
    await staff.getByRole('button', { name: '确认报到' }).click();
    await staff.getByText('已确认邓伟的报到').waitFor({ timeout: 20_000 });
    await screenshot(staff, 'reporting-8-staff-confirmed');

    // Back on the list, the report has left the pending tab.
    await staff.getByRole('button', { name: '返回报到名单' }).click();
    await staff.getByRole('tab', { name: '已报到' }).click();
    await staff.locator('.staff-report', { hasText: '邓伟' }).waitFor({ timeout: 20_000 });

    // The member now reads 已报到.
    await member.reload();
    await member.locator('.report-status .rp-badge', { hasText: '已报到' }).waitFor({ timeout: 20_000 });
    await member.getByText('完成报到，欢迎回家').waitFor();
    await screenshot(member, 'reporting-9-member-confirmed');
  });

  it('a unit admin imports a roster saved by Excel on Chinese Windows (GBK) and sees the rows it refused', async () => {
    const unit = await signIn('13900000022', '罗晓燕');
    await openEntry(unit, '党员名册');
    await unit.getByText('表头：姓名,手机号,支部', { exact: false }).waitFor({ timeout: 20_000 });
    // 姓名,手机号,支部 / 黄晓明,13911110001,教师第一党支部 / 错号码,12345,教师第二党支部, as Excel's
    // "CSV（逗号分隔）" writes it on Chinese Windows: in GBK, with CRLF line ends.
    const roster = Buffer.from('d0d5c3fb2ccad6bbfabac52cd6a7b2bf0d0abbc6cffec3f72c31333931313131303030312cbdcccaa6b5dad2bbb5b3d6a7b2bf0d0ab4edbac5c2eb2c31323334352cbdcccaa6b5dab6feb5b3d6a7b2bf0d0a', 'hex');
    await unit.getByLabel('选择名册文件').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: roster });
    await unit.getByText('已选择：名册.csv', { exact: false }).waitFor();
    await unit.getByRole('button', { name: '上传并导入' }).click();
    await unit.getByText('新增 1').waitFor({ timeout: 20_000 });
    await unit.getByText('未导入 1').waitFor();
    const refused = unit.locator('.rejected-rows__row', { hasText: '12345' });
    await expect(refused.locator('.rejected-rows__line').innerText()).resolves.toBe('3');
    await screenshot(unit, 'reporting-10-roster-result');

    await unit.getByRole('button', { name: '查看报到情况' }).click();
    await unit.getByRole('tab', { name: '未报到' }).click();
    await unit.locator('.member-row', { hasText: '黄晓明' }).waitFor({ timeout: 20_000 });
  });

  it('community staff put a confirmed member into a new volunteer team and take them out', async () => {
    // 龙津社区: 李志远 and 赵雪梅 have reported; 李志远 is already in a team.
    const staff = await signIn('13900000011', '张丽华');
    await openEntry(staff, '网格管理');
    await staff.locator('.grid-group', { hasText: '阳光花园网格党支部' }).waitFor({ timeout: 20_000 });
    await staff.getByRole('radio', { name: '志愿服务队' }).click();
    await staff.getByPlaceholder('请输入名称，如：红色志愿服务队').fill('龙津银发志愿服务队');
    await staff.getByRole('button', { name: '新建志愿服务队' }).click();
    const team = staff.locator('.grid-group', { hasText: '龙津银发志愿服务队' });
    await team.waitFor({ timeout: 20_000 });

    await team.getByRole('button', { name: '编入党员' }).click();
    const sheet = staff.getByRole('dialog', { name: '编入「龙津银发志愿服务队」' });
    await sheet.locator('.grid-candidate', { hasText: '已在「龙津红色志愿服务队」' }).waitFor({ timeout: 20_000 });
    await screenshot(staff, 'reporting-11-grid-picker');
    await sheet.locator('.grid-candidate', { hasText: '赵雪梅' }).getByRole('button', { name: '编入' }).click();
    await sheet.locator('.grid-candidate', { hasText: '赵雪梅' }).getByRole('button', { name: '已编入' }).waitFor({ timeout: 20_000 });
    await sheet.getByRole('button', { name: '完成' }).click();
    await team.locator('.grid-member', { hasText: '赵雪梅' }).waitFor();
    await screenshot(staff, 'reporting-12-grid');

    await team.locator('.grid-member', { hasText: '赵雪梅' }).getByRole('button', { name: '移出' }).click();
    await acceptModal(staff, '移出');
    await team.getByText('还没有党员').waitFor({ timeout: 20_000 });
  });
});
