import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHECKIN_CODE_ALPHABET, CHECKIN_CODE_LENGTH, CHECKIN_WINDOW_SECONDS } from '@huijia/shared';

/**
 * Check-in codes (签到码): a code changes every 30-second window, derived from the activity's secret
 * and the window's number, so the organiser's phone shows it without storing anything and a code
 * read off a photo or passed on stops working within a minute.
 */

const WINDOW_MS = CHECKIN_WINDOW_SECONDS * 1000;
const SECRET_BYTES = 32;

export const newActivitySecret = (): Buffer => randomBytes(SECRET_BYTES);

/** The number of the 30-second window `at` falls in. */
const windowOf = (at: Date) => Math.floor(at.getTime() / WINDOW_MS);

/** The alphabet's size times the most that fits in a byte: bytes at or above are skipped, so every
 *  character is equally likely (no modulo bias). */
const UNBIASED_BELOW = 256 - (256 % CHECKIN_CODE_ALPHABET.length);

/** The code of window `window`: characters of the alphabet from HMAC-SHA256(secret, window), drawing
 *  more rounds in the (vanishingly rare) case one digest has too few usable bytes. */
function codeOf(secret: Uint8Array, window: number): string {
  let code = '';
  for (let round = 0; code.length < CHECKIN_CODE_LENGTH; round++) {
    const digest = createHmac('sha256', secret).update(`${window}:${round}`).digest();
    for (const byte of digest) {
      if (byte >= UNBIASED_BELOW) continue;
      code += CHECKIN_CODE_ALPHABET[byte % CHECKIN_CODE_ALPHABET.length];
      if (code.length === CHECKIN_CODE_LENGTH) break;
    }
  }
  return code;
}

/** The code to show now, and when it is replaced (the end of its window). */
export function currentCode(secret: Uint8Array, now: Date): { code: string; expiresAt: Date } {
  const window = windowOf(now);
  return { code: codeOf(secret, window), expiresAt: new Date((window + 1) * WINDOW_MS) };
}

/**
 * Whether `code` (normalised: `parseCheckinInput`) is the code of the window `now` falls in or of
 * the one before (a member who scanned just before it changed), never of any other. Both are
 * compared, each in constant time, whatever the first answered.
 */
export function acceptsCode(secret: Uint8Array, code: string, now: Date): boolean {
  const given = Buffer.from(code);
  const window = windowOf(now);
  let accepted = false;
  for (const w of [window, window - 1]) {
    const expected = Buffer.from(codeOf(secret, w));
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    accepted = same || accepted;
  }
  return accepted;
}
