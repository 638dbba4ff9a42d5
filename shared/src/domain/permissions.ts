import type { OrgKind } from './org';
import type { Role } from './roles';

/**
 * Who may do what, and where (分级管理). Every staff and admin role is bound to one org node or
 * one unit and reaches only that subtree or that unit:
 * - `any`: anyone signed in (everyone is a resident);
 * - `subtree`: the target lies in the subtree of the node the role is granted on;
 * - `unit`: the target belongs to the unit the role is granted on.
 * The server's one guard reads this table for every route; the mini-program reads it to show
 * only what a user may do.
 */
export type Scope = 'any' | 'subtree' | 'unit';

export const PERMISSIONS = {
  'org.read': { resident: 'any' },
  'org.create': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  /** Rename, move, archive and restore a node: checked on its parent, so one's own node is above reach. */
  'org.manage': { street_admin: 'subtree', district_admin: 'subtree' },
  /** A district's tree from a spreadsheet. */
  'org.import': { district_admin: 'subtree' },
  /** Who holds which role where. Revoking, resetting and deactivating follow the grant rule
   *  (`mayManageGrant`): nobody reaches more than they could grant. */
  'staff.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree', unit_admin: 'unit' },
  'staff.grant': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree', unit_admin: 'unit' },
  'unit.create': { district_admin: 'subtree' },
  'unit.read': { district_admin: 'subtree', street_admin: 'subtree', unit_admin: 'unit' },
  /** Rename a unit, pair and unpair its communities. */
  'unit.manage': { district_admin: 'subtree' },
  /** The audit trail of a node's subtree, and of each object in it. */
  'audit.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  /** A community's settings (deadlines, pairing cap) and 代办 wishes. */
  'community.manage': { community_staff: 'subtree' },
  'roster.import': { unit_admin: 'unit' },
  'roster.read': { unit_admin: 'unit', district_admin: 'subtree' },
  'report.create': { member: 'any' },
  'report.certify': { unit_admin: 'unit' },
  'report.decide': { community_staff: 'subtree' },
  /** A report's detail and ending it (退休、调离、去世): besides its own member, their unit's admin. */
  'report.end': { unit_admin: 'unit' },
  /** 催报: a unit's admin for its roster, a district's admin for every unit registered below. */
  'report.remind': { unit_admin: 'unit', district_admin: 'subtree' },
  'report.list': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  'grid.manage': { community_staff: 'subtree' },
  'grid.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  'wish.create': { resident: 'any' },
  /** Review, dispute resolution, private fields, deadlines: staff of the wish's community. */
  'wish.review': { community_staff: 'subtree' },
  /** Seeing wishes in every state (not their private fields): staff and admins above. */
  'wish.oversee': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  /** 定岗, closing, capacity, removing holders, verifying records, households, adjustments. */
  'post.manage': { community_staff: 'subtree' },
  'record.verify': { community_staff: 'subtree' },
  'record.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  'points.adjust': { community_staff: 'subtree' },
  'household.manage': { community_staff: 'subtree' },
  /** The figures (统计) of a node or a unit, and its ledgers (台账) as spreadsheets. */
  'stats.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree', unit_admin: 'unit' },
  /** 通报: units and communities ranked by their rates. */
  'stats.rank': { street_admin: 'subtree', district_admin: 'subtree' },
  /** 民情: logging what one collected (社情民意搜集本) for a community; members of the community log too. */
  'opinion.collect': { community_staff: 'subtree' },
  /** Every opinion of a subtree in every state (reporters' contacts only to their levels' holders). */
  'opinion.oversee': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree', party_rep: 'subtree' },
  /** Holding a level of 四议一呼 (`OPINION_LEVEL_HOLDERS` in machines/opinion.ts). The grid
   *  branch's leader holds 建议 too, by their group, not by a grant. */
  'opinion.branch': { community_staff: 'subtree' },
  'opinion.community': { community_staff: 'subtree' },
  'opinion.street': { street_admin: 'subtree' },
  'opinion.representative': { party_rep: 'subtree' },
  /** The deadlines of each level, per district. */
  'opinion.settings': { district_admin: 'subtree' },
  /** Organising an activity (集体活动): as the community's staff, or as the admin of a unit paired
   *  with it. A volunteer team's leader organises by the team, not by a grant. */
  'activity.organise': { community_staff: 'subtree', unit_admin: 'unit' },
  /** 共建协议: community staff propose and withdraw, the unit's admins accept, decline; either ends. */
  'agreement.propose': { community_staff: 'subtree' },
  'agreement.decide': { unit_admin: 'unit' },
  'agreement.read': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree', unit_admin: 'unit' },
  /** 项目认领: community staff publish, withdraw, accept and send back; every project of a subtree
   *  is overseen by staff and admins above. A unit's admin claims for a paired unit, a party
   *  representative for themselves over their street or district; a team leader and a reported
   *  member claim by their team and their report, not by a grant. */
  'project.publish': { community_staff: 'subtree' },
  'project.oversee': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
  'project.claim_for_unit': { unit_admin: 'unit' },
  'project.claim_as_rep': { party_rep: 'subtree' },
  /** Every activity of a subtree with its attendance (figures aside). */
  'activity.oversee': { community_staff: 'subtree', street_admin: 'subtree', district_admin: 'subtree' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;
export type Action = keyof typeof PERMISSIONS;

/** A role as the guard sees it: where it is granted, with that node's materialised path. */
export interface ScopedGrant {
  role: Role;
  orgId?: string;
  orgPath?: string;
  unitId?: string;
}

/** What an action is taken on: a node of the tree (by path), a unit, or both. */
export interface Target {
  orgPath?: string;
  unitId?: string;
  /** The tree node the unit is registered under, so admins above it reach it. */
  unitOrgPath?: string;
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

function reaches(grant: ScopedGrant, scope: Scope, target: Target): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'unit':
      return grant.unitId !== undefined && grant.unitId === target.unitId;
    case 'subtree': {
      const path = target.orgPath ?? target.unitOrgPath;
      return grant.orgPath !== undefined && path !== undefined && path.startsWith(grant.orgPath);
    }
  }
}

/** Whether any role held may take `action` somewhere: what the mini-program shows entries for. */
export function mayTake(grants: readonly ScopedGrant[], action: Action): boolean {
  const rule: Partial<Record<Role, Scope>> = PERMISSIONS[action];
  return grants.some((g) => rule[g.role] !== undefined);
}

/**
 * The guard's rule: allowed when some role reaches the target; `forbidden` (403) when no role the
 * user holds may take the action at all; `not_found` (404) when roles may, but not here — so that
 * what lies outside one's subtree is not even seen to exist.
 */
export function decide(grants: readonly ScopedGrant[], action: Action, target: Target): Decision {
  const rule: Partial<Record<Role, Scope>> = PERMISSIONS[action];
  let mayAct = false;
  for (const grant of grants) {
    const scope = rule[grant.role];
    if (!scope) continue;
    mayAct = true;
    if (reaches(grant, scope, target)) return 'allow';
  }
  return mayAct ? 'not_found' : 'forbidden';
}

/** Which node kinds each tree-bound role is granted on. A district admin may also hold the city. */
export const GRANT_NODE_KINDS = {
  community_staff: ['community'],
  street_admin: ['street'],
  district_admin: ['district', 'city'],
  party_rep: ['street', 'district'],
} as const satisfies Record<string, readonly OrgKind[]>;

/** The roles a holder may grant to others, within their own scope. */
export const GRANTABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  district_admin: ['district_admin', 'street_admin', 'community_staff', 'unit_admin', 'party_rep'],
  street_admin: ['street_admin', 'community_staff', 'party_rep'],
  community_staff: ['community_staff'],
  unit_admin: ['unit_admin'],
};

/**
 * Whether someone holding `grants` may grant `role` at `target` — and so revoke such a grant, reset
 * its holder's password or deactivate the holder: nobody grants more than they hold, nor beyond
 * their scope. The grant that reaches the target must itself be one that may grant the role.
 */
export function mayManageGrant(grants: readonly ScopedGrant[], role: Role, target: Target): boolean {
  return grants.some((g) => GRANTABLE_ROLES[g.role]?.includes(role) && decide([g], 'staff.grant', target) === 'allow');
}
