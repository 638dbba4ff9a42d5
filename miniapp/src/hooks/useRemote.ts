import { useCallback, useEffect, useState } from 'react';
import { isSessionEnded } from '../services/api';
import { messageOf } from '../utils/form';

export type Remote<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; value: T }
  | { kind: 'failed'; message: string };

const FALLBACK_MESSAGE = '加载失败，请稍后重试';
const LOADING = { kind: 'loading' } as const;

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/**
 * Runs `load` on mount, whenever a value in `deps` changes and on `retry`. An answer that arrives
 * after a newer load started is dropped, and an answer for other `deps` is never shown (it reads
 * as loading until the new one arrives). Pass `null` to load nothing (the state stays loading).
 */
export function useRemote<T>(
  load: (() => Promise<T>) | null,
  deps: readonly unknown[],
): { state: Remote<T>; retry: () => void } {
  const [current, setCurrent] = useState<{ deps: readonly unknown[]; state: Remote<T> }>({
    deps,
    state: LOADING,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!load) return undefined;
    let live = true;
    setCurrent({ deps, state: LOADING });
    load().then(
      (value) => {
        if (live) setCurrent({ deps, state: { kind: 'ready', value } });
      },
      (error: unknown) => {
        // An ended session has already sent the person to sign in.
        if (live && !isSessionEnded(error)) {
          setCurrent({ deps, state: { kind: 'failed', message: messageOf(error, FALLBACK_MESSAGE) } });
        }
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new function on every render; what it loads is named by `deps`
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state: sameDeps(current.deps, deps) ? current.state : LOADING, retry };
}
