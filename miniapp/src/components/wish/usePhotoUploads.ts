import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { type Photo, WISH_PHOTOS_MAX } from '@huijia/shared';
import { compressPhoto } from '../../services/compressPhoto';
import type { PhotoFile } from '../../services/photoCompression';
import { uploadPhoto } from '../../services/uploads';
import { messageOf } from '../../utils/form';

export interface PickedPhoto {
  key: string;
  /** The server's photo, once uploaded: its id goes into the form. */
  photo?: Photo;
  /** The chosen file on this device, compressed once sent (absent for a photo restored from a draft). */
  chosen?: PhotoFile;
  /** Upload progress, 0-100. */
  progress: number;
  /** Why the upload failed, in Chinese; tapping the photo tries again. */
  failed?: string;
}

export interface PhotoUploads {
  items: PickedPhoto[];
  /** Opens the album or camera and uploads what was chosen, up to the limit. */
  choose: () => Promise<void>;
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** The uploaded photos, in the order chosen. */
  photos: Photo[];
  /** Some are still uploading. */
  uploading: boolean;
  /** Some failed and must be retried or removed before the form is sent. */
  failed: boolean;
  /** How many may be chosen in all. */
  max: number;
}

let counter = 0;
const nextKey = () => `photo-${Date.now()}-${++counter}`;

/**
 * Photos chosen with Taro.chooseMedia, compressed when large (`compressPhoto`) and uploaded at once
 * (`POST /api/uploads`), so that the form only sends their ids. `initial` are photos already
 * uploaded (a restored draft).
 */
export function usePhotoUploads(initial: readonly Photo[] = [], max = WISH_PHOTOS_MAX): PhotoUploads {
  const [items, setItems] = useState<PickedPhoto[]>(() =>
    initial.map((photo) => ({ key: nextKey(), photo, progress: 100 })),
  );
  const current = useRef(items);
  current.current = items;

  const update = useCallback((key: string, change: Partial<PickedPhoto>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const upload = useCallback(
    (key: string, chosen: PhotoFile) => {
      update(key, { progress: 0, failed: undefined });
      compressPhoto(chosen)
        .then((sent) => {
          // A retry sends the compressed one again rather than compressing anew.
          update(key, { chosen: sent });
          return uploadPhoto(sent, (progress) => update(key, { progress }));
        })
        .then(
          (photo) => update(key, { photo, progress: 100 }),
          (error: unknown) => update(key, { failed: messageOf(error, '上传失败') }),
        );
    },
    [update],
  );

  const choose = useCallback(async () => {
    const room = max - current.current.length;
    if (room <= 0) {
      Taro.showToast({ title: `最多 ${max} 张照片`, icon: 'none' });
      return;
    }
    let files: PhotoFile[];
    try {
      // chooseMedia, not the deprecated chooseImage; on h5 Taro answers it from a file input.
      const result = await Taro.chooseMedia({
        count: room,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      // The browser's file picker does not stop at `count`.
      files = result.tempFiles
        .slice(0, room)
        .map((file) => ({ path: file.tempFilePath, file: file.originalFileObj, size: file.size }));
    } catch {
      return; // cancelled
    }
    const added = files.map((chosen) => ({ key: nextKey(), chosen, progress: 0 }));
    setItems((list) => [...list, ...added]);
    for (const item of added) upload(item.key, item.chosen);
  }, [max, upload]);

  const remove = useCallback((key: string) => {
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = current.current.find((i) => i.key === key);
      if (item?.chosen && item.failed) upload(key, item.chosen);
    },
    [upload],
  );

  return {
    items,
    choose,
    remove,
    retry,
    photos: items.flatMap((item) => (item.photo ? [item.photo] : [])),
    uploading: items.some((item) => !item.photo && !item.failed),
    failed: items.some((item) => Boolean(item.failed)),
    max,
  };
}
