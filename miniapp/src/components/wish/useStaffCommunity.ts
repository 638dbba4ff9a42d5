import { useState } from 'react';
import type { Me } from '@huijia/shared';

export interface StaffCommunity {
  id: string;
  name: string;
}

/** The communities whose wishes the user reviews: where they hold the community_staff role. */
export function staffCommunitiesOf(me: Me): StaffCommunity[] {
  return me.roles.flatMap((grant) =>
    grant.role === 'community_staff' && grant.orgId
      ? [{ id: grant.orgId, name: grant.scopeName ?? '本社区' }]
      : [],
  );
}

/** The staff member's communities and the one being looked at (the first, unless they switch). */
export function useStaffCommunity(me: Me | null): {
  communities: StaffCommunity[];
  current: StaffCommunity | null;
  choose: (id: string) => void;
} {
  const communities = me ? staffCommunitiesOf(me) : [];
  const [chosen, choose] = useState<string | null>(null);
  const current = communities.find((c) => c.id === chosen) ?? communities[0] ?? null;
  return { communities, current, choose };
}
