import { phonePage, screenshot } from './support/browser';
import { appSuite } from './support/suite';

const suite = appSuite();

describe('the web build, served by the real server', () => {
  it('shows that the service and its database are up', async () => {
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.server.url}/#/pages/health/index`);
    await page.locator('.health-status', { hasText: '服务正常' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'health');
  });
});
