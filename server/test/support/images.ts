import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Images that decode, for the tests of uploads (the server redraws every upload from its pixels,
 * so bytes that only start like an image are refused): small ones written down, photos with the
 * metadata a phone writes, a decompression bomb; and the files on the upload store's disk.
 */

/** 4 × 3 pixels of red, as each accepted type. */
export const SMALL_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCeACoH/9k=',
  'base64',
);
export const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAMAAACDKl70AAAAA1BMVEXAOSuU7d9gAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAC0lEQVQImWNgQAEAAA8AAa1dsIkAAAAASUVORK5CYII=',
  'base64',
);
export const SMALL_WEBP = Buffer.from('UklGRjQAAABXRUJQVlA4ICgAAACQAQCdASoEAAMAAsBMJaACdLoAA5gA/ulpHr4Ap+z/+Sn+LvvN3aAA', 'base64');

/** Written into the photos' EXIF: the camera, and the datum of the GPS position. */
export const CAMERA_MARK = 'HuijiaTestCam';
export const GPS_MARK = 'HUIJIA-GPS-DATUM';

/**
 * A photo as a phone writes it: `width` × `height` pixels as stored, EXIF naming the camera and
 * the place it was taken (GPS latitude and longitude of 龙岩), and an EXIF orientation (6: the
 * viewer turns it 90° clockwise, so it shows `height` × `width`). The left half is dark, the right
 * half light, so that a turn can be seen.
 */
export async function cameraPhoto(options: { width: number; height: number; orientation?: number; format?: 'jpeg' | 'png' }): Promise<Buffer> {
  const { width, height } = options;
  const half = Math.floor(width / 2);
  const dark = await sharp({ create: { width: half, height, channels: 3, background: '#202020' } }).png().toBuffer();
  let image = sharp({ create: { width, height, channels: 3, background: '#f0f0f0' } }).composite([{ input: dark, left: 0, top: 0 }]);
  image = options.format === 'png' ? image.png() : image.jpeg({ quality: 90 });
  return image
    .withExif({
      IFD0: { Make: CAMERA_MARK, Model: 'Phone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 6/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '117/1 1/1 0/1', GPSMapDatum: GPS_MARK },
    })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .toBuffer();
}

/** What an image's bytes decode to: size, type, metadata. */
export const imageInfo = (bytes: Buffer) => sharp(bytes).metadata();

/** The mean lightness (0–255) of each half of an image. */
export async function lightness(bytes: Buffer): Promise<{ top: number; bottom: number; left: number; right: number }> {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  const mean = (x0: number, x1: number, y0: number, y1: number) => {
    let sum = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += data[y * info.width + x]!;
    return sum / ((x1 - x0) * (y1 - y0));
  };
  const [w, h] = [info.width, info.height];
  const [midX, midY] = [Math.floor(w / 2), Math.floor(h / 2)];
  return { top: mean(0, w, 0, midY), bottom: mean(0, w, h - midY, h), left: mean(0, midX, 0, h), right: mean(w - midX, w, 0, h) };
}

/** Written into the comment segments of a padded JPEG. */
export const COMMENT_MARK = 'HUIJIA-JPEG-COMMENT';

/** The JPEG padded to exactly `bytes` bytes with comment segments (COM) after its start. */
export function padJpeg(jpeg: Buffer, bytes: number): Buffer {
  let need = bytes - jpeg.length;
  if (need !== 0 && need < 4) throw new Error('a comment segment takes at least 4 bytes');
  const segments: Buffer[] = [];
  while (need > 0) {
    let size = Math.min(need, 4 + 65533);
    if (need - size > 0 && need - size < 4) size -= 4;
    const segment = Buffer.alloc(size, COMMENT_MARK);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(size - 2, 2);
    segments.push(segment);
    need -= size;
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** A PNG of one colour: a few hundred KB that decode to `width` × `height` × 3 bytes. */
export const decompressionBomb = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#000000' } }).png({ compressionLevel: 9 }).toBuffer();

/** Every file under `dir`, its path from `dir` (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
