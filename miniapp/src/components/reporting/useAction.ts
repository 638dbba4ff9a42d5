import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isSessionEnded } from '../../services/api';
import { messageOf } from '../../utils/form';

export interface Confirmation {
  title: string;
  content: string;
  confirmText: string;
}

/** Asks before an irreversible step; true when the person agreed. */
export async function confirmFirst({ title, content, confirmText }: Confirmation): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title,
    content,
    confirmText,
    confirmColor: '#c8161d',
    cancelText: '取消',
  });
  return confirm;
}

/**
 * One request at a time from a page's buttons: `busy` names the one running (its button shows
 * busy, the others are disabled), a second tap meanwhile is ignored, and a failure becomes a toast
 * with the server's Chinese message. `run` resolves to the answer, or undefined when it failed.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(key: string, act: () => Promise<T>, failed = '操作失败，请稍后重试'): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(key);
      try {
        return await act();
      } catch (error) {
        if (!isSessionEnded(error)) {
          Taro.showToast({ title: messageOf(error, failed), icon: 'none', duration: 3000 });
        }
        return undefined;
      } finally {
        running.current = false;
        setBusy(null);
      }
    },
    [],
  );

  return { busy, run };
}

/** A short success toast. */
export function toastDone(title: string): void {
  Taro.showToast({ title, icon: 'success' });
}
