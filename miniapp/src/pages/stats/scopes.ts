import { PERMISSIONS, type Me, type Role, type Scope } from '@huijia/shared';

/** A node of the tree or a unit whose figures (统计) the page shows. */
export interface StatsTarget {
  kind: 'org' | 'unit';
  id: string;
}

/** Where the user may read figures: a target and its name, one per role held (permission stats.read). */
export interface StatsScope extends StatsTarget {
  /** `org:<id>` or `unit:<id>`: unique among the scopes. */
  key: string;
  name: string;
}

export const keyOf = (target: StatsTarget) => `${target.kind}:${target.id}`;

/**
 * The places whose figures the user may read, from the roles in GET /api/me and the permission
 * table: a role allowed on its subtree reads its node, one allowed on its unit reads the unit.
 */
export function statsScopesOf(me: Me): StatsScope[] {
  const rule: Partial<Record<Role, Scope>> = PERMISSIONS['stats.read'];
  const scopes = new Map<string, StatsScope>();
  for (const grant of me.roles) {
    const reach = rule[grant.role];
    let target: StatsTarget | null = null;
    if (reach === 'subtree' && grant.orgId) target = { kind: 'org', id: grant.orgId };
    else if (reach === 'unit' && grant.unitId) target = { kind: 'unit', id: grant.unitId };
    if (!target || scopes.has(keyOf(target))) continue;
    scopes.set(keyOf(target), { ...target, key: keyOf(target), name: grant.scopeName ?? '' });
  }
  return Array.from(scopes.values());
}

/** The query naming a target: `?orgId=` or `?unitId=`. */
export function queryOf(target: StatsTarget): { orgId: string } | { unitId: string } {
  return target.kind === 'unit' ? { unitId: target.id } : { orgId: target.id };
}
