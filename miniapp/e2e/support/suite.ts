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
  // A fresh PGlite directory and the demo city take 10-20 s on a quiet machine, far more when
  // builds run beside the tests. The server's own start-up deadline (startServer) is shorter than
  // the hook's, so that its error is the one reported.
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
