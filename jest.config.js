// One jest run for the whole workspace: each package is a project. The server's tests run once on
// PGlite and once more on PostgreSQL when TEST_DATABASE_URL is set; the browser tests run when
// Chromium is installed. Skipped suites are announced by scripts/test.mjs.
const { existsSync } = require('node:fs');

const tsTransform = (tsconfig) => ({ '^.+\\.(tsx?|jsx?|mjs)$': ['ts-jest', { tsconfig }] });
const node = (name, rootDir, extra = {}) => ({
  displayName: name,
  rootDir,
  testEnvironment: 'node',
  transform: tsTransform("<rootDir>/tsconfig.json"),
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
  ...extra,
});

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The mini-program's components in jsdom: Taro's components and APIs are replaced by the DOM
// stand-ins and jest.fn()s of miniapp/test/support (@tarojs/test-utils-react fails on Taro 4).
const miniapp = node('miniapp', '<rootDir>/miniapp', {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.{ts,tsx}'],
  transform: tsTransform('<rootDir>/test/tsconfig.json'),
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/support/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/support/taro.ts',
    '\\.(css|scss)$': '<rootDir>/test/support/style.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  // The app's imports resolve to its `.h5.ts(x)` files, as in the web build the tests stand for.
  resolver: '<rootDir>/test/support/resolver.cjs',
});

const serverOn = (db) =>
  node(`server · ${db}`, '<rootDir>/server', {
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    globals: { __TEST_DB__: db },
    // ES-module dependencies handed to Node's own require (see the files for why).
    moduleNameMapper: { '^(cookie|content-disposition)$': '<rootDir>/test/support/esm/$1.cjs' },
    globalSetup: '<rootDir>/test/support/global-setup.ts',
  });

module.exports = {
  testTimeout: 60_000,
  // Jest's default on two cores is one worker; the suites are mostly waiting on the database.
  maxWorkers: 2,
  projects: [
    node('shared', '<rootDir>/shared', { testMatch: ['<rootDir>/test/**/*.test.ts'] }),
    miniapp,
    serverOn('pglite'),
    ...(process.env.TEST_DATABASE_URL ? [serverOn('postgres')] : []),
    ...(existsSync(chromium)
      ? [node('browser', '<rootDir>/miniapp', { testMatch: ['<rootDir>/e2e/**/*.e2e.ts'] })]
      : []),
  ],
};
