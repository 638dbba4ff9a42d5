import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { lastMonths } from '@huijia/shared';
import { screenshotAfterToasts as screenshot } from './support/browser';
import { openEntry, shown, signIn as signInAs } from './support/app';
import { appSuite } from './support/suite';

const suite = appSuite();

const SLOW = { timeout: 20_000 };

/** "2026年9月 – 2026年11月", as the page writes a period. */
function rangeText({ from, to }: { from: string; to: string }): string {
  const text = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
  return from === to ? text(from) : `${text(from)} – ${text(to)}`;
}

/** The rows of the children table, top down: the name and the text of each figure cell. */
async function tableRows(page: Page): Promise<{ name: string; cells: string[] }[]> {
  const rows = shown(page, '.stats-children [role="row"]').filter({ has: page.locator('[role="rowheader"]') });
  const out: { name: string; cells: string[] }[] = [];
  for (const row of await rows.all()) {
    const name = (await row.getByRole('rowheader').innerText()).replace('›', '').trim();
    const cells = (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    out.push({ name, cells });
  }
  return out;
}

// The figure cells, in the order of the table's columns after the name.
const SERVICE_RATE_CELL = 2;
const rate = (text: string) => Number(text.replace('%', ''));

describe('the figures page (统计) on the web build', () => {
  it('a district admin reads the figures, sorts the table, changes the period, drills down and exports a ledger', async () => {
    const admin = await signInAs(suite.browser, suite.server.url, '13900000001', '陈建国');
    await openEntry(admin, '统计');

    // 新罗区 over the last twelve months, with its two streets.
    await shown(admin, '.stats-hero__name', '新罗区').waitFor(SLOW);
    await shown(admin, '.hero__intro', rangeText(lastMonths(new Date(), 12))).waitFor();
    await shown(admin, '.stats-tile', '报到率').locator('.stats-tile__value', { hasText: /^\d+(\.\d)?%$/ }).waitFor(SLOW);
    await admin.getByText(/^报到数据更新于 \d{2}:\d{2}$/).waitFor();
    await shown(admin, '.stats-wishes', '完成率').waitFor();
    expect((await tableRows(admin)).map((row) => row.name).sort()).toEqual(['东城街道', '西城街道'].sort());
    // The charts are drawn by the charting code, fetched after the figures.
    await admin.locator('.chart[aria-label^="各街道报到率与服务率"] svg').waitFor(SLOW);
    await admin.locator('.chart[aria-label^="每月已核实的服务时长"] svg').waitFor(SLOW);
    await screenshot(admin, 'stats-1-district');

    // Sorting by 服务率: largest first, then the other way round; said in words, not colour.
    const header = admin.getByRole('columnheader', { name: /服务率/ });
    await header.getByRole('button').click();
    await admin.getByText('已按「服务率」降序排列', { exact: false }).waitFor();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const down = (await tableRows(admin)).map((row) => rate(row.cells[SERVICE_RATE_CELL]!));
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await header.getByRole('button').click();
    await admin.getByText('已按「服务率」升序排列', { exact: false }).waitFor();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const up = (await tableRows(admin)).map((row) => rate(row.cells[SERVICE_RATE_CELL]!));
    expect(up).toEqual([...up].sort((a, b) => a - b));

    // 近3个月: the figures are asked again for that period.
    const quarter = lastMonths(new Date(), 3);
    const asked = admin.waitForResponse(
      (response) =>
        response.url().includes('/api/stats/overview') &&
        response.url().includes(`from=${quarter.from}`) &&
        response.url().includes(`to=${quarter.to}`),
    );
    await admin.getByRole('radio', { name: '近3个月' }).click();
    expect((await asked).status()).toBe(200);
    expect(await admin.getByRole('radio', { name: '近3个月' }).getAttribute('aria-checked')).toBe('true');
    await shown(admin, '.hero__intro', rangeText(quarter)).waitFor();
    await shown(admin, '.stats-children [role="rowheader"]', '东城街道').waitFor(SLOW);
    // The table keeps its order through the reload.
    await shown(admin, '.table__caption', '已按「服务率」升序排列').waitFor();
    await shown(admin, '.stats-children').scrollIntoViewIfNeeded();
    await screenshot(admin, 'stats-2-sorted-quarter');

    // A street's own figures, over the same period, with its communities.
    await admin.getByRole('button', { name: '查看东城街道的统计' }).click();
    await shown(admin, '.stats-hero__name', '东城街道').waitFor(SLOW);
    await shown(admin, '.hero__intro', rangeText(quarter)).waitFor();
    await shown(admin, '.stats-children [role="rowheader"]', '龙津社区').waitFor(SLOW);
    expect((await tableRows(admin)).map((row) => row.name).sort()).toEqual(['中山社区', '龙津社区'].sort());
    await screenshot(admin, 'stats-3-street');
    await shown(admin, '.stats-exports').scrollIntoViewIfNeeded();

    // 导出: asked first, then saved by the browser as a spreadsheet under its Chinese name.
    await admin.getByRole('button', { name: '导出微心愿台账' }).click();
    const sheet = admin.locator('.wish-sheet');
    await sheet.getByText('将导出「东城街道」及其下各级的微心愿台账。').waitFor();
    await screenshot(admin, 'stats-4-export-sheet');
    const [download] = await Promise.all([
      admin.waitForEvent('download', SLOW),
      shown(admin, '.taro__toast p', '已导出').waitFor(SLOW),
      sheet.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^微心愿台账-东城街道-\d{8}\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.length).toBeGreaterThan(0);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    await sheet.waitFor({ state: 'detached' });
    await screenshot(admin, 'stats-5-exported');
  });
});
