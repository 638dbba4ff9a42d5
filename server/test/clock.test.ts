import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileClock } from '../src/clock';

const HOUR = 60 * 60 * 1000;

describe("the browser tests' clock (CLOCK_FILE)", () => {
  it('is the real time until the file says otherwise, then the real time moved by its offset', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'huijia-clock-')), 'offset');
    const now = fileClock(file);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(HOUR / 2);
    writeFileSync(file, String(2 * HOUR));
    // The file is read again at most every 100 ms.
    await new Promise((r) => setTimeout(r, 150));
    const moved = now().getTime() - Date.now();
    expect(moved).toBeGreaterThan(1.5 * HOUR);
    expect(moved).toBeLessThan(2.5 * HOUR);
    writeFileSync(file, 'not a number');
    await new Promise((r) => setTimeout(r, 150));
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(HOUR / 2);
  });
});
