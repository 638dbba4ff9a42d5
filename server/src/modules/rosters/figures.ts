import { sql } from 'drizzle-orm';
import { reportingRate, type ReportingFigures } from '@huijia/shared';
import type { Tx } from '../../db';
import { rowsOf } from '../../db/raw';

type Counts = { roster: number; confirmed: number; pending: number };

async function countsOf(tx: Tx, query: ReturnType<typeof sql>): Promise<ReportingFigures> {
  const [{ roster, confirmed, pending }] = (await rowsOf<Counts>(tx, query)) as [Counts];
  return { roster: Number(roster), confirmed: Number(confirmed), pending: Number(pending), reportingRate: reportingRate(Number(confirmed), Number(roster)) };
}

/** A unit's reporting: every roster member, and where their live report stands. */
export function unitFigures(tx: Tx, unitId: number): Promise<ReportingFigures> {
  return countsOf(
    tx,
    sql`select count(*)::int as roster,
               count(*) filter (where r.status = 'confirmed')::int as confirmed,
               count(*) filter (where r.status = 'pending_offline')::int as pending
          from roster_entries e
          left join users u on u.phone = e.phone
          left join reports r on r.member_id = u.id and r.status in ('pending_offline', 'confirmed')
         where e.unit_id = ${unitId}`,
  );
}

/**
 * A community's reporting. Every member on a roster is expected at one community: the one of their
 * live report, else the one they live in (the same definition as the figures' `stats_reporting`
 * view, migrations/0008, which counts it for every community at once).
 */
export function communityFigures(tx: Tx, communityId: number): Promise<ReportingFigures> {
  return countsOf(
    tx,
    sql`with expected as (
          select u.id, l.status
            from users u
            left join reports l on l.member_id = u.id and l.status in ('pending_offline', 'confirmed')
           where exists (select 1 from roster_entries e where e.phone = u.phone)
             and (l.community_id = ${communityId} or (l.id is null and u.home_community_id = ${communityId}))
        )
        select count(*)::int as roster,
               count(*) filter (where status = 'confirmed')::int as confirmed,
               count(*) filter (where status = 'pending_offline')::int as pending
          from expected`,
  );
}
