// Opinions as the API answers them, checked against the shared schema so that a test never
// renders a shape the server cannot send.
import { type Opinion, opinionSchema, type OpinionStep } from '@huijia/shared';

export function anOpinion(overrides: Partial<Opinion> = {}): Opinion {
  return opinionSchema.parse({
    id: 'opinion-1',
    communityId: 'longjin',
    communityName: '龙津社区',
    placeId: null,
    placeName: null,
    category: 'drainage',
    title: '3 栋门口下雨积水',
    description: '每次下雨 3 栋门口积水没过脚踝，老人出门不便。',
    photos: [],
    source: 'self',
    status: 'open',
    level: 'branch',
    levelReached: 'branch',
    dueAt: '2026-12-09T02:00:00.000Z',
    overdue: false,
    reopened: false,
    seconds: 0,
    seconded: false,
    reply: null,
    resolvedAt: null,
    closedReason: null,
    satisfaction: null,
    ratingComment: null,
    createdAt: '2026-12-06T02:00:00.000Z',
    updatedAt: '2026-12-06T02:00:00.000Z',
    viewerActors: [],
    ...overrides,
  });
}

export function aStep(overrides: Partial<OpinionStep> = {}): OpinionStep {
  return { action: 'raise', level: 'branch', note: null, actorRole: '居民', at: '2026-12-06T02:00:00.000Z', ...overrides };
}
