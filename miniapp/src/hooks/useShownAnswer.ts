import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hasSession } from '../services/session';

/**
 * An answer a page asks for each time it shows (another page may have changed it) and whenever
 * `key`, what the ask depends on, changes: the counts on 工作台's entries, the 消息 badge. Null
 * until known and while `ask` is null (nothing to ask yet); a failed ask keeps the last answer,
 * since a count or a badge is no place for an error. Answers overtaken by a newer ask are dropped.
 */
export function useShownAnswer<T>(ask: (() => Promise<T>) | null, key: string): T | null {
  const [answer, setAnswer] = useState<T | null>(null);
  const latest = useRef(0);
  const asking = useRef(ask);
  asking.current = ask;

  const load = useCallback(() => {
    const current = asking.current;
    if (!current || !hasSession()) return;
    const ticket = ++latest.current;
    current().then(
      (next) => {
        if (ticket === latest.current) setAnswer(() => next);
      },
      () => undefined,
    );
    // `key` names what `ask` depends on: a new key asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Showing asks (the first time too); so does a new key, after the first.
  useDidShow(load);
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) load();
    mounted.current = true;
  }, [load]);
  return answer;
}
