import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Loads a page's data again, quietly: each time the page is shown again after another page covered
 * it (coming back from one that changed something; the first showing is the page's own load), and
 * on pull-down (the page's config needs `enablePullDownRefresh: true`), stopping the spinner once
 * `refresh` settles.
 */
export function useRefresh(refresh: () => Promise<void>): void {
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    void refresh();
  });
  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    refresh().then(done, done);
  });
}
