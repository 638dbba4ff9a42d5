import type { Page } from 'playwright-core';
import { signIn } from './support/app';
import { screenshot as takeScreenshot } from './support/browser';
import { contrast } from './support/contrast';
import { appSuite } from './support/suite';

const suite = appSuite();

const SLOW = { timeout: 20_000 };

/** A screenshot once the page has settled (h5 slides pages in). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await takeScreenshot(page, name);
}

/** The home page as the browser draws it: whether its root is in 长辈模式, and what the mode changes. */
async function home(page: Page) {
  await page.getByRole('tab', { name: '首页' }).click();
  // Body text: the line under the greeting. Muted text: an entry's description, on its white card.
  const intro = page.locator('.hero__intro');
  await intro.waitFor(SLOW);
  const root = page.locator('.page', { has: intro });
  const description = root.locator('.feature__desc').first();
  return {
    elder: (await root.getAttribute('class'))!.split(' ').includes('page--elder'),
    bodySize: await intro.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    tabBarHeight: (await root.locator('.tabbar').boundingBox())!.height,
    mutedContrast: contrast(
      ...(await description.evaluate((el) => [
        getComputedStyle(el).color,
        getComputedStyle(el.closest('.card')!).backgroundColor,
      ] as const)),
    ),
  };
}

async function setElderMode(page: Page, on: boolean): Promise<void> {
  await page.getByRole('tab', { name: '我的' }).click();
  const toggle = page.getByRole('switch', { name: '长辈模式' });
  await toggle.waitFor(SLOW);
  expect(await toggle.getAttribute('aria-checked')).toBe(String(!on));
  await toggle.click();
  await page.getByText(on ? '已开启' : '已关闭', { exact: true }).waitFor();
  expect(await toggle.getAttribute('aria-checked')).toBe(String(on));
}

describe('长辈模式 (elder-friendly mode)', () => {
  it('turned on in 我的, enlarges and darkens every page, stays on across a reload and restores them when turned off', async () => {
    const page = await signIn(suite.browser, suite.server.url, '13900000201', '王秀兰');
    const normal = await home(page);
    expect(normal.elder).toBe(false);
    // Muted text passes WCAG AA even in the normal mode.
    expect(normal.mutedContrast).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'elder-1-home-normal');

    await setElderMode(page, true);
    await screenshot(page, 'elder-2-me-on');
    const elder = await home(page);
    expect(elder.elder).toBe(true);
    // Body text at least a quarter larger (28 → 36 on the design width), a taller tab bar, and
    // muted text at 7:1.
    expect(elder.bodySize).toBeGreaterThanOrEqual(normal.bodySize * 1.25);
    expect(elder.tabBarHeight).toBeGreaterThan(normal.tabBarHeight);
    expect(elder.mutedContrast).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'elder-3-home-on');

    // Kept on this phone: a reload opens in 长辈模式.
    await page.reload();
    const reloaded = await home(page);
    expect(reloaded).toEqual(elder);

    await setElderMode(page, false);
    const restored = await home(page);
    expect(restored).toEqual(normal);
    await screenshot(page, 'elder-4-home-off');
  });

  it("enlarges the web build's charts and the figures' table too", async () => {
    const page = await signIn(suite.browser, suite.server.url, '13900000002', '林秀英');
    const statsPage = async () => {
      await page.getByRole('tab', { name: '统计' }).click();
      const label = page.locator('.chart svg text').first();
      await label.waitFor(SLOW);
      const firstColumn = page.getByRole('columnheader').first();
      return {
        chartLabel: await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
        columnWidth: (await firstColumn.boundingBox())!.width,
        // Labels the chart's box cuts off (ECharts lays them out by measuring them).
        cutLabels: await page.locator('.chart').evaluateAll((charts) =>
          charts.flatMap((chart) => {
            const box = chart.getBoundingClientRect();
            return [...chart.querySelectorAll('svg text')]
              .filter((text) => {
                const at = text.getBoundingClientRect();
                return at.left < box.left - 0.5 || at.right > box.right + 0.5;
              })
              .map((text) => text.textContent);
          }),
        ),
      };
    };
    const normal = await statsPage();
    await page.locator('.chart').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'elder-5-stats-chart-normal');

    await setElderMode(page, true);
    const elder = await statsPage();
    expect(elder.chartLabel).toBeGreaterThanOrEqual(normal.chartLabel * 1.25);
    expect(elder.columnWidth).toBeGreaterThanOrEqual(normal.columnWidth * 1.25);
    expect([normal.cutLabels, elder.cutLabels]).toEqual([[], []]);
    await page.locator('.chart').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'elder-5-stats-chart-on');
    await page.getByRole('table', { name: '东城街道各社区统计' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'elder-6-stats-table-on');
  });
});
