import type { Health } from '@huijia/shared';
import { getHealth } from '../services/health';
import { type Remote, useRemote } from './useRemote';

export type HealthState = Remote<Health>;

/** Asks the API for its health on mount and whenever `retry` is called. */
export function useHealth(): { state: HealthState; retry: () => void } {
  return useRemote(getHealth, []);
}
