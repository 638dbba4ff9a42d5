import { PIONEER_ROLE_LABELS, REPORT_STATE_LABELS, hoursOf } from '@huijia/shared';
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db';
import { orgNodes, reports, rosterEntries, users } from '../../../db/schema';
import type { OrgNodeRow } from '../../orgs/repository';
import { isLiveReportSql } from '../../reports/repository';
import { expectedEntriesUnder } from '../../rosters/figures';
import type { UnitRow } from '../../units/service';
import { HOURS_FORMAT, labelsOf } from '../cells';
import { BATCH_ROWS, byId, defineLedger, rosterUnitsOf, type Column } from '../ledger';
import type { Viewer } from '../viewer';

/** A member's live report (at most one, by a unique index), where they live and where they reported. */
const live = alias(reports, 'live');
const home = alias(orgNodes, 'home');
const reportedTo = alias(orgNodes, 'reported_to');

/** Verified service, all of it, wherever it was done. */
const verifiedMinutes = (memberId: AnyPgColumn) =>
  sql`(select coalesce(sum(s.minutes), 0) from service_records s where s.member_id = ${memberId} and s.status = 'verified')`.mapWith(Number);

const memberColumns = {
  hasAccount: isNotNull(users.id).mapWith(Boolean),
  home: home.name,
  reportedTo: reportedTo.name,
  reportStatus: live.status,
  pioneerRoles: users.pioneerRoles,
  minutes: verifiedMinutes(users.id),
};

/**
 * What a node's ledger says of the people some roster entries stand for (`expectedEntriesUnder`
 * chose them): the account with their phone, if any, and its live report.
 */
function memberRows(db: Db, entryIds: number[]) {
  return db
    .select({
      id: rosterEntries.id,
      name: sql<string>`coalesce(${users.name}, ${rosterEntries.name})`,
      phone: rosterEntries.phone,
      rosterUnits: rosterUnitsOf(rosterEntries.phone),
      unit: sql<string>`(select string_agg(un.name, '、' order by e.id) from roster_entries e join units un on un.id = e.unit_id
                         where e.phone = ${rosterEntries.phone} and e.departed_at is null)`,
      branch: sql<string | null>`(select string_agg(distinct e.branch, '、') from roster_entries e
                                  where e.phone = ${rosterEntries.phone} and e.departed_at is null)`,
      ...memberColumns,
    })
    .from(rosterEntries)
    .leftJoin(users, eq(users.phone, rosterEntries.phone))
    .leftJoin(live, and(eq(live.memberId, users.id), isLiveReportSql('live')))
    .leftJoin(home, eq(home.id, users.homeCommunityId))
    .leftJoin(reportedTo, eq(reportedTo.id, live.communityId))
    .where(inArray(rosterEntries.id, entryIds))
    .orderBy(asc(rosterEntries.id));
}

/**
 * The members a node's communities expect, as the figures count them: everyone on the rolls
 * placed at one of them (their live report's community, else where they live, else their unit's
 * first paired community), with an account or not. One row per person, with every unit and branch
 * whose roster lists them. Who is expected is worked out once; their rows are read in batches.
 */
async function* membersUnder(db: Db, node: OrgNodeRow) {
  const entryIds = await expectedEntriesUnder(db, node);
  for (let i = 0; i < entryIds.length; i += BATCH_ROWS) yield await memberRows(db, entryIds.slice(i, i + BATCH_ROWS));
}

/**
 * A unit's roster (信息比对): one row per roster entry still on the rolls (not departed). A unit
 * learns of a phone it lists only what its owner did through this unit (as the roster listing
 * does): the account, where they live, their service and pioneer roles show once they have a live
 * report made through the unit; otherwise the row says nothing of whether the phone has an account
 * at all.
 */
async function rosterOf(db: Db, unit: UnitRow, after: number) {
  const rows = await db
    .select({
      id: rosterEntries.id,
      name: rosterEntries.name,
      phone: rosterEntries.phone,
      branch: rosterEntries.branch,
      ...memberColumns,
    })
    .from(rosterEntries)
    .leftJoin(
      live,
      and(eq(live.unitId, unit.id), isLiveReportSql('live'), sql`${live.memberId} = (select u.id from users u where u.phone = ${rosterEntries.phone})`),
    )
    .leftJoin(users, eq(users.id, live.memberId))
    .leftJoin(home, eq(home.id, users.homeCommunityId))
    .leftJoin(reportedTo, eq(reportedTo.id, live.communityId))
    .where(and(eq(rosterEntries.unitId, unit.id), isNull(rosterEntries.departedAt), gt(rosterEntries.id, after)))
    .orderBy(asc(rosterEntries.id))
    .limit(BATCH_ROWS);
  return rows.map((r) => ({ ...r, hasAccount: r.reportStatus ? r.hasAccount : null, unit: unit.name, rosterUnits: [unit.id] }));
}

type MemberRow = Awaited<ReturnType<typeof memberRows>>[number] | Awaited<ReturnType<typeof rosterOf>>[number];

const columns = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'phone', header: '手机号', width: 14 },
  { key: 'unit', header: '单位', width: 20 },
  { key: 'branch', header: '党支部', width: 16 },
  { key: 'account', header: '账号', width: 8 },
  { key: 'home', header: '居住社区', width: 16 },
  { key: 'reportedTo', header: '报到社区', width: 16 },
  { key: 'reportStatus', header: '报到状态', width: 11 },
  { key: 'pioneerRoles', header: '先锋角色', width: 20 },
  { key: 'hours', header: '已核实服务时长（小时）', width: 12, numFmt: HOURS_FORMAT },
] as const satisfies readonly Column<string>[];

/** The member's phone only for whoever may read a roster listing them, as in 信息比对. */
const cells = (m: MemberRow, viewer: Viewer) => ({
  name: m.name,
  phone: viewer.readsRosterOf(m.rosterUnits) ? m.phone : null,
  unit: m.unit,
  branch: m.branch,
  account: m.hasAccount === null ? null : m.hasAccount ? '已注册' : '未注册',
  home: m.home,
  reportedTo: m.reportedTo,
  reportStatus: m.reportStatus ? REPORT_STATE_LABELS[m.reportStatus] : '未报到',
  pioneerRoles: labelsOf(PIONEER_ROLE_LABELS, m.pioneerRoles),
  hours: hoursOf(m.minutes),
});

/** 党员名册 of a node: the members its communities expect, reported or not, with an account or not. */
export const memberLedger = defineLedger({
  columns,
  batches: (db: Db, node: OrgNodeRow) => membersUnder(db, node),
  cells,
});

/** 党员名册 of a unit: its roster, with each member's report and service (信息比对). */
export const unitMemberLedger = defineLedger({
  columns,
  batches: (db: Db, unit: UnitRow) => byId((after) => rosterOf(db, unit, after)),
  cells,
});
