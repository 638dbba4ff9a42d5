import { Text, View } from '@tarojs/components';
import { ActionButton } from '../ActionButton';

interface Placement {
  /** Inside a card rather than a card of its own. */
  inline?: boolean;
}

function classes(kind: string, inline?: boolean): string {
  return `state state--${kind}${inline ? ' state--inline' : ''}`;
}

export function Loading({ text = '正在加载…', inline }: Placement & { text?: string }) {
  return (
    <View className={classes('loading', inline)}>
      <Text className='state__text'>{text}</Text>
    </View>
  );
}

export function Empty({ text, inline }: Placement & { text: string }) {
  return (
    <View className={classes('empty', inline)}>
      <Text className='state__text'>{text}</Text>
    </View>
  );
}

/** A load that failed: what went wrong, in Chinese, and 重试. */
export function Failed({
  message,
  onRetry,
  inline,
}: Placement & { message: string; onRetry: () => void }) {
  return (
    <View className={classes('failed', inline)}>
      <Text className='state__text'>{message}</Text>
      <ActionButton variant='plain' small className='state__retry' onClick={onRetry}>
        重试
      </ActionButton>
    </View>
  );
}
