import { pointsForMinutes } from '@huijia/shared';

/** What staff's decision on a service record tells its member (the service, and the demo city's history). */
export const recordMessages = {
  verified: (minutes: number) => ({ kind: 'record.verified', title: '服务记录已核实', body: `${minutes / 60} 小时已计入，获得 ${pointsForMinutes(minutes)} 积分` }),
  rejected: (reason: string) => ({ kind: 'record.rejected', title: '服务记录未通过', body: reason }),
};
