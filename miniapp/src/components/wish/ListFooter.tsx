import { Text, View } from '@tarojs/components';
import { buttonAria } from '../../utils/a11y';
import type { NextPage } from './usePagedList';
import './wish.css';

/** Under a paged list: loading the next page, its failure (tap to retry), or the end. */
export function ListFooter({ next, onRetry }: { next: NextPage; onRetry: () => void }) {
  if (next === 'idle') return null;
  if (next === 'failed') {
    return (
      <View className='wish-more wish-more--failed' onClick={onRetry} {...buttonAria()}>
        <Text>加载失败，点击重试</Text>
      </View>
    );
  }
  return (
    <View className='wish-more'>
      <Text>{next === 'loading' ? '正在加载…' : '没有更多了'}</Text>
    </View>
  );
}
