import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export interface Suite {
  /** The real server on a throwaway database with the demo city, serving the web build. */
  server: RunningServer;
  /** Debian's Chromium. */
  browser: Browser;
}

/** One server and one browser for the test file: started before its tests, stopped after. */
export function appSuite(): Suite {
  const suite = {} as Suite;
  // The server's own start-up deadline is 60 s (startServer): the hook waits longer, so that its
  // error is the one reported on a busy machine.
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
