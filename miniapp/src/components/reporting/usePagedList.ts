import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSessionEnded } from '../../services/api';
import { messageOf } from '../../utils/form';

interface PageAnswer<T> {
  items: T[];
  nextCursor: string | null;
}

export type PagedState<T, A> =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | {
      kind: 'ready';
      items: T[];
      /** The latest page's answer (for what comes with it, like the figures). */
      answer: A;
      nextCursor: string | null;
      more: 'idle' | 'loading' | 'failed';
    };

const FALLBACK_MESSAGE = '加载失败，请稍后重试';

/**
 * A keyset-paged list (`{ items, nextCursor }`): the first page on mount and whenever `deps`
 * change, the next on `loadMore` (infinite scroll), all again on `reload`. `reload(true)` keeps
 * the list on screen while it loads (pull-down, coming back to the page). Answers for an older
 * load are dropped. Pass `null` to load nothing yet.
 */
export function usePagedList<T extends { id: string }, A extends PageAnswer<T>>(
  load: ((cursor: string | null) => Promise<A>) | null,
  deps: readonly unknown[],
) {
  const [state, setState] = useState<PagedState<T, A>>({ kind: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const loadRef = useRef(load);
  loadRef.current = load;
  const ticket = useRef(0);

  const reload = useCallback((quiet = false): Promise<void> => {
    const loader = loadRef.current;
    if (!loader) return Promise.resolve();
    const mine = ++ticket.current;
    const keep = quiet && stateRef.current.kind === 'ready';
    if (!keep) setState({ kind: 'loading' });
    return loader(null).then(
      (answer) => {
        if (mine !== ticket.current) return;
        setState({ kind: 'ready', items: answer.items, answer, nextCursor: answer.nextCursor, more: 'idle' });
      },
      (error: unknown) => {
        if (mine !== ticket.current || isSessionEnded(error)) return;
        const message = messageOf(error, FALLBACK_MESSAGE);
        if (keep) Taro.showToast({ title: message, icon: 'none' });
        else setState({ kind: 'failed', message });
      },
    );
  }, []);

  useEffect(() => {
    void reload();
    // `load` is a new function on every render; what it loads is named by `deps`.
  }, deps);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    const loader = loadRef.current;
    if (!loader || current.kind !== 'ready' || !current.nextCursor || current.more === 'loading') {
      return;
    }
    const mine = ticket.current;
    setState({ ...current, more: 'loading' });
    loader(current.nextCursor).then(
      (answer) => {
        if (mine !== ticket.current) return;
        setState((now) => {
          if (now.kind !== 'ready') return now;
          const seen = new Set(now.items.map((item) => item.id));
          return {
            kind: 'ready',
            items: [...now.items, ...answer.items.filter((item) => !seen.has(item.id))],
            answer,
            nextCursor: answer.nextCursor,
            more: 'idle',
          };
        });
      },
      (error: unknown) => {
        if (mine !== ticket.current) return;
        setState((now) => (now.kind === 'ready' ? { ...now, more: 'failed' } : now));
        if (!isSessionEnded(error)) {
          Taro.showToast({ title: messageOf(error, FALLBACK_MESSAGE), icon: 'none' });
        }
      },
    );
  }, []);

  return { state, reload, loadMore };
}
