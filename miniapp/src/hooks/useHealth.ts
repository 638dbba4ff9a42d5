import { useCallback, useEffect, useState } from 'react';
import type { Health } from '@huijia/shared';
import { ApiError } from '../services/api';
import { getHealth } from '../services/health';

export type HealthState =
  | { kind: 'loading' }
  | { kind: 'answered'; health: Health }
  | { kind: 'failed'; message: string };

const FALLBACK_MESSAGE = '连接服务失败，请稍后重试';

/** Asks the API for its health on mount and whenever `retry` is called. */
export function useHealth(): { state: HealthState; retry: () => void } {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    getHealth().then(
      (health) => {
        if (current) setState({ kind: 'answered', health });
      },
      (error: unknown) => {
        if (current) {
          const message = error instanceof ApiError ? error.message : FALLBACK_MESSAGE;
          setState({ kind: 'failed', message });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
