import { readFileSync } from 'node:fs';

/** How often the offset file is read again, at most. */
const REREAD_MS = 100;

/**
 * A clock moved by a file (`CLOCK_FILE`): its content is an offset in milliseconds from the real
 * time. The browser tests run the real server and need time to pass in it — an activity to start
 * and to end — without waiting; they write the file. Refused in production (config.ts). A missing
 * or unreadable file is no offset.
 */
export function fileClock(file: string): () => Date {
  let offset = 0;
  let readAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - readAt >= REREAD_MS) {
      readAt = now;
      try {
        offset = Number(readFileSync(file, 'utf8').trim()) || 0;
      } catch {
        offset = 0;
      }
    }
    return new Date(now + offset);
  };
}
