import { sql, type SQL } from 'drizzle-orm';
import type { OpinionLevel } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { arrayLiteral } from '../../db/statement';
import { rolesHolding, type Place } from './actors';
import { pathIds } from './repository';

/**
 * The users who hold `level` for opinions of `community`, as SQL selecting `user_id`: those granted
 * a role that holds it on the community or a node above it, and at 建议 the leaders of the
 * community's grid branches who are still confirmed members there (on a roster, reported). The
 * same people `holdsLevel` recognises one at a time; whom escalations and reopenings are sent to,
 * and what figures of holders may count.
 */
export function levelHoldersQuery(level: OpinionLevel, community: Place): SQL {
  const granted = sql`
    select g.user_id from role_grants g
    where g.role = any(${arrayLiteral(rolesHolding(level))}::grant_role[]) and g.org_id = any(${arrayLiteral(pathIds(community.path))}::bigint[])`;
  if (level !== 'branch') return granted;
  return sql`${granted}
    union
    select gg.leader_id from grid_groups gg
    join users u on u.id = gg.leader_id and u.deactivated_at is null
    where gg.community_id = ${community.id} and gg.kind = 'branch'
      and exists (select from reports r where r.member_id = gg.leader_id and r.community_id = gg.community_id and r.status = 'confirmed')
      and exists (select from roster_entries e where e.phone = u.phone and e.departed_at is null)`;
}

export async function levelHolders(tx: Tx, level: OpinionLevel, community: Place): Promise<number[]> {
  return (await rowsOf<{ user_id: unknown }>(tx, levelHoldersQuery(level, community))).map((r) => Number(r.user_id));
}
