// The rules for sending photos smaller, the same in both builds (compressPhoto.ts for WeChat,
// compressPhoto.h5.ts for the web). chooseMedia's sizeType 'compressed' is not honoured on every
// device, and a phone camera's photo runs to several MB: over slow networks, and over the server's
// 5 MB limit.

/** Photos up to this size go as chosen. */
export const COMPRESS_ABOVE_BYTES = 400 * 1024;
/** The longest side a photo keeps on the web, in pixels: plenty to read a meter or a crack in a wall. */
export const MAX_EDGE_PX = 1600;
/** JPEG quality of the web's canvas export (0-1). */
export const WEB_JPEG_QUALITY = 0.8;
/** Quality asked of WeChat's compressImage (0-100). */
export const WEAPP_QUALITY = 70;

/** A photo as chosen or compressed: where it is and how many bytes it has. */
export interface PhotoFile {
  path: string;
  /** The browser's file (web only): what is sent. */
  file?: Blob;
  size: number;
}

export function needsCompression(photo: PhotoFile): boolean {
  return photo.size > COMPRESS_ABOVE_BYTES;
}

/** `width`×`height` scaled down to fit `maxEdge` on its longer side (never up), in whole pixels. */
export function fitWithin(width: number, height: number, maxEdge = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The compressed photo when it is smaller; the original when compressing failed or made it bigger. */
export function smallerOf(original: PhotoFile, compressed: PhotoFile | null): PhotoFile {
  return compressed && compressed.size < original.size ? compressed : original;
}
