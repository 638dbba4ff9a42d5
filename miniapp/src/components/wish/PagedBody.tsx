import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Failed, Loading } from '../LoadState';
import { ListFooter } from './ListFooter';
import type { PagedList } from './usePagedList';
import './wish.css';

interface PagedBodyProps<T> {
  list: PagedList<T>;
  /** Shown when there is nothing: what it means and what to do. */
  empty: ReactNode;
  renderItem: (item: T) => ReactNode;
}

/** A paged list's first load, its failure with 重试, its empty state, or its items and footer. */
export function PagedBody<T>({ list, empty, renderItem }: PagedBodyProps<T>) {
  if (list.first.kind === 'loading') return <Loading />;
  if (list.first.kind === 'failed') return <Failed message={list.first.message} onRetry={list.reload} />;
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <View className='wish-list'>
      {list.items.map(renderItem)}
      <ListFooter next={list.next} onRetry={list.loadMore} />
    </View>
  );
}

/** An empty list: what it means, and optionally the one thing to do about it. */
export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <View className='state state--empty'>
      <View>
        <Text className='state__text'>{text}</Text>
      </View>
      {action && <View className='wish-empty__action'>{action}</View>}
    </View>
  );
}
