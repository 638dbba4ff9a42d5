import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListEnvelope } from '@huijia/shared';
import { isSessionEnded } from '../../services/api';
import { messageOf } from '../../utils/form';

const FALLBACK_MESSAGE = '加载失败，请稍后重试';

export type FirstPage = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };
/** The next page: none asked, being loaded, failed (tap to retry), or there is none. */
export type NextPage = 'idle' | 'loading' | 'failed' | 'end';

export interface PagedList<T> {
  items: T[];
  first: FirstPage;
  next: NextPage;
  /** Loads the first page again (重试, or after an action changed the list). */
  reload: () => void;
  loadMore: () => void;
  /** Changes the items on screen (an item acted on, read, removed) without asking the server. */
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A list the server serves in pages (`{ items, nextCursor }`), for a page component: the first
 * page on mount and whenever `deps` change, the next when the page is scrolled to the bottom, all
 * again on pull-down (the page's config needs `enablePullDownRefresh: true`) and quietly each time
 * the page is shown again (coming back from a detail page that changed something). Answers for
 * other `deps`, or overtaken by a newer load, are dropped.
 */
export function usePagedList<T>(
  load: (cursor: string | null) => Promise<ListEnvelope<T>>,
  deps: readonly unknown[],
  options: { enabled?: boolean } = {},
): PagedList<T> {
  const enabled = options.enabled ?? true;
  const [items, setItems] = useState<T[]>([]);
  const [first, setFirst] = useState<FirstPage>({ kind: 'loading' });
  const [next, setNext] = useState<NextPage>('idle');
  const cursor = useRef<string | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const nextRef = useRef(next);
  nextRef.current = next;
  const firstRef = useRef(first);
  firstRef.current = first;

  /** Loads the first page; `quiet` keeps what is on screen until the answer replaces it. */
  const loadFirst = useCallback((quiet: boolean): Promise<void> => {
    const ticket = ++generation.current;
    if (!quiet) {
      setItems([]);
      setFirst({ kind: 'loading' });
      setNext('idle');
    }
    return loadRef.current(null).then(
      (page) => {
        if (ticket !== generation.current) return;
        cursor.current = page.nextCursor;
        setItems(page.items);
        setFirst({ kind: 'ready' });
        setNext(page.nextCursor ? 'idle' : 'end');
      },
      (error: unknown) => {
        if (ticket !== generation.current || isSessionEnded(error)) return;
        const message = messageOf(error, FALLBACK_MESSAGE);
        if (quiet && firstRef.current.kind === 'ready') {
          Taro.showToast({ title: message, icon: 'none' });
        } else {
          setFirst({ kind: 'failed', message });
        }
      },
    );
  }, []);

  useEffect(() => {
    if (enabled) void loadFirst(false);
    // `load` is a new function on every render; what it loads is named by `deps`.
  }, [enabled, ...deps]);

  // Shown again after another page covered it (the first showing is the mount's load).
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    if (enabled && firstRef.current.kind === 'ready') void loadFirst(true);
  });

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    if (!enabled) return done();
    loadFirst(firstRef.current.kind !== 'failed').then(done, done);
  });

  const loadMore = useCallback(() => {
    if (firstRef.current.kind !== 'ready' || !cursor.current) return;
    if (nextRef.current === 'loading' || nextRef.current === 'end') return;
    const ticket = generation.current;
    setNext('loading');
    nextRef.current = 'loading';
    loadRef.current(cursor.current).then(
      (page) => {
        if (ticket !== generation.current) return;
        cursor.current = page.nextCursor;
        setItems((list) => [...list, ...page.items]);
        setNext(page.nextCursor ? 'idle' : 'end');
      },
      (error: unknown) => {
        if (ticket !== generation.current || isSessionEnded(error)) return;
        setNext('failed');
      },
    );
  }, []);

  useReachBottom(loadMore);

  const reload = useCallback(() => void loadFirst(false), [loadFirst]);
  const update = useCallback((change: (list: T[]) => T[]) => setItems(change), []);

  return { items, first, next, reload, loadMore, update };
}
