import { sql } from 'drizzle-orm';
import type { Role, ScopedGrant } from '@huijia/shared';
import type { Database } from '../../db';
import { ChangeAwareCache } from '../../db/cache';
import { statement } from '../../db/statement';

/** The signed-in person as the guard sees them: every role they hold, with where it applies. */
export interface Actor {
  userId: number;
  name: string;
  grants: ScopedGrant[];
  /** Communities where they are a member with a confirmed report: where they may claim and serve. */
  reportedIn: ReadonlySet<number>;
  /** After an admin's password reset: only choosing a new password is open to them. */
  mustChangePassword: boolean;
}

interface ActorRow {
  name: string;
  mustChangePassword: boolean;
  grants: { role: Role; orgId: number | null; orgPath: string | null; unitId: number | null }[];
  units: unknown[];
  reportedIn: unknown[];
}

/**
 * Everyone is a resident; a phone on a roster makes a member, until they leave it (离开名册); the
 * rest are granted. Every request that needs the caller's roles reads this, so it is one prepared
 * statement. A deactivated account has no actor: its tokens stop working at the next request.
 */
const actorOf = statement<{ userId: number }, ActorRow>(
  'actor',
  sql`
    select
      u.name,
      u.must_change_password as "mustChangePassword",
      coalesce((select json_agg(json_build_object('role', g.role, 'orgId', g.org_id, 'orgPath', o.path, 'unitId', g.unit_id) order by g.id)
                from role_grants g left join org_nodes o on o.id = g.org_id where g.user_id = u.id), '[]'::json) as grants,
      array(select r.unit_id from roster_entries r where r.phone = u.phone and r.departed_at is null order by r.id) as units,
      array(select p.community_id from reports p where p.member_id = u.id and p.status = 'confirmed') as "reportedIn"
    from users u where u.id = ${sql.placeholder('userId')} and u.deactivated_at is null`,
  (raw) => raw as unknown as ActorRow,
);

function actorFrom(userId: number, row: ActorRow): Actor {
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
  const reportedIn = new Set(row.units.length > 0 ? row.reportedIn.map(Number) : []);
  return { userId, name: row.name, grants, reportedIn, mustChangePassword: row.mustChangePassword === true };
}

async function loadActor(database: Database, userId: number): Promise<Actor | null> {
  const [row] = await database.run(actorOf, { userId });
  return row ? actorFrom(userId, row) : null;
}

/** An actor serves this long at most; any change to who they are drops it at once (migrations/0013). */
const ACTOR_TTL_MS = 30_000;
const ACTORS_KEPT = 50_000;

/** The callers' actors, kept in this process until the database says they changed. */
export function actorCache(database: Database): ChangeAwareCache<number, Actor | null> {
  return new ChangeAwareCache(
    database.changes,
    { ttlMs: ACTOR_TTL_MS, max: ACTORS_KEPT, staleAfter: (change) => (change.kind === 'user' ? [change.userId] : 'all') },
    (userId) => loadActor(database, userId),
  );
}
