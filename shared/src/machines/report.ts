import { z } from 'zod';
import { defineMachine } from './machine';

/** Dual reporting (双报到): the member reports online (pending_offline), then community staff
 *  confirm offline with the 报到证 code, or reject with a reason. */
export const REPORT_STATES = ['pending_offline', 'confirmed', 'rejected', 'withdrawn'] as const;
export const reportStateSchema = z.enum(REPORT_STATES);
export type ReportState = z.infer<typeof reportStateSchema>;

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  pending_offline: '待线下报到',
  confirmed: '已报到',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** A member has at most one live report. */
export const LIVE_REPORT_STATES = ['pending_offline', 'confirmed'] as const satisfies readonly ReportState[];

/** How a member chose the community: where they live, or a community paired with their unit. */
export const REPORT_BASES = ['residence', 'paired_unit'] as const;
export const reportBasisSchema = z.enum(REPORT_BASES);
export type ReportBasis = z.infer<typeof reportBasisSchema>;
export const REPORT_BASIS_LABELS: Record<ReportBasis, string> = {
  residence: '按居住地报到',
  paired_unit: '向单位结对社区报到',
};

export const REPORT_ACTORS = ['member', 'unit_admin', 'staff'] as const;
export type ReportActor = (typeof REPORT_ACTORS)[number];

export const reportMachine = defineMachine(REPORT_STATES, REPORT_ACTORS, {
  confirm: { from: ['pending_offline'], to: 'confirmed', actors: ['staff'] },
  reject: { from: ['pending_offline'], to: 'rejected', actors: ['staff'] },
  withdraw: { from: ['pending_offline'], to: 'withdrawn', actors: ['member'] },
});
export type ReportAction = keyof typeof reportMachine.transitions;
