import type { HeldRole, Me } from '@huijia/shared';
import { orgPlacesOf, type Place } from '../../components/admin/scope';
import { scopesOf } from '../../hooks/useScope';
import type { AgreementView } from '../../subpackages/agreements';

/** The street and district nodes whose agreements an admin reads (street and district admins). */
export function areaPlacesOf(me: Me): Place[] {
  const admins: HeldRole[] = me.roles.filter((grant) => grant.role === 'street_admin' || grant.role === 'district_admin');
  return orgPlacesOf(admins, ['agreement.read']);
}

/** The lists this user may open, in the order the home page lists them. */
export function agreementViewsOf(me: Me): AgreementView[] {
  return [
    ...(scopesOf(me, 'community_staff').length > 0 ? (['community'] as const) : []),
    ...(scopesOf(me, 'unit_admin').length > 0 ? (['unit'] as const) : []),
    ...(areaPlacesOf(me).length > 0 ? (['area'] as const) : []),
  ];
}
