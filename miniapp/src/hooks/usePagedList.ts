import Taro, { useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSessionEnded } from '../services/api';
import { messageOf } from '../utils/form';
import { useRefresh } from './useRefresh';

const FALLBACK_MESSAGE = '加载失败，请稍后重试';

/**
 * One page of a list as the server answers it: `{ items, nextCursor }`, sometimes with more beside
 * (the figures, the unread count). A list the server sends whole has no `nextCursor`.
 */
export interface PageAnswer<T> {
  items: T[];
  nextCursor?: string | null;
}

export type FirstPage = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };
/** The next page: none asked, being loaded, failed (tap to retry), or there is none. */
export type NextPage = 'idle' | 'loading' | 'failed' | 'end';

export interface PagedList<T, A = PageAnswer<T>> {
  items: T[];
  /** The latest page's answer, for what comes with it; null until the first page is in. */
  answer: A | null;
  first: FirstPage;
  next: NextPage;
  /** Loads the first page again (重试, or after an action changed the list). */
  reload: () => void;
  loadMore: () => void;
  /** Changes the items on screen (an item acted on, read, removed) without asking the server. */
  update: (change: (items: T[]) => T[]) => void;
}

type ItemOf<A> = A extends PageAnswer<infer T> ? T : never;

/** The items of `more` that are not on screen yet (a row that moved up between two pages). */
function appended<T extends { id: string }>(shown: T[], more: T[]): T[] {
  const seen = new Set(shown.map((item) => item.id));
  return [...shown, ...more.filter((item) => !seen.has(item.id))];
}

/**
 * A list the server serves in pages, for a page component: the first page on mount and whenever
 * `deps` change, the next when the page is scrolled to the bottom (or its footer tapped), all again
 * on pull-down (the page's config needs `enablePullDownRefresh: true`) and quietly each time the
 * page is shown again (coming back from a page that changed something). A quiet load keeps the
 * list on screen and says a failure in a toast. Answers for other `deps`, or overtaken by a newer
 * load, are dropped.
 */
export function usePagedList<A extends PageAnswer<{ id: string }>>(
  load: (cursor: string | null) => Promise<A>,
  deps: readonly unknown[],
): PagedList<ItemOf<A>, A> {
  type T = ItemOf<A>;
  const [items, setItems] = useState<T[]>([]);
  const [answer, setAnswer] = useState<A | null>(null);
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

  const take = useCallback((page: A) => {
    cursor.current = page.nextCursor ?? null;
    setAnswer(page);
    setNext(cursor.current ? 'idle' : 'end');
  }, []);

  const loadFirst = useCallback((quiet: boolean): Promise<void> => {
    const ticket = ++generation.current;
    const keep = quiet && firstRef.current.kind === 'ready';
    if (!keep) {
      setItems([]);
      setAnswer(null);
      setFirst({ kind: 'loading' });
      setNext('idle');
    }
    return loadRef.current(null).then(
      (page) => {
        if (ticket !== generation.current) return;
        take(page);
        setItems(page.items as T[]);
        setFirst({ kind: 'ready' });
      },
      (error: unknown) => {
        if (ticket !== generation.current || isSessionEnded(error)) return;
        const message = messageOf(error, FALLBACK_MESSAGE);
        if (keep) Taro.showToast({ title: message, icon: 'none' });
        else setFirst({ kind: 'failed', message });
      },
    );
  }, [take]);

  useEffect(() => {
    void loadFirst(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new function on every render; what it loads is named by `deps`
  }, deps);

  useRefresh(() => loadFirst(true));

  const loadMore = useCallback(() => {
    if (firstRef.current.kind !== 'ready' || !cursor.current) return;
    if (nextRef.current === 'loading' || nextRef.current === 'end') return;
    const ticket = generation.current;
    setNext('loading');
    nextRef.current = 'loading';
    loadRef.current(cursor.current).then(
      (page) => {
        if (ticket !== generation.current) return;
        take(page);
        setItems((shown) => appended(shown, page.items as T[]));
      },
      (error: unknown) => {
        if (ticket !== generation.current || isSessionEnded(error)) return;
        setNext('failed');
      },
    );
  }, [take]);

  useReachBottom(loadMore);

  const reload = useCallback(() => void loadFirst(false), [loadFirst]);
  const update = useCallback((change: (shown: T[]) => T[]) => setItems(change), []);

  return { items, answer, first, next, reload, loadMore, update };
}
