/**
 * What the mini-program costs to load: the WeChat main package (everything outside the
 * subpackage roots of app.json) and the gzip size of the JavaScript a browser fetches to show the
 * web build's first page, read off a real Chromium loading it from the real server.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export function weappMainPackageBytes(distDir: string): number {
  const app = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(distDir, s.root.replace(/\/$/, '')));
  const walk = (dir: string): number =>
    readdirSync(dir).reduce((sum, name) => {
      const file = path.join(dir, name);
      if (roots.includes(file)) return sum;
      const stat = statSync(file);
      return sum + (stat.isDirectory() ? walk(file) : stat.size);
    }, 0);
  return walk(distDir);
}

export async function webFirstPageScriptGzipBytes(url: string, chromiumPath: string): Promise<{ bytes: number; files: number }> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length));
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const sizes = await Promise.all(scripts);
    return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
  } finally {
    await browser.close();
  }
}
