import type { ProjectCategory, ProjectState } from '@huijia/shared';
import type { QueryValue } from './api';
import { countOf, type QueueSize } from './queueCounts';

/**
 * `GET /api/projects`: a community's board (`communityId`), a subtree's (`orgId`), the viewer's own
 * (`mine`) or those open to their claim (`claimable`); newest first. Kept apart from the projects'
 * schemas, so that the home page's counts bring none of them into WeChat's main package.
 */
export interface ProjectListQuery {
  communityId?: string;
  orgId?: string;
  mine?: boolean;
  claimable?: boolean;
  status?: ProjectState;
  category?: ProjectCategory;
  overdue?: boolean;
  limit?: number;
  cursor?: string | null;
}

export function projectQueryParams(query: ProjectListQuery): Record<string, QueryValue> {
  return {
    communityId: query.communityId,
    orgId: query.orgId,
    mine: query.mine ? '1' : undefined,
    claimable: query.claimable ? '1' : undefined,
    status: query.status,
    category: query.category,
    overdue: query.overdue ? '1' : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
}

/** How many projects a query finds, from one page; `more` past it. */
export function countProjects(query: Omit<ProjectListQuery, 'limit' | 'cursor'>): Promise<QueueSize> {
  return countOf('/api/projects', projectQueryParams(query));
}
