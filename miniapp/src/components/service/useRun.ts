import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { showActionFailure } from '../wish/actions';

/**
 * Runs one request at a time for a page's buttons: `busy` names the action under way (buttons
 * show it and refuse taps), a toast says it is done, and a failure shows the server's message
 * (a 409 in a dialog, then `onStale` to show where things are now).
 */
export function useRun(onStale: () => void): {
  busy: string | null;
  run: <T>(name: string, action: () => Promise<T>, done: string) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const running = useRef(false);
  const stale = useRef(onStale);
  stale.current = onStale;

  const run = useCallback(async <T,>(name: string, action: () => Promise<T>, done: string) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(name);
    try {
      const result = await action();
      Taro.showToast({ title: done, icon: 'success' });
      return result;
    } catch (error) {
      await showActionFailure(error, () => stale.current());
      return undefined;
    } finally {
      running.current = false;
      setBusy(null);
    }
  }, []);

  return { busy, run };
}
