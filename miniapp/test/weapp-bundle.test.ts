/**
 * @jest-environment node
 */
// The WeChat build holds no web code: WeChat has no DOM, no XHR, no Blob, and code that reaches
// for them fails there (or, unreached, is weight in a package capped at 2 MB). Reads the built
// `dist/weapp` (`pnpm test` builds it first; alone: pnpm --filter @huijia/miniapp build:weapp).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { weappMainPackageBytes } from '../../scripts/bench/bundle-size';

const DIST = path.resolve(__dirname, '../dist/weapp');

/**
 * The browser's globals, as the minified code uses them. A name read off another object is not
 * one (Taro's runtime keeps its own `document` and `window` stand-ins, `r.A.document`), nor is a
 * longer name that contains it.
 */
const WEB_GLOBALS: { token: string; pattern: RegExp }[] = [
  { token: 'XMLHttpRequest', pattern: /(?<![\w$.])XMLHttpRequest(?![\w$])/ },
  { token: 'document.', pattern: /(?<![\w$.])document\./ },
  { token: 'window.', pattern: /(?<![\w$.])window\./ },
  { token: 'Blob', pattern: /(?<![\w$.])Blob(?![\w$])/ },
  { token: 'FileReader', pattern: /(?<![\w$.])FileReader(?![\w$])/ },
  { token: 'localStorage', pattern: /(?<![\w$.])localStorage(?![\w$])/ },
];

/** WeChat allows 2 MB; ../shared/targets.md keeps the main package within 600 KB. */
const MAIN_PACKAGE_MAX_BYTES = 600 * 1024;

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(file);
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

/** `token` in context, to find it in the minified file. */
function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 60), index + 60).replace(/\s+/g, ' ');
}

describe('the weapp build', () => {
  beforeAll(() => {
    if (!existsSync(path.join(DIST, 'app.json'))) {
      throw new Error(`No weapp build at ${DIST}: run pnpm --filter @huijia/miniapp build:weapp`);
    }
  });

  it('holds no browser globals in any of its scripts', () => {
    const files = scripts(DIST);
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return WEB_GLOBALS.flatMap(({ token, pattern }) => {
        const match = pattern.exec(text);
        return match ? [`${path.relative(DIST, file)}: ${token} … ${excerpt(text, match.index)}`] : [];
      });
    });
    expect(found).toEqual([]);
  });

  it('keeps its main package within 600 KB', () => {
    expect(weappMainPackageBytes(DIST)).toBeLessThanOrEqual(MAIN_PACKAGE_MAX_BYTES);
  });
});
