import { type HeldRole, type Me, mayClaimProjects } from '@huijia/shared';
import { orgPlacesOf, type Place } from '../../components/admin/scope';
import { scopesOf } from '../../hooks/useScope';
import type { ProjectView } from '../../subpackages/projects';

/** The street and district nodes whose projects an admin oversees. */
export function areaPlacesOf(me: Me): Place[] {
  const admins: HeldRole[] = me.roles.filter((grant) => grant.role === 'street_admin' || grant.role === 'district_admin');
  return orgPlacesOf(admins, ['project.oversee']);
}

/** The lists this user may open, in the order the home page lists them. */
export function projectViewsOf(me: Me): ProjectView[] {
  return [
    ...(scopesOf(me, 'community_staff').length > 0 ? (['community'] as const) : []),
    ...(mayClaimProjects(me.roles) ? (['claimable', 'mine'] as const) : []),
    ...(areaPlacesOf(me).length > 0 ? (['area'] as const) : []),
    ...(me.user.homeCommunityId ? (['board'] as const) : []),
  ];
}
