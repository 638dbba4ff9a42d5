import {
  type Agreement,
  agreementSchema,
  type AgreementState,
  listEnvelope,
  type ListEnvelope,
  type PartnerUnit,
  partnerUnitSchema,
  type ProposeAgreementBody,
} from '@huijia/shared';
import { type QueryValue, request } from './api';
import { countOf, type QueueSize } from './queueCounts';

const agreementPageSchema = listEnvelope(agreementSchema);
const partnerUnitsSchema = partnerUnitSchema.array();

/** `GET /api/agreements`: one unit's, one community's, or a subtree's (`orgId`); newest first. */
export interface AgreementListQuery {
  unitId?: string;
  communityId?: string;
  orgId?: string;
  status?: AgreementState;
  limit?: number;
  cursor?: string | null;
}

/** One page of agreements; follow `nextCursor` for the next. */
export function listAgreements(query: AgreementListQuery): Promise<ListEnvelope<Agreement>> {
  const params: Record<string, QueryValue> = {
    unitId: query.unitId,
    communityId: query.communityId,
    orgId: query.orgId,
    status: query.status,
    limit: query.limit,
    cursor: query.cursor,
  };
  return request('GET', '/api/agreements', { query: params, schema: agreementPageSchema });
}

/** How many wait for the unit's answer (`proposed`), in the caller's first unit or community; `more` past one page. */
export function countProposed(scope: { unitId?: string; communityId?: string }): Promise<QueueSize> {
  return countOf('/api/agreements', { ...scope, status: 'proposed' });
}

export function getAgreement(id: string): Promise<Agreement> {
  return request('GET', `/api/agreements/${encodeURIComponent(id)}`, { schema: agreementSchema });
}

/** 发起共建: community staff propose to a unit in reach. 409 AGREEMENT_OVERLAPS, 400/404 AGREEMENT_UNIT_OUT_OF_REACH. */
export function proposeAgreement(body: ProposeAgreementBody): Promise<Agreement> {
  return request('POST', '/api/agreements', { body, schema: agreementSchema });
}

const actionPath = (id: string, action: string) => `/api/agreements/${encodeURIComponent(id)}/${action}`;

/** 接受 (the unit's admin): the unit and the community are paired while it is in force. */
export function acceptAgreement(id: string): Promise<Agreement> {
  return request('POST', actionPath(id, 'accept'), { schema: agreementSchema });
}

/** 拒绝 (the unit's admin), with the reason the community reads. */
export function declineAgreement(id: string, reason: string): Promise<Agreement> {
  return request('POST', actionPath(id, 'decline'), { body: { reason }, schema: agreementSchema });
}

/** 撤回 (the community's staff), while the unit has not answered. */
export function withdrawAgreement(id: string): Promise<Agreement> {
  return request('POST', actionPath(id, 'withdraw'), { schema: agreementSchema });
}

/** 终止 (either side, while active), with the reason: the pairing it made ends. */
export function endAgreement(id: string, reason: string): Promise<Agreement> {
  return request('POST', actionPath(id, 'end'), { body: { reason }, schema: agreementSchema });
}

/** `GET /api/communities/:id/partner-units`: the units the community's staff may propose to, by name. */
export function listPartnerUnits(communityId: string): Promise<PartnerUnit[]> {
  return request('GET', `/api/communities/${encodeURIComponent(communityId)}/partner-units`, { schema: partnerUnitsSchema });
}
