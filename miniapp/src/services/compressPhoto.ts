import Taro from '@tarojs/taro';
import { needsCompression, type PhotoFile, smallerOf, WEAPP_QUALITY } from './photoCompression';

function sizeOf(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({ filePath, success: ({ size }) => resolve(size), fail: reject });
  });
}

async function compressed(photo: PhotoFile): Promise<PhotoFile | null> {
  try {
    const { tempFilePath } = await Taro.compressImage({ src: photo.path, quality: WEAPP_QUALITY });
    return { path: tempFilePath, size: await sizeOf(tempFilePath) };
  } catch {
    return null;
  }
}

/**
 * WeChat: a large photo through compressImage, kept only when it came out smaller (the web build
 * resolves compressPhoto.h5.ts instead, Taro's platform files).
 */
export async function compressPhoto(photo: PhotoFile): Promise<PhotoFile> {
  if (!needsCompression(photo)) return photo;
  return smallerOf(photo, await compressed(photo));
}
