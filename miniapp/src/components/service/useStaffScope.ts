import { useMe } from '../../hooks/useMe';
import { staffCommunitiesOf } from '../wish/useStaffCommunity';
import type { Community } from './community';
import type { Remote } from '../../hooks/useRemote';

/**
 * The community a staff page works on: the first where the user holds the community_staff role
 * (its orgId in GET /api/me). Ready with null when they hold none.
 */
export function useStaffScope(): { state: Remote<Community | null>; reload: () => void } {
  const { state, reload } = useMe();
  if (state.kind !== 'ready') return { state, reload };
  return { state: { kind: 'ready', value: staffCommunitiesOf(state.value)[0] ?? null }, reload };
}

export const NOT_STAFF_TEXT = '只有社区工作人员可以使用这个页面。';
