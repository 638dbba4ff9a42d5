import {
  type Action,
  childKindsOf,
  GRANT_NODE_KINDS,
  type HeldRole,
  IMPORTED_KINDS,
  mayManageGrant,
  ORG_KIND_LABELS,
  type OrgKind,
  type OrgNode,
  PERMISSIONS,
  type Role,
  ROLES,
  type Scope,
  type ScopedGrant,
} from '@huijia/shared';

/** A node or unit an admin page works on, by id, with its name from `GET /api/me`. */
export interface Place {
  id: string;
  name: string;
}

/**
 * The nodes where a role held may take one of `actions` on the subtree (the tree, the units, the
 * staff of a node), each once, in the order the roles are listed.
 */
export function orgPlacesOf(roles: readonly HeldRole[], actions: readonly Action[]): Place[] {
  const places = new Map<string, Place>();
  for (const grant of roles) {
    const reach = actions.some((action) => (PERMISSIONS[action] as Partial<Record<Role, Scope>>)[grant.role] === 'subtree');
    if (reach && grant.orgId && !places.has(grant.orgId)) places.set(grant.orgId, { id: grant.orgId, name: grant.scopeName ?? '' });
  }
  return Array.from(places.values());
}

/** The units where a role held may take `action` (a unit admin's own unit). */
export function unitPlacesOf(roles: readonly HeldRole[], action: Action): Place[] {
  const rule = PERMISSIONS[action] as Partial<Record<Role, Scope>>;
  const places = new Map<string, Place>();
  for (const grant of roles) {
    if (rule[grant.role] === 'unit' && grant.unitId && !places.has(grant.unitId)) {
      places.set(grant.unitId, { id: grant.unitId, name: grant.scopeName ?? '' });
    }
  }
  return Array.from(places.values());
}

/** The ids of a node's materialised path (`/root/ab12/cd34/`), from the root down to the node itself. */
export function pathIds(node: Pick<OrgNode, 'path'>): string[] {
  return node.path.split('/').filter(Boolean);
}

/**
 * The ids from the highest of `rootIds` on the node's path down to the node: its breadcrumbs within
 * the caller's reach. Empty when none of `rootIds` lies on the path.
 */
export function trailIds(node: Pick<OrgNode, 'path'>, rootIds: readonly string[]): string[] {
  const ids = pathIds(node);
  const start = ids.findIndex((id) => rootIds.includes(id));
  return start < 0 ? [] : ids.slice(start);
}

/** Whether `node` is `ancestor` or lies below it. */
export function isWithin(node: Pick<OrgNode, 'path'>, ancestor: Pick<OrgNode, 'path'>): boolean {
  return node.path.startsWith(ancestor.path);
}

/**
 * Whether `node` may be moved under `parent`: a parent that may hold its kind, not the one it has,
 * and neither the node itself nor one of its descendants (the server answers ORG_MOVE_INTO_SUBTREE).
 */
export function mayMoveUnder(node: OrgNode, parent: OrgNode): boolean {
  return childKindsOf(parent.kind).includes(node.kind) && parent.id !== node.parentId && !isWithin(parent, node);
}

/** Only a district, or a city without districts, takes a tree file (the server answers ORG_IMPORT_BASE otherwise). */
export function takesTreeFile(node: Pick<OrgNode, 'kind'>): boolean {
  return node.kind === 'district' || node.kind === 'city';
}

/**
 * The caller's grants as the shared permission rule reads them, for a target on `path`: a grant on
 * a node of that path reaches it (its own path is the prefix up to it); one elsewhere does not.
 */
function scopedGrants(roles: readonly HeldRole[], path: string): ScopedGrant[] {
  return roles.map((grant) => {
    const at = grant.orgId ? path.indexOf(`/${grant.orgId}/`) : -1;
    return {
      role: grant.role,
      orgId: grant.orgId,
      unitId: grant.unitId,
      orgPath: at >= 0 ? path.slice(0, at + grant.orgId!.length + 2) : undefined,
    };
  });
}

/**
 * The roles the caller may grant here (GRANTABLE_ROLES, within their scope, `mayManageGrant`), and
 * only those that are granted on this kind of place: on a node, the roles bound to its kind; in a
 * unit (registered under the node at `unitOrgPath`), its admin.
 */
export function grantableRolesAt(
  roles: readonly HeldRole[],
  target: { node: Pick<OrgNode, 'kind' | 'path'> } | { unitId: string; unitOrgPath: string },
): Role[] {
  if ('node' in target) {
    const grants = scopedGrants(roles, target.node.path);
    return ROLES.filter((role) => {
      const kinds: readonly OrgKind[] | undefined = (GRANT_NODE_KINDS as Partial<Record<Role, readonly OrgKind[]>>)[role];
      return kinds?.includes(target.node.kind) && mayManageGrant(grants, role, { orgPath: target.node.path });
    });
  }
  const grants = scopedGrants(roles, target.unitOrgPath);
  return mayManageGrant(grants, 'unit_admin', { unitId: target.unitId, unitOrgPath: target.unitOrgPath }) ? ['unit_admin'] : [];
}

/** 街道 1、社区 2: new nodes by kind, top down; `无` when there are none. */
export function kindCountsText(byKind: Readonly<Record<string, number>>): string {
  const parts = IMPORTED_KINDS.filter((kind) => (byKind[kind] ?? 0) > 0).map((kind) => `${ORG_KIND_LABELS[kind]} ${byKind[kind]}`);
  return parts.length > 0 ? parts.join('、') : '无';
}
