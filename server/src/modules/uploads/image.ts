import sharp from 'sharp';
import { IMAGE_LONG_SIDE_PX, MAX_INPUT_PIXELS, THUMB_LONG_SIDE_PX } from './limits';

/** The image types accepted, recognised by their first bytes, never by a name or a header. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/** The file name extension of a stored type. */
export const extensionOf = (type: string): string => ({ 'image/png': 'png', 'image/webp': 'webp' })[type] ?? 'jpg';

/** An image as it is stored: the picture and its thumbnail, of one type. */
export interface StoredImage {
  contentType: ImageType;
  image: Buffer;
  thumb: Buffer;
}

/**
 * The image redrawn from its pixels alone: turned upright by its EXIF orientation, at most
 * IMAGE_LONG_SIDE_PX on its long side, in sRGB, with no metadata at all (EXIF with its GPS
 * position, XMP, comments, ICC profiles), plus a thumbnail. Null when it cannot be decoded: garbage
 * behind an image's first bytes, a cut-off file, more than MAX_INPUT_PIXELS pixels.
 *
 * Everything becomes a JPEG. These are photos of wishes and of service done, for which JPEG is the
 * smallest; it is the one type every client shows (the mini-program shows photos from downloaded
 * files, and WeChat's <image> decodes WebP only when asked to, from the network); keeping PNG for
 * screenshots would store up to 9 MB for a 2048 px PNG whose JPEG is 2 MB. A transparent PNG is laid
 * on white so that its clear parts do not turn black.
 */
export async function storedImage(bytes: Buffer): Promise<StoredImage | null> {
  try {
    const image = await sharp(bytes, {
      limitInputPixels: MAX_INPUT_PIXELS,
      // libjpeg's warnings (a few stray bytes between markers) are common in phone photos and
      // harmless; its errors and cut-off files are refused.
      failOn: 'error',
    })
      .autoOrient()
      .resize({ width: IMAGE_LONG_SIDE_PX, height: IMAGE_LONG_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    // From the image just made: already upright and small, so this decode is cheap.
    const thumb = await sharp(image)
      .resize({ width: THUMB_LONG_SIDE_PX, height: THUMB_LONG_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { contentType: 'image/jpeg', image, thumb };
  } catch {
    return null;
  }
}
