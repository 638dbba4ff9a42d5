import { sql } from 'drizzle-orm';
import type { Figures } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import { arrayLiteral } from '../../db/statement';
import type { UnitRow } from '../units/service';
import { figuresOf, type Counts } from './figures';
import { unplacedUnits } from './reporting';
import type { Period, SubjectFigures } from './tree';

type MemberRow = Counts & { entry_id: string | number; unit_id: string | number; name: string };

/**
 * One row per member on the rosters of `unitIds` (not departed), with or without an account:
 * expected; reported when they hold a confirmed report, through whichever unit. The wishes are
 * those they claimed in the period and completed; posts are the seats they hold now.
 */
function memberRows(db: Db, unitIds: readonly number[], period: Period): Promise<MemberRow[]> {
  const inPeriod = (column: string) => sql`stats_month(${sql.raw(column)}) between ${`${period.from}-01`}::date and ${`${period.to}-01`}::date`;
  return rowsOf<MemberRow>(
    db,
    sql`with m as (select e.id as entry_id, e.unit_id, e.name, u.id as user_id from roster_entries e left join users u on u.phone = e.phone
                    where e.unit_id = any(${arrayLiteral(unitIds)}::bigint[]) and e.departed_at is null)
        select m.entry_id, m.unit_id, m.name, 1 as expected, (m.user_id is null)::int as without_account,
          (select count(*) from reports r where r.member_id = m.user_id and r.status = 'confirmed') as reported,
          (select coalesce(sum(s.minutes), 0) from service_records s where s.member_id = m.user_id and s.status = 'verified' and ${inPeriod('s.started_at')}) as minutes,
          (select count(*) from wish_claims c where c.member_id = m.user_id and ${inPeriod('c.claimed_at')}) as claimed,
          w.completed, w.rating_sum, w.rating_count,
          (select count(*) from post_seats p where p.member_id = m.user_id and p.status = 'active') as seats,
          (select coalesce(sum(l.points), 0) from points_ledger l where l.member_id = m.user_id and ${inPeriod('l.created_at')}) as points
        from m
        left join lateral (
          select count(*) as completed, coalesce(sum(w.rating), 0) as rating_sum, count(w.rating) as rating_count
          from wishes w where w.claimant_id = m.user_id and w.status = 'completed' and ${inPeriod('w.completed_at')}
        ) w on true
        order by m.entry_id`,
  );
}

/** A member's counts: reported once however many reports, served with any verified time. */
function memberCounts(r: MemberRow): Counts {
  const minutes = Number(r.minutes);
  const reported = Number(r.reported) > 0 ? 1 : 0;
  return { ...r, reported, served: minutes > 0 ? 1 : 0, collected: r.claimed, posts: r.seats };
}

function totalOf(rows: readonly MemberRow[]): Counts {
  return rows.map(memberCounts).reduce<Record<string, number>>((sum, c) => {
    for (const [k, v] of Object.entries(c)) if (k !== 'entry_id' && k !== 'unit_id' && k !== 'name') sum[k] = (sum[k] ?? 0) + Number(v ?? 0);
    return sum;
  }, {});
}

/**
 * A unit's figures and one row per member on its roster, from the base tables (a unit's roster is
 * hundreds, not a district's hundred thousand).
 */
export async function unitFigures(db: Db, unit: UnitRow, period: Period): Promise<SubjectFigures> {
  const inPeriod = (column: string) => sql`stats_month(${sql.raw(column)}) between ${`${period.from}-01`}::date and ${`${period.to}-01`}::date`;
  const [rows, trend, unplaced] = await Promise.all([
    memberRows(db, [unit.id], period),
    rowsOf<{ month: string; minutes: string | number }>(db, sql`
            select to_char(stats_month(s.started_at), 'YYYY-MM') as month, sum(s.minutes) as minutes
            from service_records s join users u on u.id = s.member_id
            join roster_entries e on e.phone = u.phone and e.unit_id = ${unit.id} and e.departed_at is null
            where s.status = 'verified' and ${inPeriod('s.started_at')} group by 1`),
    unplacedUnits(db, { unitId: unit.id }),
  ]);
  return {
    figures: figuresOf(totalOf(rows)),
    children: rows.map((r) => ({ id: String(r.entry_id), name: r.name, kind: 'member' as const, figures: figuresOf(memberCounts(r)) })),
    trend: new Map(trend.map((t) => [t.month, Number(t.minutes)])),
    unplaced,
  };
}

/** The figures of many units at once (the 通报's ranking), each as `unitFigures` answers it: one query. */
export async function manyUnitsFigures(db: Db, unitIds: readonly number[], period: Period): Promise<Map<number, Figures>> {
  const byUnit = new Map<number, MemberRow[]>(unitIds.map((id) => [id, []]));
  for (const row of await memberRows(db, unitIds, period)) byUnit.get(Number(row.unit_id))?.push(row);
  return new Map([...byUnit].map(([id, rows]) => [id, figuresOf(totalOf(rows))]));
}
