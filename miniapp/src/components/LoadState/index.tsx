import { Text, View } from '@tarojs/components';
import type { ReactElement, ReactNode } from 'react';
import type { Remote } from '../../hooks/useRemote';
import { ActionButton } from '../ActionButton';
import { Page } from '../Page';
import { Skeleton } from '../Skeleton';

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

/** Nothing to show: what it means and what to do next, with the one thing to do about it if any. */
export function Empty({ text, action, inline }: Placement & { text: string; action?: ReactNode }) {
  return (
    <View className={classes('empty', inline)}>
      <Text className='state__text'>{text}</Text>
      {/* Where 重试 stands in a failure. */}
      {action && <View className='state__retry'>{action}</View>}
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

interface LoadedProps<T> {
  state: Remote<T | null>;
  onRetry: () => void;
  /** Shown when the answer holds nothing for this page (not staff here, not reported yet). */
  missing: ReactNode;
  children: (value: T) => ReactNode;
}

/**
 * What a page needs before it can show anything (the signed-in user's community, the unit they
 * run): a skeleton while it loads, the failure with 重试, `missing` when there is none, else the page.
 */
export function Loaded<T>({ state, onRetry, missing, children }: LoadedProps<T>) {
  if (state.kind === 'loading') return <Skeleton />;
  if (state.kind === 'failed') return <Failed message={state.message} onRetry={onRetry} />;
  if (state.value === null) return <>{missing}</>;
  return <>{children(state.value)}</>;
}

/**
 * The whole page while what it shows loads (正在加载…), or after that failed (with 重试); null once
 * it is ready, for the page to draw it.
 */
export function pageWhileLoading<T>(state: Remote<T>, onRetry: () => void): ReactElement | null {
  if (state.kind === 'loading') {
    return (
      <Page className='wish-page'>
        <Loading />
      </Page>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Page className='wish-page'>
        <Failed message={state.message} onRetry={onRetry} />
      </Page>
    );
  }
  return null;
}
