import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { pageWhileLoading } from '../components/LoadState';
import { isSessionEnded } from '../services/api';
import { messageOf } from '../utils/form';
import { useRefresh } from './useRefresh';
import type { Remote } from './useRemote';

export interface Detail<T> {
  state: Remote<T>;
  /** `quiet`: keep what is shown while it reloads (pull-down, coming back, after a 409); a failure
   *  then is a toast, not the error page. */
  load: (quiet: boolean) => Promise<void>;
  /** Shows an action's answer at once (an answer read earlier and arriving later is dropped);
   *  given a function, the answer is made from what is shown. */
  replace: (next: T | ((shown: T | null) => T)) => void;
}

/**
 * The object a detail page (`?id=`) shows: loaded on opening and on pull-down, replaced by the
 * answer of each action; answers arriving out of order never overwrite a newer one.
 * `noun` names it in the messages (心愿, 民情 …).
 */
export function useDetail<T>(id: string, read: (id: string) => Promise<T>, noun: string): Detail<T> {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' });
  const latest = useRef(0);
  const shown = useRef(false);

  const load = useCallback(
    (quiet: boolean): Promise<void> => {
      const ticket = ++latest.current;
      if (!quiet || !shown.current) setState({ kind: 'loading' });
      if (!id) {
        setState({ kind: 'failed', message: `找不到该${noun}，请从列表重新打开` });
        return Promise.resolve();
      }
      return read(id).then(
        (value) => {
          if (ticket !== latest.current) return;
          shown.current = true;
          setState({ kind: 'ready', value });
        },
        (error: unknown) => {
          if (ticket !== latest.current || isSessionEnded(error)) return;
          const message = messageOf(error, `加载${noun}失败，请稍后重试`);
          if (shown.current) Taro.showToast({ title: message, icon: 'none' });
          else setState({ kind: 'failed', message });
        },
      );
    },
    [id, read, noun],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  useRefresh(() => load(true));

  const replace = useCallback((next: T | ((shown: T | null) => T)) => {
    latest.current++;
    setState((current) => ({
      kind: 'ready',
      value: typeof next === 'function' ? (next as (shown: T | null) => T)(current.kind === 'ready' ? current.value : null) : next,
    }));
  }, []);

  return { state, load, replace };
}

/** The page while a detail loads or after it failed (with 重试); null once it is ready. */
export const detailPlaceholder = <T,>(detail: Detail<T>): ReactElement | null => pageWhileLoading(detail.state, () => void detail.load(false));
