import Taro from '@tarojs/taro';
import { ApiError, isSessionEnded } from '../../services/api';
import { messageOf } from '../../utils/form';

/** Asks before an irreversible step; true when the user goes ahead. */
export async function confirmStep(title: string, content: string, confirmText: string): Promise<boolean> {
  try {
    const { confirm } = await Taro.showModal({
      title,
      content,
      confirmText,
      confirmColor: '#c8161d',
      cancelText: '取消',
    });
    return confirm;
  } catch {
    return false;
  }
}

/** The wish moved on meanwhile (409): the form that acted on it has nothing left to do. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * Shows why an action on a wish failed. A 409 means the wish moved on meanwhile (another member
 * claimed it, staff acted first): the server's message in a dialog, then `reload` to show where it
 * is now. Anything else is a toast.
 */
export async function showActionFailure(error: unknown, reload: () => void): Promise<void> {
  if (isSessionEnded(error)) return;
  if (isStale(error) && error instanceof ApiError) {
    await Taro.showModal({
      title: '操作未完成',
      content: error.message,
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#c8161d',
    }).catch(() => undefined);
    reload();
    return;
  }
  Taro.showToast({ title: messageOf(error, '操作失败，请稍后重试'), icon: 'none' });
}
