import { fitWithin, needsCompression, type PhotoFile, smallerOf, WEB_JPEG_QUALITY } from './photoCompression';

/** The image redrawn on a canvas at most MAX_EDGE_PX on its longer side, as a JPEG. */
async function redrawn(file: Blob): Promise<Blob | null> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  // A PNG's transparent parts would turn black in a JPEG.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', WEB_JPEG_QUALITY));
}

async function compressed(photo: PhotoFile): Promise<PhotoFile | null> {
  if (!photo.file) return null;
  try {
    const jpeg = await redrawn(photo.file);
    // The preview keeps showing the chosen file; the JPEG is what is sent.
    return jpeg && { path: photo.path, file: jpeg, size: jpeg.size };
  } catch {
    return null;
  }
}

/** Web: a large photo redrawn smaller as a JPEG, kept only when it came out smaller. */
export async function compressPhoto(photo: PhotoFile): Promise<PhotoFile> {
  if (!needsCompression(photo)) return photo;
  return smallerOf(photo, await compressed(photo));
}
