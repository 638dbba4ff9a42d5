import { z } from 'zod';
import { defineMachine } from './machine';

/** Dual reporting (双报到): the member reports online (pending_offline), then community staff
 *  confirm offline with the 报到证 code, or reject with a reason. */
export const REPORT_STATES = ['pending_offline', 'confirmed', 'rejected', 'withdrawn', 'ended'] as const;
export const reportStateSchema = z.enum(REPORT_STATES);
export type ReportState = z.infer<typeof reportStateSchema>;

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  pending_offline: '待线下报到',
  confirmed: '已报到',
  rejected: '未通过',
  withdrawn: '已撤回',
  ended: '已结束',
};

/**
 * The states of an open report. A member has at most one live report: confirmed, or pending and not
 * a transfer (`isLiveReport`); a pending transfer (转移报到) is open too, beside the confirmed report
 * it will replace. Leaving the roster ends both.
 */
export const LIVE_REPORT_STATES = ['pending_offline', 'confirmed'] as const satisfies readonly ReportState[];

/** The report that places a member (the figures' live report): the server's SQL mirrors it (migrations/0020). */
export function isLiveReport(report: { status: ReportState; transferOf: string | number | null }): boolean {
  return report.status === 'confirmed' || (report.status === 'pending_offline' && report.transferOf === null);
}

/** How a member chose the community: where they live, or a community paired with their unit. */
export const REPORT_BASES = ['residence', 'paired_unit'] as const;
export const reportBasisSchema = z.enum(REPORT_BASES);
export type ReportBasis = z.infer<typeof reportBasisSchema>;
export const REPORT_BASIS_LABELS: Record<ReportBasis, string> = {
  residence: '按居住地报到',
  paired_unit: '向单位结对社区报到',
};

export const REPORT_ACTORS = ['member', 'unit_admin', 'staff', 'system'] as const;
export type ReportActor = (typeof REPORT_ACTORS)[number];

export const reportMachine = defineMachine(REPORT_STATES, REPORT_ACTORS, {
  confirm: { from: ['pending_offline'], to: 'confirmed', actors: ['staff'] },
  reject: { from: ['pending_offline'], to: 'rejected', actors: ['staff'] },
  withdraw: { from: ['pending_offline'], to: 'withdrawn', actors: ['member'] },
  // 退休、调离、去世 (the member or their unit); leaving the roster ends it too (the system).
  end: { from: ['confirmed'], to: 'ended', actors: ['member', 'unit_admin', 'system'] },
  // A member leaving the roster (离开名册) takes whichever report is live with them: a pending one
  // too, whose 报到证 must not confirm someone the unit no longer lists.
  depart: { from: ['pending_offline', 'confirmed'], to: 'ended', actors: ['system'] },
});

/** Why a confirmed report ended. */
export const REPORT_END_REASONS = ['retired', 'reassigned', 'deceased', 'departed', 'transferred'] as const;
export const reportEndReasonSchema = z.enum(REPORT_END_REASONS);
export type ReportEndReason = z.infer<typeof reportEndReasonSchema>;
export const REPORT_END_REASON_LABELS: Record<ReportEndReason, string> = {
  retired: '退休',
  reassigned: '调离',
  deceased: '去世',
  departed: '离开名册',
  transferred: '转移报到',
};
export type ReportAction = keyof typeof reportMachine.transitions;
