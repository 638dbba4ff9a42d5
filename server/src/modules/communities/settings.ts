import { eq } from 'drizzle-orm';
import {
  DEFAULT_CONTACT_DAYS,
  DEFAULT_FULFIL_DAYS,
  DEFAULT_HOUSEHOLD_MAX_MEMBERS,
  type CommunitySettings,
  type WishDeadlines,
} from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { communitySettings } from '../../db/schema';
import { recordAudit } from '../audit/audit';

type Community = { id: number; path: string };

/** A community's settings, its defaults where it set nothing (a row without a pairing cap: one). */
export async function settingsOf(tx: Tx, communityId: number): Promise<CommunitySettings> {
  const [row] = await tx
    .select({ contactDays: communitySettings.contactDays, fulfilDays: communitySettings.fulfilDays, householdMaxMembers: communitySettings.householdMaxMembers })
    .from(communitySettings)
    .where(eq(communitySettings.communityId, communityId));
  return {
    contactDays: row?.contactDays ?? DEFAULT_CONTACT_DAYS,
    fulfilDays: row?.fulfilDays ?? DEFAULT_FULFIL_DAYS,
    householdMaxMembers: row?.householdMaxMembers ?? DEFAULT_HOUSEHOLD_MAX_MEMBERS,
  };
}

export async function getDeadlines(db: Db, communityId: number): Promise<WishDeadlines> {
  const { contactDays, fulfilDays } = await settingsOf(db, communityId);
  return { contactDays, fulfilDays };
}

/** Days to contact and to fulfil a claim in this community; applies to claims made from now on. */
export function setDeadlines(db: Db, actorId: number, community: Community, d: WishDeadlines): Promise<WishDeadlines> {
  return db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ communityId: community.id, ...d })
      .onConflictDoUpdate({ target: communitySettings.communityId, set: d });
    await recordAudit(tx, { actorId, action: 'community.deadlines', entity: 'org_node', entityId: community.id, details: { ...d }, orgPath: community.path });
    return getDeadlines(tx, community.id);
  });
}

/**
 * `PUT /api/communities/:id/settings`: the claim deadlines (for claims made from now on) and how
 * many members may pair with one household (for households registered or changed from now on;
 * those above it keep their cap).
 */
export function setSettings(db: Db, actorId: number, community: Community, settings: CommunitySettings): Promise<CommunitySettings> {
  return db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ communityId: community.id, ...settings })
      .onConflictDoUpdate({ target: communitySettings.communityId, set: settings });
    await recordAudit(tx, { actorId, action: 'community.settings', entity: 'org_node', entityId: community.id, details: { ...settings }, orgPath: community.path });
    return settingsOf(tx, community.id);
  });
}
