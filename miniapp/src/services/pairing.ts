import {
  type Household,
  householdSchema,
  listEnvelope,
  type Pairing,
  pairingSchema,
} from '@huijia/shared';
import { request } from './api';

// `{ items }` with no cursor (a community's households and one's pairings are few).
const householdsSchema = listEnvelope(householdSchema).pick({ items: true });
const pairingsSchema = listEnvelope(pairingSchema).pick({ items: true });

/** A community's households in difficulty (困难群众); names are masked for members not paired. */
export async function listHouseholds(communityId: string): Promise<Household[]> {
  const answer = await request('GET', '/api/households', { query: { communityId }, schema: householdsSchema });
  return answer.items;
}

export interface NewHousehold {
  communityId: string;
  name: string;
  needs: string;
  address?: string;
  maxMembers: number;
}

/** 登记困难群众 (staff). */
export function registerHousehold(body: NewHousehold): Promise<Household> {
  return request('POST', '/api/households', { body, schema: householdSchema });
}

/** 结对: 409 ALREADY_PAIRED or HOUSEHOLD_FULL when it cannot be. */
export function pairWithHousehold(id: string): Promise<Household> {
  return request('POST', `/api/households/${encodeURIComponent(id)}/pair`, { schema: householdSchema });
}

/** My pairings, active and ended. */
export async function listMyPairings(): Promise<Pairing[]> {
  const answer = await request('GET', '/api/pairings', { schema: pairingsSchema });
  return answer.items;
}

export function endPairing(id: string): Promise<Pairing> {
  return request('POST', `/api/pairings/${encodeURIComponent(id)}/end`, { schema: pairingSchema });
}
