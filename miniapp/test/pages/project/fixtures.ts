// Projects as the API answers them, checked against the shared schemas so that a test never
// renders a shape the server cannot send.
import { type Project, type ProjectDetail, projectDetailSchema, projectSchema } from '@huijia/shared';

export function aProject(overrides: Partial<Project> = {}): Project {
  return projectSchema.parse({
    id: 'project-1',
    communityId: 'longjin',
    communityName: '龙津社区',
    category: 'livelihood',
    title: '老旧小区楼道灯具更换',
    description: '为龙津社区 12 栋老旧楼房更换楼道声控灯。',
    needs: ['people', 'goods'],
    dueOn: '2099-03-31',
    status: 'open',
    overdue: false,
    lead: null,
    claimedAt: null,
    reportedAt: null,
    completedAt: null,
    publishedAt: '2026-11-20T02:00:00.000Z',
    sentBackReason: null,
    updateCount: 0,
    rating: null,
    myStars: null,
    mayRate: false,
    viewerActors: [],
    claimOptions: [],
    mayLogRecords: false,
    ...overrides,
  });
}

export function aProjectDetail(overrides: Partial<ProjectDetail> = {}): ProjectDetail {
  return projectDetailSchema.parse({
    ...aProject(),
    events: [{ id: 'event-1', kind: 'published', byName: '社区', content: null, photos: [], at: '2026-11-20T02:00:00.000Z' }],
    ...overrides,
  });
}

export const HOSPITAL = { as: 'unit', unitId: 'hospital', leadKind: 'unit', label: '龙岩市第一医院' } as const;
export const TEAM = { as: 'team', teamId: 'team-1', leadKind: 'team', label: '龙津志愿服务队' } as const;
export const SELF = { as: 'self', leadKind: 'member', label: '个人' } as const;
