import { type ListEnvelope, listEnvelope, orgNodeSchema, type OrgNode } from '@huijia/shared';
import { request } from './api';

const childrenPageSchema = listEnvelope(orgNodeSchema);

/** The largest page the API serves; the levels a picker walks hold tens of nodes, not thousands. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/** The city at the top of the tree (exists on every database). */
export function getRootOrg(): Promise<OrgNode> {
  return request('GET', '/api/orgs/root', { schema: orgNodeSchema });
}

export function getOrg(id: string): Promise<OrgNode> {
  return request('GET', `/api/orgs/${encodeURIComponent(id)}`, { schema: orgNodeSchema });
}

/** Every child of a node, following `nextCursor` through the pages. */
export async function listOrgChildren(id: string): Promise<OrgNode[]> {
  const nodes: OrgNode[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: ListEnvelope<OrgNode> = await request(
      'GET',
      `/api/orgs/${encodeURIComponent(id)}/children`,
      { query: { limit: PAGE_SIZE, cursor }, schema: childrenPageSchema },
    );
    nodes.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return nodes;
}
