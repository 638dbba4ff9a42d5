import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { listNotifications } from '../services/notifications';
import { hasSession } from '../services/session';

/**
 * The number of unread messages, for the 消息 badge: asked each time the page shows (reading the
 * inbox changes it). Null until known; a failed ask keeps the last count, since a badge is no
 * place for an error.
 */
export function useUnread(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const latest = useRef(0);

  const load = useCallback(() => {
    if (!hasSession()) return;
    const ticket = ++latest.current;
    listNotifications({ limit: 1 }).then(
      (answer) => {
        if (ticket === latest.current) setUnread(answer.unread);
      },
      () => undefined,
    );
  }, []);

  useDidShow(load);
  return unread;
}
