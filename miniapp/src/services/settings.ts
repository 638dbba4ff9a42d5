import { type CommunitySettings, communitySettingsSchema, type Household, householdSchema } from '@huijia/shared';
import { request } from './api';

const settingsPath = (communityId: string) => `/api/communities/${encodeURIComponent(communityId)}/settings`;

/** A community's settings (社区设置): the claim deadlines and the household pairing cap. */
export function getCommunitySettings(communityId: string): Promise<CommunitySettings> {
  return request('GET', settingsPath(communityId), { schema: communitySettingsSchema });
}

/** Saves them all at once; the deadlines apply to claims made from now on. */
export function saveCommunitySettings(communityId: string, settings: CommunitySettings): Promise<CommunitySettings> {
  return request('PUT', settingsPath(communityId), { body: settings, schema: communitySettingsSchema });
}

/**
 * How many members may pair with one household; never below those paired now (409
 * HOUSEHOLD_MAX_BELOW_ACTIVE). The route is `PATCH /api/households/:id`; wx.request cannot send
 * PATCH, so it goes as PUT, as `/api/me` does.
 */
export function setHouseholdCap(householdId: string, maxMembers: number): Promise<Household> {
  return request('PUT', `/api/households/${encodeURIComponent(householdId)}`, { body: { maxMembers }, schema: householdSchema });
}
