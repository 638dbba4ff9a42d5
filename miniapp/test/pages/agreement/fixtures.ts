// Agreements as the API answers them, checked against the shared schema so that a test never
// renders a shape the server cannot send.
import { type Agreement, agreementSchema, type Me, meSchema } from '@huijia/shared';

export function anAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return agreementSchema.parse({
    id: 'agreement-1',
    unitId: 'hospital',
    unitName: '龙岩市第一医院',
    communityId: 'longjin',
    communityName: '龙津社区',
    startsOn: '2026-12-01',
    endsOn: '2029-11-30',
    content: '每月组织一次义诊进社区，为高龄老人建立健康档案。',
    resources: ['people', 'skills'],
    status: 'proposed',
    inForce: false,
    proposedByName: '陈静',
    proposedAt: '2026-11-20T02:00:00.000Z',
    decidedAt: null,
    reason: null,
    endedAt: null,
    viewerActors: [],
    ...overrides,
  });
}

/** The admin (单位党组织管理员) of 龙岩市第一医院. */
export function aUnitAdmin(): Me {
  return meSchema.parse({
    user: {
      id: 'user-unit-admin',
      name: '林峰',
      phone: '13900000401',
      homeCommunityId: null,
      pioneerRoles: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      mustChangePassword: false,
    },
    roles: [{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }],
    pioneerRoles: [],
    member: null,
    report: null,
    grid: null,
  });
}
