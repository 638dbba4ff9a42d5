import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { NextPage, PagedList } from '../../hooks/usePagedList';
import { buttonAria } from '../../utils/a11y';
import { Failed } from '../LoadState';
import { Skeleton } from '../Skeleton';

const FOOTER_TEXT: Record<NextPage, string> = {
  // Scrolling to the bottom asks for the next page; tapping does too where the list is too short to scroll.
  idle: '加载更多',
  loading: '加载中…',
  failed: '加载失败，点击重试',
  end: '没有更多了',
};

/** Under a paged list: more to load, loading it, its failure (tap to retry), or the end. */
export function ListFooter({ next, onMore }: { next: NextPage; onMore: () => void }) {
  const tappable = next === 'idle' || next === 'failed';
  return (
    <View
      className={`state state--inline${next === 'failed' ? ' state--failed' : ''}`}
      {...(tappable ? { onClick: onMore, ...buttonAria() } : {})}
    >
      <Text className={`state__text${tappable ? ' link' : ''}`}>{FOOTER_TEXT[next]}</Text>
    </View>
  );
}

interface PagedBodyProps<T> {
  list: PagedList<T, unknown>;
  /** Shown when there is nothing: what it means and what to do next (`Empty` with its action). */
  empty: ReactNode;
  renderItem: (item: T) => ReactNode;
  /** Inside a card: the first load and its failure without a card of their own. */
  inline?: boolean;
  /** Of the view that holds the items and the footer (`card` to put them in one). */
  className?: string;
}

/** A paged list's first load (a skeleton), its failure with 重试, its empty state, or its items and footer. */
export function PagedBody<T>({ list, empty, renderItem, inline, className }: PagedBodyProps<T>) {
  if (list.first.kind === 'loading') return <Skeleton inline={inline} lines={inline ? 3 : 4} />;
  if (list.first.kind === 'failed') {
    return <Failed inline={inline} message={list.first.message} onRetry={list.reload} />;
  }
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <View className={className}>
      {list.items.map(renderItem)}
      <ListFooter next={list.next} onMore={list.loadMore} />
    </View>
  );
}
