import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { REPORT_BASES, REPORT_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { units } from './units';
import { users } from './users';

export const reportStatus = pgEnum('report_status', REPORT_STATES);
export const reportBasis = pgEnum('report_basis', REPORT_BASES);

/**
 * A member's report to a community (双报到). At most one live report (confirmed, or pending and not
 * a transfer) per member, and at most one pending transfer (转移报到), each guaranteed by a partial
 * unique index. The 报到证 is a one-time code the member's unit issues; staff confirm with it.
 */
export const reports = pgTable(
  'reports',
  {
    id: idColumn(),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    basis: reportBasis('basis').notNull(),
    status: reportStatus('status').notNull().default('pending_offline'),
    certificateCode: text('certificate_code'),
    certificateIssuedAt: timestamp('certificate_issued_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    decidedBy: ref('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** A confirmed report ended (退休、调离、去世, the member left the roster, or transferred). */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    /** 转移报到: the confirmed report this one replaces once confirmed (the old one ends then). */
    transferOf: ref('transfer_of').references((): AnyPgColumn => reports.id),
    createdAt: createdAt(),
  },
  (t) => [
    // The live report, which the figures count (migrations/0020 mirrors it in expected_members).
    uniqueIndex('reports_one_live_per_member')
      .on(t.memberId)
      .where(sql`status = 'confirmed' or (status = 'pending_offline' and transfer_of is null)`),
    uniqueIndex('reports_one_transfer_per_member')
      .on(t.memberId)
      .where(sql`status = 'pending_offline' and transfer_of is not null`),
    index('reports_community_status_idx').on(t.communityId, t.status, t.id),
    index('reports_unit_idx').on(t.unitId),
    // A member's own reports, newest first (我的报到, the caller's roles).
    index('reports_member_idx').on(t.memberId, t.id),
  ],
);
