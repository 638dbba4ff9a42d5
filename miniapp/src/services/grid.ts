import { gridGroupSchema, listEnvelope, type GridGroup, type GridGroupKind } from '@huijia/shared';
import { request } from './api';

// The grid comes whole (a community has a handful of groups): `{ items }` without a cursor.
const gridSchema = listEnvelope(gridGroupSchema).omit({ nextCursor: true });

/** A community's grid (立体网格): its branches and teams with their members. */
export async function getGrid(communityId: string): Promise<GridGroup[]> {
  const answer = await request('GET', `/api/communities/${encodeURIComponent(communityId)}/grid`, {
    schema: gridSchema,
  });
  return answer.items;
}

/** 新建网格支部或志愿服务队. 409 GRID_NAME_TAKEN. */
export function createGridGroup(
  communityId: string,
  kind: GridGroupKind,
  name: string,
): Promise<GridGroup> {
  return request('POST', `/api/communities/${encodeURIComponent(communityId)}/grid`, {
    body: { kind, name },
    schema: gridGroupSchema,
  });
}

/** 编入网格: a member with a confirmed report here. 409 NOT_REPORTED_HERE, GRID_KIND_TAKEN. */
export function addGridMember(groupId: string, memberId: string): Promise<GridGroup> {
  return request('POST', `/api/grid/${encodeURIComponent(groupId)}/members`, {
    body: { memberId },
    schema: gridGroupSchema,
  });
}

/** 移出网格. */
export function removeGridMember(groupId: string, memberId: string): Promise<GridGroup> {
  return request(
    'POST',
    `/api/grid/${encodeURIComponent(groupId)}/members/${encodeURIComponent(memberId)}/remove`,
    { schema: gridGroupSchema },
  );
}

/**
 * 设为负责人 (or none, `null`): one of the group's members. A branch's leader holds 建议 of
 * 四议一呼. 409 GRID_LEADER_NOT_MEMBER.
 */
export function setGridLeader(groupId: string, memberId: string | null): Promise<GridGroup> {
  return request('PUT', `/api/grid/groups/${encodeURIComponent(groupId)}/leader`, {
    body: { memberId },
    schema: gridGroupSchema,
  });
}
