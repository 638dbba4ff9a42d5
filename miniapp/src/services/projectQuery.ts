import { countedPageSchema, type ProjectCategory, type ProjectState } from '@huijia/shared';
import { type QueryValue, request } from './api';

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

/** The largest page the API serves: the entries' counts are read from one such page. */
export const PROJECT_COUNT_LIMIT = 100;

/** How many projects a query finds, from one page; `more` past it. */
export async function countProjects(query: Omit<ProjectListQuery, 'limit' | 'cursor'>): Promise<{ count: number; more: boolean }> {
  const page = await request('GET', '/api/projects', { query: projectQueryParams({ ...query, limit: PROJECT_COUNT_LIMIT }), schema: countedPageSchema });
  return { count: page.items.length, more: page.nextCursor !== null };
}
