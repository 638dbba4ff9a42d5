import type { Me } from '@huijia/shared';

export interface Community {
  id: string;
  name: string;
}

/** The community a member serves: the one their confirmed report is with (else none yet). */
export function reportedCommunity(me: Me): Community | null {
  const report = me.report;
  return report && report.status === 'confirmed' ? { id: report.communityId, name: report.communityName } : null;
}

/** Shown where a member without a confirmed report would see their community's posts. */
export const NOT_REPORTED_TEXT = '请先完成社区报到。报到经社区确认后，就能认岗、记录服务和结对帮扶。';
