// Answers of the API for the admin pages, checked against the shared schemas.
import { type HeldRole, type Me, meSchema, type OrgNode, orgNodeSchema, type StaffGrant, staffGrantSchema } from '@huijia/shared';
import type { StaffRow } from '../../../src/services/staff';

/** Someone holding `roles`; `mustChangePassword` after an admin's reset. */
export function someone(roles: HeldRole[], user: Partial<Me['user']> = {}): Me {
  return meSchema.parse({
    user: {
      id: 'user-admin',
      name: '陈建国',
      phone: '13900000001',
      homeCommunityId: null,
      pioneerRoles: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      mustChangePassword: false,
      ...user,
    },
    roles,
    pioneerRoles: [],
    member: null,
    report: null,
    grid: null,
  });
}

export const districtAdmin = () => someone([{ role: 'district_admin', orgId: 'xinluo', scopeName: '新罗区' }]);

export function aNode(id: string, kind: OrgNode['kind'], path: string, overrides: Partial<OrgNode> = {}): OrgNode {
  const ids = path.split('/').filter(Boolean);
  return orgNodeSchema.parse({ id, parentId: ids[ids.length - 2] ?? null, kind, name: id, path, archivedAt: null, ...overrides });
}

export const district = () => aNode('xinluo', 'district', '/longyan/xinluo/', { name: '新罗区' });
export const street = () => aNode('dongcheng', 'street', '/longyan/xinluo/dongcheng/', { name: '东城街道' });
export const community = () => aNode('longjin', 'community', '/longyan/xinluo/dongcheng/longjin/', { name: '龙津社区' });

export function aGrant(overrides: Partial<StaffGrant> = {}, user: Partial<StaffGrant['user']> = {}): StaffRow {
  const grant = staffGrantSchema.parse({
    grantId: 'grant-1',
    role: 'community_staff',
    orgId: 'longjin',
    unitId: null,
    scopeName: '龙津社区',
    user: { id: 'user-worker', name: '王小红', phone: '13700000001', mustChangePassword: false, deactivatedAt: null, ...user },
    grantedBy: 'user-admin',
    grantedAt: '2026-11-20T02:00:00.000Z',
    manageable: true,
    accountManageable: true,
    ...overrides,
  });
  return { ...grant, id: grant.grantId };
}
