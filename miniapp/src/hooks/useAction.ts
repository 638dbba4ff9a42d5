import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { ApiError, isSessionEnded } from '../services/api';
import { messageOf } from '../utils/form';
import { toastDone } from '../utils/toast';

const FAILED_MESSAGE = '操作失败，请稍后重试';
/** The dialogs' button that goes ahead: the app's red. */
const CONFIRM_COLOR = '#c8161d';

/** The question asked before an irreversible step. */
export interface Question {
  title: string;
  content: string;
  confirmText: string;
}

/** Asks before an irreversible step; true when the person goes ahead. */
export async function confirmStep({ title, content, confirmText }: Question): Promise<boolean> {
  try {
    const { confirm } = await Taro.showModal({
      title,
      content,
      confirmText,
      confirmColor: CONFIRM_COLOR,
      cancelText: '取消',
    });
    return confirm;
  } catch {
    return false;
  }
}

/** The thing acted on moved on meanwhile (409): someone else claimed it, staff acted first. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * Shows why an action failed. A 409 means the thing moved on meanwhile (or the step is refused as
 * things stand): the server's message in a dialog, then `onStale` to show where it is now.
 * Anything else is a toast with the server's Chinese message, or `fallback`.
 */
export async function showActionFailure(error: unknown, onStale?: () => void, fallback = FAILED_MESSAGE): Promise<void> {
  if (isSessionEnded(error)) return;
  if (isStale(error) && error instanceof ApiError) {
    await Taro.showModal({
      title: '操作未完成',
      content: error.message,
      showCancel: false,
      confirmText: '知道了',
      confirmColor: CONFIRM_COLOR,
    }).catch(() => undefined);
    onStale?.();
    return;
  }
  Taro.showToast({ title: messageOf(error, fallback), icon: 'none', duration: 3000 });
}

export interface RunOptions {
  /** Asked first; nothing is sent when the person declines. */
  ask?: Question;
  /** Said in a success toast once it is done. */
  done?: string;
  /** Said when the failure carries no message of its own. */
  failed?: string;
}

/**
 * One request at a time from a page's buttons and sheets: `busy` names the one running (its button
 * shows busy, the others are disabled), and a second tap meanwhile, even while the question is
 * open, is ignored. A failure is shown by `showActionFailure` (a 409 then calls `onStale`). `run`
 * resolves to the answer, or undefined when it was declined or failed.
 */
export function useAction<K extends string = string>(
  onStale?: () => void,
): {
  busy: K | null;
  run: <T>(key: K, act: () => Promise<T>, options?: RunOptions) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState<K | null>(null);
  const running = useRef(false);
  const stale = useRef(onStale);
  stale.current = onStale;

  const run = useCallback(async <T,>(key: K, act: () => Promise<T>, options: RunOptions = {}) => {
    if (running.current) return undefined;
    running.current = true;
    try {
      if (options.ask && !(await confirmStep(options.ask))) return undefined;
      setBusy(key);
      const answer = await act();
      if (options.done) toastDone(options.done);
      return answer;
    } catch (error) {
      await showActionFailure(error, stale.current && (() => stale.current?.()), options.failed);
      return undefined;
    } finally {
      running.current = false;
      setBusy(null);
    }
  }, []);

  return { busy, run };
}
