import { sql } from 'drizzle-orm';
import type { Role, ScopedGrant } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';

/** The signed-in person as the guard sees them: every role they hold, with where it applies. */
export interface Actor {
  userId: number;
  grants: ScopedGrant[];
  /** Communities where they are a member with a confirmed report: where they may claim and serve. */
  reportedIn: ReadonlySet<number>;
}

interface ActorRow {
  grants: { role: Role; orgId: number | null; orgPath: string | null; unitId: number | null }[];
  units: (string | number)[];
  reported_in: (string | number)[];
}

/**
 * Everyone is a resident; a phone on a roster makes a member; the rest are granted. One round trip
 * per request: every request that needs the caller's roles pays it, so it is a single query.
 */
export async function loadActor(tx: Tx, userId: number): Promise<Actor | null> {
  const [row] = await rowsOf<ActorRow>(tx, sql`
    select
      coalesce((select json_agg(json_build_object('role', g.role, 'orgId', g.org_id, 'orgPath', o.path, 'unitId', g.unit_id) order by g.id)
                from role_grants g left join org_nodes o on o.id = g.org_id where g.user_id = u.id), '[]'::json) as grants,
      array(select r.unit_id from roster_entries r where r.phone = u.phone order by r.id) as units,
      array(select p.community_id from reports p where p.member_id = u.id and p.status = 'confirmed') as reported_in
    from users u where u.id = ${userId}`);
  if (!row) return null;
  const grants: ScopedGrant[] = [{ role: 'resident' }];
  for (const unitId of row.units) grants.push({ role: 'member', unitId: String(unitId) });
  for (const g of row.grants) {
    grants.push({
      role: g.role,
      ...(g.orgId !== null && g.orgPath ? { orgId: String(g.orgId), orgPath: g.orgPath } : {}),
      ...(g.unitId !== null ? { unitId: String(g.unitId) } : {}),
    });
  }
  // A confirmed report counts while its member is still on a roster.
  const reportedIn = new Set(row.units.length > 0 ? row.reported_in.map(Number) : []);
  return { userId, grants, reportedIn };
}
