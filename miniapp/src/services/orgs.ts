import {
  type CreateOrgBody,
  type ListEnvelope,
  listEnvelope,
  orgImportResultSchema,
  type OrgImportResult,
  orgNodeSchema,
  type OrgNode,
} from '@huijia/shared';
import { request } from './api';
import { type OnProgress, type SpreadsheetFile, uploadSpreadsheet } from './spreadsheets';

const childrenPageSchema = listEnvelope(orgNodeSchema);

/** The largest page the API serves; the levels a picker walks hold tens of nodes, not thousands. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/** The city at the top of the tree (exists on every database). */
export function getRootOrg(): Promise<OrgNode> {
  return request('GET', '/api/orgs/root', { schema: orgNodeSchema });
}

const orgPath = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

export function getOrg(id: string): Promise<OrgNode> {
  return request('GET', orgPath(id), { schema: orgNodeSchema });
}

/** One page of a node's children (a district holds hundreds of communities below its streets). */
export function listOrgChildrenPage(id: string, cursor: string | null): Promise<ListEnvelope<OrgNode>> {
  return request('GET', `${orgPath(id)}/children`, { query: { limit: 50, cursor }, schema: childrenPageSchema });
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

/** 新建下级节点. 409 ORG_NAME_TAKEN, 400 ORG_KIND_MISMATCH. */
export function createOrg(body: CreateOrgBody): Promise<OrgNode> {
  return request('POST', '/api/orgs', { body, schema: orgNodeSchema });
}

/** 重命名: PUT, not PATCH (wx.request cannot send PATCH). */
export function renameOrg(id: string, name: string): Promise<OrgNode> {
  return request('PUT', orgPath(id), { body: { name }, schema: orgNodeSchema });
}

/** 移动 under another parent that may hold its kind. 409 ORG_MOVE_INTO_SUBTREE. */
export function moveOrg(id: string, parentId: string): Promise<OrgNode> {
  return request('POST', `${orgPath(id)}/move`, { body: { parentId }, schema: orgNodeSchema });
}

/** 停用, with its subtree: it keeps its history and takes no new work. 409 ORG_HAS_LIVE_WORK. */
export function archiveOrg(id: string, reason: string): Promise<OrgNode> {
  return request('POST', `${orgPath(id)}/archive`, { body: { reason }, schema: orgNodeSchema });
}

/** 恢复 a node archived before. */
export function restoreOrg(id: string): Promise<OrgNode> {
  return request('POST', `${orgPath(id)}/restore`, { schema: orgNodeSchema });
}

/**
 * 导入组织架构: a tree file (CSV or XLSX, one row per path 街道,社区,小区,楼栋) under `orgId`;
 * `dryRun` previews what would be created and changes nothing.
 */
export function importOrgs(orgId: string, file: SpreadsheetFile, dryRun: boolean, onProgress: OnProgress): Promise<OrgImportResult> {
  return uploadSpreadsheet('/api/orgs/import', { orgId, dryRun: dryRun ? '1' : '0' }, file, orgImportResultSchema, onProgress);
}
