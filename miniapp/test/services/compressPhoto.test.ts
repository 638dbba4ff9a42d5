import { compressPhoto } from '../../src/services/compressPhoto';
import { compressPhoto as compressOnTheWeb } from '../../src/services/compressPhoto.h5';
import { COMPRESS_ABOVE_BYTES, fitWithin, needsCompression, smallerOf } from '../../src/services/photoCompression';
import { fileSizes, taro } from '../support/taro';

const KB = 1024;
const MB = 1024 * KB;

describe('which photos are compressed before upload', () => {
  it('a photo up to the threshold goes as chosen, a larger one is compressed', () => {
    expect(needsCompression({ path: 'a.jpg', size: COMPRESS_ABOVE_BYTES })).toBe(false);
    expect(needsCompression({ path: 'a.jpg', size: COMPRESS_ABOVE_BYTES + 1 })).toBe(true);
  });

  it('the longer side is brought down to 1600 px, keeping the shape, and a small photo is not enlarged', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(1080, 2400)).toEqual({ width: 720, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('the compressed photo is kept only when it is smaller', () => {
    const original = { path: 'a.png', size: 2 * MB };
    expect(smallerOf(original, { path: 'b.jpg', size: 300 * KB })).toEqual({ path: 'b.jpg', size: 300 * KB });
    expect(smallerOf(original, { path: 'b.jpg', size: 3 * MB })).toBe(original);
    expect(smallerOf(original, null)).toBe(original);
  });
});

describe('compressing in WeChat', () => {
  const large = { path: 'wxfile://tmp/camera.jpg', size: 4 * MB };

  it('a large photo goes through compressImage at quality 70 and is sent compressed', async () => {
    taro.compressImage.mockResolvedValue({ tempFilePath: 'wxfile://tmp/small.jpg', errMsg: 'compressImage:ok' });
    fileSizes.set('wxfile://tmp/small.jpg', 350 * KB);

    await expect(compressPhoto(large)).resolves.toEqual({ path: 'wxfile://tmp/small.jpg', size: 350 * KB });
    expect(taro.compressImage).toHaveBeenCalledWith({ src: large.path, quality: 70 });
  });

  it('a small photo is not touched', async () => {
    const small = { path: 'wxfile://tmp/small.jpg', size: 120 * KB };
    await expect(compressPhoto(small)).resolves.toBe(small);
    expect(taro.compressImage).not.toHaveBeenCalled();
  });

  it('the original is sent when compressing fails or makes it bigger', async () => {
    taro.compressImage.mockRejectedValueOnce(new Error('compressImage:fail'));
    await expect(compressPhoto(large)).resolves.toBe(large);

    taro.compressImage.mockResolvedValueOnce({ tempFilePath: 'wxfile://tmp/bigger.jpg', errMsg: 'compressImage:ok' });
    fileSizes.set('wxfile://tmp/bigger.jpg', 5 * MB);
    await expect(compressPhoto(large)).resolves.toBe(large);
  });
});

describe('compressing on the web', () => {
  it('the original is sent when the browser cannot read the image (a format it does not decode)', async () => {
    const createImageBitmap = jest.fn().mockRejectedValue(new Error('The source image could not be decoded.'));
    Object.assign(globalThis, { createImageBitmap });
    const chosen = { path: 'blob:photo', file: new Blob([new Uint8Array(2 * MB)], { type: 'image/heic' }), size: 2 * MB };

    await expect(compressOnTheWeb(chosen)).resolves.toBe(chosen);
    expect(createImageBitmap).toHaveBeenCalledWith(chosen.file);
  });
});
