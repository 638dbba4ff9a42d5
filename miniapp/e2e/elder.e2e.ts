import type { Page } from 'playwright-core';
import { signIn } from './support/app';
import { screenshot as takeScreenshot } from './support/browser';
import { appSuite } from './support/suite';

const suite = appSuite();

const SLOW = { timeout: 20_000 };

/** A screenshot once the page has settled (h5 slides pages in). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await takeScreenshot(page, name);
}

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours, as the browser computes them. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
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
});
