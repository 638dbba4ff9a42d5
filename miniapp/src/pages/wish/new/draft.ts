import Taro from '@tarojs/taro';
import type { PioneerRole, Photo, WishCategory } from '@huijia/shared';

export interface WishFormValues {
  title: string;
  description: string;
  category: WishCategory | null;
  pioneerRole: PioneerRole | null;
  contactPhone: string;
  address: string;
}

/** What is kept of an unsent form while the user is away: whose it is, what they typed. */
export interface WishDraft {
  userId: string;
  values: WishFormValues;
  /** Photos already uploaded (a chosen file that was not is not kept). */
  photos: Photo[];
  /** Kept with the form: sending it again after a lost answer must not post a second wish. */
  idempotencyKey: string;
}

const STORAGE_KEY = 'huijia.wishDraft';

/** The draft of `userId`, if one was left (a draft of another account on this phone is ignored). */
export function readDraft(userId: string): WishDraft | null {
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as WishDraft | '' | undefined;
    if (!stored || typeof stored !== 'object' || stored.userId !== userId) return null;
    if (typeof stored.idempotencyKey !== 'string' || typeof stored.values !== 'object') return null;
    return { ...stored, photos: Array.isArray(stored.photos) ? stored.photos : [] };
  } catch {
    return null;
  }
}

export function saveDraft(draft: WishDraft): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, draft);
  } catch {
    // Storage full or unavailable: the form still works, only without a draft.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}
