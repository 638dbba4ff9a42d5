import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the web build, served by the real server', () => {
  it('shows that the service and its database are up', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/#/pages/health/index`);
    await page.locator('.health-status', { hasText: '服务正常' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'health');
  });
});
