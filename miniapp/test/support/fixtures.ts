// Answers of the API as the services return them, checked against the shared schemas so that a
// test never renders a shape the server cannot send.
import {
  type Me,
  meSchema,
  type OrgNode,
  orgNodeSchema,
  recordSchema,
  type ServiceRecord,
  type Wish,
  wishSchema,
} from '@huijia/shared';

export function aWish(overrides: Partial<Wish> = {}): Wish {
  return wishSchema.parse({
    id: 'wish-1',
    communityId: 'longjin',
    communityName: '龙津社区',
    title: '帮忙更换楼道灯泡',
    description: '三楼楼道的灯坏了一周，老人晚上上下楼不方便。',
    category: 'repair',
    pioneerRole: null,
    status: 'pending_review',
    residentName: '王**',
    claimantName: null,
    photos: [],
    rejectReason: null,
    reviewedAt: null,
    claimedAt: null,
    contactedAt: null,
    contactDueAt: null,
    fulfilDueAt: null,
    fulfilledAt: null,
    fulfilNote: null,
    evidence: [],
    rating: null,
    comment: null,
    resolution: null,
    disputedAt: null,
    completedAt: null,
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-01T02:00:00.000Z',
    viewerActors: [],
    ...overrides,
  });
}

/** A resident of 龙津社区 with a phone on file. */
export function aResident(overrides: Partial<Me['user']> = {}): Me {
  return meSchema.parse({
    user: {
      id: 'user-resident',
      name: '王秀英',
      phone: '13900000201',
      homeCommunityId: 'longjin',
      pioneerRoles: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      mustChangePassword: false,
      ...overrides,
    },
    roles: [{ role: 'resident' }],
    pioneerRoles: [],
    member: null,
    report: null,
    grid: null,
  });
}

/** A member (在职党员) whose report to 龙津社区 is confirmed. */
export function aReportedMember(): Me {
  return meSchema.parse({
    user: {
      id: 'user-member',
      name: '李明',
      phone: '13900000101',
      homeCommunityId: null,
      pioneerRoles: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      mustChangePassword: false,
    },
    roles: [{ role: 'member', unitId: 'hospital' }],
    pioneerRoles: [],
    member: { unitId: 'hospital', unitName: '龙岩市第一医院', branch: null },
    report: {
      id: 'report-1',
      memberId: 'user-member',
      memberName: '李明',
      unitId: 'hospital',
      unitName: '龙岩市第一医院',
      communityId: 'longjin',
      communityName: '龙津社区',
      basis: 'paired_unit',
      status: 'confirmed',
      certificateIssued: false,
      certificate: null,
      rejectReason: null,
      createdAt: '2026-10-02T00:00:00.000Z',
      decidedAt: '2026-10-03T00:00:00.000Z',
      transferOf: null,
      endedAt: null,
      endReason: null,
      transfer: null,
    },
    grid: null,
  });
}

export function aCommunity(): OrgNode {
  return orgNodeSchema.parse({ id: 'longjin', parentId: 'dongcheng', kind: 'community', name: '龙津社区', path: '/longyan/xinluo/dongcheng/longjin/', archivedAt: null });
}

/** A record as the API answers it once logged: pending verification. */
export function aRecord(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
  return recordSchema.parse({
    id: 'record-1',
    memberId: 'user-member',
    memberName: '李明',
    communityId: 'longjin',
    communityName: '龙津社区',
    source: { type: 'post', id: 'post-1', title: '楼道巡查' },
    startedAt: '2026-11-20T00:30:00.000Z',
    endedAt: '2026-11-20T02:00:00.000Z',
    minutes: 90,
    content: '巡查 3 栋楼道，清理杂物 2 处',
    beneficiary: '阳光花园 3 栋居民',
    status: 'pending',
    rejectReason: null,
    photos: [],
    createdAt: '2026-11-20T02:10:00.000Z',
    verifiedAt: null,
    ...overrides,
  });
}

/** A community worker (社区工作人员) of 龙津社区. */
export function aCommunityWorker(): Me {
  return meSchema.parse({
    user: {
      id: 'user-staff',
      name: '陈静',
      phone: '13900000301',
      homeCommunityId: null,
      pioneerRoles: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      mustChangePassword: false,
    },
    roles: [{ role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' }],
    pioneerRoles: [],
    member: null,
    report: null,
    grid: null,
  });
}
