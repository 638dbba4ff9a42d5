import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Me } from '@huijia/shared';
import { rememberDesk } from '../navigation/desk';
import { goToLogin, sendToFirstStep } from '../routes';
import { isSessionEnded } from '../services/api';
import { getMe } from '../services/me';
import { hasSession } from '../services/session';
import { messageOf } from '../utils/form';
import type { Remote } from './useRemote';

const FALLBACK_MESSAGE = '加载个人信息失败，请稍后重试';

/**
 * The signed-in user for a page that needs one. Loads `GET /api/me` each time the page shows (tab
 * pages stay mounted, and the other tab may have changed something); once shown, later loads
 * replace it quietly, and a failed one keeps it on screen with a toast. Without a session it opens
 * the login page instead; with a one-time password still to replace, the change page.
 */
export function useMe(): { state: Remote<Me>; reload: () => void; replace: (me: Me) => void } {
  const [state, setState] = useState<Remote<Me>>({ kind: 'loading' });
  const shown = useRef(false);
  const latest = useRef(0);

  const reload = useCallback(() => {
    if (!hasSession()) {
      goToLogin();
      return;
    }
    const ticket = ++latest.current;
    if (!shown.current) setState({ kind: 'loading' });
    getMe().then(
      (me) => {
        if (ticket !== latest.current) return;
        shown.current = true;
        rememberDesk(me);
        setState({ kind: 'ready', value: me });
        // Opened with the agreement or a one-time password still to see to (the app relaunched): nothing else works.
        sendToFirstStep(me.user);
      },
      (error: unknown) => {
        if (ticket !== latest.current || isSessionEnded(error)) return;
        const message = messageOf(error, FALLBACK_MESSAGE);
        if (shown.current) {
          Taro.showToast({ title: message, icon: 'none' });
        } else {
          setState({ kind: 'failed', message });
        }
      },
    );
  }, []);

  useDidShow(reload);

  const replace = useCallback((me: Me) => {
    latest.current++;
    rememberDesk(me);
    shown.current = true;
    setState({ kind: 'ready', value: me });
  }, []);

  return { state, reload, replace };
}
