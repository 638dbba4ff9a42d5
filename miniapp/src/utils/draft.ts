import Taro from '@tarojs/taro';

/**
 * What is kept of an unsent form while its user is away (another page, WeChat closing the
 * mini-program): one per form on this phone, tagged with whose it is, so a draft left by another
 * account is never shown.
 */
export interface FormDrafts<V> {
  /** The draft `userId` left, if any. */
  read: (userId: string) => V | null;
  save: (userId: string, value: V) => void;
  clear: () => void;
}

/** Drafts of one form, kept under `key`; `isValue` refuses what an older version left there. */
export function formDrafts<V>(key: string, isValue: (stored: unknown) => stored is V): FormDrafts<V> {
  return {
    read(userId) {
      try {
        const stored: unknown = Taro.getStorageSync(key);
        if (typeof stored !== 'object' || stored === null) return null;
        const { owner, value } = stored as { owner?: unknown; value?: unknown };
        return owner === userId && isValue(value) ? value : null;
      } catch {
        return null;
      }
    },
    save(userId, value) {
      try {
        Taro.setStorageSync(key, { owner: userId, value });
      } catch {
        // Storage full or unavailable: the form still works, only without a draft.
      }
    },
    clear() {
      try {
        Taro.removeStorageSync(key);
      } catch {
        // Nothing to clear.
      }
    },
  };
}

/** Whether what was stored is an object with a string under each of `keys` (a form's text fields). */
export function hasTexts(stored: unknown, keys: readonly string[]): stored is Record<string, unknown> {
  return typeof stored === 'object' && stored !== null && keys.every((key) => typeof (stored as Record<string, unknown>)[key] === 'string');
}
