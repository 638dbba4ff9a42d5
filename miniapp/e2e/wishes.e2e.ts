import type { Page } from 'playwright-core';
import { screenshot as takeScreenshot } from './support/browser';
import { acceptModal, openEntry, signIn as signInAs } from './support/app';
import { photo } from './support/photo';
import { appSuite } from './support/suite';

const suite = appSuite();

const SLOW = { timeout: 20_000 };

/** A screenshot once the page has settled (h5 slides pages in; toasts fade). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await takeScreenshot(page, name);
}

/** A JPEG's width and height, from its start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no start-of-frame segment');
}

const signIn = (phone: string, name: string) => signInAs(suite.browser, suite.server.url, phone, name);

const TITLE = '帮忙修理厨房水龙头';

describe('a micro-wish from posting to confirmation', () => {
  it('is posted, approved, claimed, fulfilled and confirmed', async () => {
    // The resident posts a wish with a photo.
    const resident = await signIn('13900000201', '王秀兰');
    await openEntry(resident, '发布微心愿');
    await resident.getByText('发往社区').waitFor(SLOW);
    await resident.locator('.wish-new__community', { hasText: '龙津社区' }).waitFor(SLOW);
    await resident.getByRole('button', { name: '提交心愿', exact: true }).click();
    // Nothing filled in: the shared schema's messages under the fields.
    await resident.getByText('标题至少 2 个字').waitFor(SLOW);
    await resident.getByText('请选择心愿类别').waitFor();
    await screenshot(resident, 'wish-1-form-errors');

    await resident.getByPlaceholder('一句话说明您的心愿').fill(TITLE);
    await resident.getByPlaceholder('需要什么帮助、什么时候方便').fill('厨房水龙头一直滴水，家里只有老人，想请人帮忙换一个。周末都在家。');
    // Leaving the form (here the whole app) keeps a draft, restored on return.
    await resident.goto(`${suite.server.url}/`);
    await openEntry(resident, '发布微心愿');
    await resident.getByText('已恢复上次未提交的内容').waitFor(SLOW);
    expect(await resident.getByPlaceholder('一句话说明您的心愿').inputValue()).toBe(TITLE);
    await resident.getByRole('radio', { name: '维修' }).click();
    await resident.getByPlaceholder('小区、楼栋、门牌号').fill('阳光花园 3 栋 201');
    // The phone is the user's own, filled in already.
    expect(await resident.getByPlaceholder('请输入手机号').inputValue()).toBe('13900000201');
    const chooser = resident.waitForEvent('filechooser');
    await resident.getByText('添加照片').click();
    await (await chooser).setFiles({ name: 'tap.png', mimeType: 'image/png', buffer: photo() });
    await resident.locator('.wish-photo__image').first().waitFor(SLOW);
    await resident.locator('.wish-photo__overlay').waitFor({ state: 'detached', ...SLOW });
    await screenshot(resident, 'wish-2-form-filled');

    // A double tap sends once, with the form's Idempotency-Key.
    const posted = resident.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/wishes'));
    await resident.getByRole('button', { name: '提交心愿', exact: true }).dblclick();
    expect((await posted).headers()['idempotency-key']).toMatch(/^wish-/);
    await resident.getByText('等待社区工作人员审核').waitFor(SLOW);
    await resident.locator('.wish-detail__title', { hasText: TITLE }).waitFor();
    await resident.locator('.wish-tag', { hasText: '待审核' }).waitFor();
    // The resident's own photo, shown through the token-carrying download.
    await resident.locator('.wish-photos .wish-photo__image').first().waitFor(SLOW);
    await resident.getByRole('button', { name: '撤回心愿', exact: true }).waitFor();
    await screenshot(resident, 'wish-3-submitted');
    await resident.goto(`${suite.server.url}/`);
    await openEntry(resident, '我的心愿');
    await resident.locator('.wish-card', { hasText: TITLE }).waitFor(SLOW);
    expect(await resident.locator('.wish-card', { hasText: TITLE }).count()).toBe(1);

    // Staff of 龙津社区 approve it.
    const staff = await signIn('13900000011', '张丽华');
    await staff.locator('.home-inbox__badge').waitFor(SLOW);
    await openEntry(staff, '审核心愿');
    const queued = staff.locator('.wish-card', { hasText: TITLE });
    await queued.waitFor(SLOW);
    // Staff of the wish's community see the resident's phone and address.
    await queued.getByText('阳光花园 3 栋 201').waitFor();
    await screenshot(staff, 'wish-4-review-queue');
    // 批量通过: this one and the demo's waiting one, chosen on the list, with one question naming how many.
    const other = staff.locator('.wish-card', { hasText: '帮忙更换厨房灯泡' });
    await queued.getByRole('checkbox', { name: `选择「${TITLE}」` }).click();
    await other.getByRole('checkbox', { name: '选择「帮忙更换厨房灯泡」' }).click();
    await staff.getByText('已选 2 项').waitFor();
    await staff.getByRole('button', { name: '批量通过（2）' }).click();
    await acceptModal(staff, '全部通过');
    await queued.waitFor({ state: 'detached', ...SLOW });
    await other.waitFor({ state: 'detached', ...SLOW });
    await screenshot(staff, 'wish-5-review-done');

    // A member who reported to 龙津社区 claims it from the hall.
    const member = await signIn('13900000101', '李志远');
    await openEntry(member, '认领心愿');
    const inHall = member.locator('.wish-card', { hasText: TITLE });
    await inHall.waitFor(SLOW);
    // The hall masks the resident and leaves out the phone and address.
    await inHall.getByText('居民 王**').waitFor();
    expect(await member.getByText('阳光花园 3 栋 201').count()).toBe(0);
    await screenshot(member, 'wish-6-hall');
    await inHall.locator('.wish-card__title').click();
    await member.getByRole('button', { name: '认领心愿', exact: true }).click(SLOW);
    await acceptModal(member, '认领');
    await member.locator('.wish-tag', { hasText: '已认领' }).waitFor(SLOW);
    // Now the claimant, they get the contact details and the deadlines.
    await member.getByText('阳光花园 3 栋 201').waitFor(SLOW);
    await member.getByText('联系截止').waitFor();
    await screenshot(member, 'wish-7-claimed');

    await member.getByRole('button', { name: '完成心愿', exact: true }).click();
    await member.getByPlaceholder('做了什么、什么时候完成的').fill('周六上午上门更换了新的水龙头，已试用不漏水。');
    await screenshot(member, 'wish-8-fulfil-form');
    await member.getByRole('button', { name: '提交完成情况', exact: true }).click();
    await member.locator('.wish-tag', { hasText: '待确认' }).waitFor(SLOW);
    await member.getByText('周六上午上门更换了新的水龙头', { exact: false }).waitFor();
    await screenshot(member, 'wish-9-fulfilled');

    // The resident is told, confirms with five stars and sees it completed.
    await resident.goto(`${suite.server.url}/`);
    await resident.locator('.home-inbox__badge').waitFor(SLOW);
    await resident.locator('.home-inbox').click();
    // Newest first: the message that it was fulfilled is on top.
    const fulfilled = resident.locator('.inbox-item', { hasText: '心愿已完成，请确认' }).first();
    await fulfilled.waitFor(SLOW);
    await screenshot(resident, 'wish-10-inbox');
    await fulfilled.click();
    await resident.getByRole('button', { name: '确认并评价', exact: true }).click(SLOW);
    await resident.getByRole('radio', { name: '2 分' }).click();
    // A low rating warns that it goes to staff as a dispute.
    await resident.getByText('将作为异议提交给社区工作人员处理', { exact: false }).waitFor();
    await resident.getByRole('radio', { name: '5 分' }).click();
    expect(await resident.getByText('将作为异议提交给社区工作人员处理', { exact: false }).count()).toBe(0);
    await resident.getByPlaceholder('说说您的感受').fill('李同志很热心，谢谢！');
    await screenshot(resident, 'wish-11-confirm-form');
    await resident.getByRole('button', { name: '确认完成', exact: true }).click();
    await resident.locator('.wish-tag', { hasText: '已完成' }).waitFor(SLOW);
    await resident.getByText('李同志很热心，谢谢！').waitFor();
    expect(await resident.getByRole('button', { name: '确认并评价', exact: true }).count()).toBe(0);
    await screenshot(resident, 'wish-12-completed');
  }, 240_000);
});

describe('a large photo from the album', () => {
  it('is sent as a JPEG at most 1600 px on its longer side, smaller than chosen', async () => {
    const resident = await signIn('13900000202', '陈阿婆');
    await openEntry(resident, '发布微心愿');
    await resident.locator('.wish-new__community', { hasText: '龙津社区' }).waitFor(SLOW);

    const chosen = photo(2400, 1600, 2);
    expect(chosen.length).toBeGreaterThan(3 * 1024 * 1024);
    const uploaded = resident.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/uploads'), SLOW);
    const chooser = resident.waitForEvent('filechooser');
    await resident.getByText('添加照片').click();
    await (await chooser).setFiles({ name: 'camera.png', mimeType: 'image/png', buffer: chosen });
    const answer = await uploaded;
    expect(answer.status()).toBe(201);
    await resident.locator('.wish-photo__overlay').waitFor({ state: 'detached', ...SLOW });

    // What the server stored, read back with the resident's own token.
    const { url } = (await answer.json()) as { url: string };
    const stored = await fetch(`${suite.server.url}${url}`, {
      headers: { authorization: answer.request().headers()['authorization']! },
    });
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await stored.arrayBuffer());
    expect(bytes.length).toBeLessThan(chosen.length / 4);
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1067 });
    await screenshot(resident, 'wish-13-large-photo');
  }, 120_000);
});
