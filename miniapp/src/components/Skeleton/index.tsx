import { Text, View } from '@tarojs/components';
import { aria } from '../../utils/a11y';
import './index.css';

interface SkeletonProps {
  /** Grey bars standing in for lines of content. */
  lines?: number;
  /** Said to screen readers, and shown small in the corner. */
  label?: string;
  /** Inside a card rather than a card of its own. */
  inline?: boolean;
}

/** Grey placeholders in the shape of what is loading, so the page does not jump when it arrives. */
export function Skeleton({ lines = 3, label = '正在加载…', inline = false }: SkeletonProps) {
  return (
    <View
      className={`skeleton${inline ? ' skeleton--inline' : ''}`}
      {...aria({ role: 'status', 'aria-busy': 'true', 'aria-label': label })}
    >
      <View className='skeleton__line skeleton__line--title' />
      {Array.from({ length: lines }, (_, i) => (
        <View key={i} className='skeleton__line' />
      ))}
      <Text className='skeleton__label'>{label}</Text>
    </View>
  );
}
