/** The numbers that bound what images cost: their size, an account's daily share, how long they wait. */

const MB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The long side of an image as stored: a phone screen's width twice over, still sharp when zoomed
 * in; a photo is then mostly 0.3–1 MB as a JPEG (2 MB at worst, for pure noise). Smaller images are
 * never enlarged.
 */
export const IMAGE_LONG_SIDE_PX = 2048;
/** The long side of a thumbnail: a list's tile at three device pixels per point. */
export const THUMB_LONG_SIDE_PX = 360;
/**
 * Images of more pixels are refused before they are decoded (a decompression bomb: a few hundred KB
 * of PNG that decodes to gigabytes). 64 MP takes a 50 MP phone camera's 8192 × 6144 photo.
 */
export const MAX_INPUT_PIXELS = 64_000_000;

/**
 * An account's daily share, over any rolling 24 hours: 60 uploads (ten wishes' worth of six photos)
 * and 60 MB stored. A redrawn photo with its thumbnail is mostly under 1 MB, so the count binds
 * first for people; the bytes bound what crafted images could take (60 of noise would be 120 MB).
 */
export const UPLOAD_QUOTA = { uploads: 60, bytes: 60 * MB, windowMs: 24 * HOUR_MS } as const;

/** A burst of uploads is a script, not a person (WRITE_LIMITS): at most this many in ten minutes. */
export const UPLOAD_BURST = { uploads: 30, windowMs: HOUR_MS / 6 } as const;

/** An upload attached to no wish or record by then is removed, row and files. */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * HOUR_MS;
/** How often the sweep of unattached uploads runs. */
export const UPLOAD_SWEEP_EVERY_MS = HOUR_MS;
