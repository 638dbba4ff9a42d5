import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { resetTaro } from './taro';

// What the h5 build fixes at build time (config/index.ts): the platform, and the API on the same
// origin. Set before any test imports the app, which reads them at module load.
process.env.TARO_ENV = 'h5';
Object.assign(globalThis, { API_BASE: '' });

// How long findBy… and waitFor wait for a page to settle: the default second is too short on a
// loaded machine (CI runs these beside the browser suite), where a page's answers come late.
configure({ asyncUtilTimeout: 5_000 });

// Each test starts clean: the services a test mocked answer nothing until it says what, and Taro's
// stand-ins are back to their defaults.
beforeEach(() => {
  jest.resetAllMocks();
  resetTaro();
});
