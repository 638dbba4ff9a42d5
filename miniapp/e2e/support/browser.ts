import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Screenshots land here, one per step worth looking at. */
export const OUTPUT_DIR = path.join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** Debian's Chromium, headless, kept off the network it cannot reach (stack.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page: 375 × 812, as the app is held. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', deviceScaleFactor: 2 });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** A screenshot once Taro's toast (after an action) has gone, so it hides nothing. */
export async function screenshotAfterToasts(page: Page, name: string): Promise<void> {
  await page
    .waitForFunction(
      () => Array.from(document.querySelectorAll('.taro__toast')).every((el) => getComputedStyle(el).display === 'none'),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await screenshot(page, name);
}
