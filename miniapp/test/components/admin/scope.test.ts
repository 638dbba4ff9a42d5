import { type HeldRole, type OrgNode, orgNodeSchema } from '@huijia/shared';
import { grantableRolesAt, kindCountsText, mayMoveUnder, orgPlacesOf, trailIds } from '../../../src/components/admin/scope';

// 龙岩市 › 新罗区 › 东城街道 › 龙津社区, and 西城街道 beside 东城街道.
const node = (id: string, kind: OrgNode['kind'], path: string, parentId: string | null): OrgNode =>
  orgNodeSchema.parse({ id, parentId, kind, name: id, path, archivedAt: null });
const city = node('longyan', 'city', '/longyan/', null);
const district = node('xinluo', 'district', '/longyan/xinluo/', 'longyan');
const dongcheng = node('dongcheng', 'street', '/longyan/xinluo/dongcheng/', 'xinluo');
const xicheng = node('xicheng', 'street', '/longyan/xinluo/xicheng/', 'xinluo');
const longjin = node('longjin', 'community', '/longyan/xinluo/dongcheng/longjin/', 'dongcheng');
const compound = node('yangguang', 'compound', '/longyan/xinluo/dongcheng/longjin/yangguang/', 'longjin');

const districtAdmin: HeldRole[] = [{ role: 'district_admin', orgId: 'xinluo', scopeName: '新罗区' }];
const streetAdmin: HeldRole[] = [{ role: 'street_admin', orgId: 'dongcheng', scopeName: '东城街道' }];
const communityStaff: HeldRole[] = [{ role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' }];
const unitAdmin: HeldRole[] = [{ role: 'unit_admin', unitId: 'hospital', scopeName: '第一医院' }];

describe('the roles a grant form offers are those the caller may grant there, and only those held on that kind of place', () => {
  it('a district admin grants on a community its worker only, and on a street its admin and party representatives only', () => {
    expect(grantableRolesAt(districtAdmin, { node: longjin })).toEqual(['community_staff']);
    expect(grantableRolesAt(districtAdmin, { node: dongcheng })).toEqual(['street_admin', 'party_rep']);
    expect(grantableRolesAt(districtAdmin, { node: district })).toEqual(['district_admin', 'party_rep']);
  });

  it('a street admin grants within their street, and nothing in the street beside it', () => {
    expect(grantableRolesAt(streetAdmin, { node: longjin })).toEqual(['community_staff']);
    expect(grantableRolesAt(streetAdmin, { node: dongcheng })).toEqual(['street_admin', 'party_rep']);
    expect(grantableRolesAt(streetAdmin, { node: xicheng })).toEqual([]);
  });

  it('nobody grants more than they hold: community staff grant no street admin, a street admin no district admin', () => {
    expect(grantableRolesAt(communityStaff, { node: longjin })).toEqual(['community_staff']);
    expect(grantableRolesAt(communityStaff, { node: dongcheng })).toEqual([]);
    expect(grantableRolesAt(streetAdmin, { node: district })).toEqual([]);
  });

  it('a unit takes its admin: from the district admin above it, or its own admin, and nobody else', () => {
    const hospital = { unitId: 'hospital', unitOrgPath: district.path };
    expect(grantableRolesAt(districtAdmin, hospital)).toEqual(['unit_admin']);
    expect(grantableRolesAt(unitAdmin, hospital)).toEqual(['unit_admin']);
    expect(grantableRolesAt(unitAdmin, { unitId: 'school', unitOrgPath: district.path })).toEqual([]);
    expect(grantableRolesAt(streetAdmin, hospital)).toEqual([]);
  });
});

describe('where the admin pages start', () => {
  it('are the nodes of the roles that may take the action on their subtree, each once', () => {
    const roles: HeldRole[] = [...districtAdmin, ...streetAdmin, ...communityStaff, ...unitAdmin, { role: 'district_admin', orgId: 'xinluo' }];
    expect(orgPlacesOf(roles, ['org.manage'])).toEqual([
      { id: 'xinluo', name: '新罗区' },
      { id: 'dongcheng', name: '东城街道' },
    ]);
    expect(orgPlacesOf(roles, ['org.create', 'org.manage']).map((place) => place.id)).toEqual(['xinluo', 'dongcheng', 'longjin']);
    expect(orgPlacesOf(unitAdmin, ['staff.read'])).toEqual([]);
  });

  it('the breadcrumbs of a node run from the highest of the caller\'s nodes on its path', () => {
    expect(trailIds(compound, ['dongcheng'])).toEqual(['dongcheng', 'longjin', 'yangguang']);
    expect(trailIds(compound, ['longjin', 'xinluo'])).toEqual(['xinluo', 'dongcheng', 'longjin', 'yangguang']);
    expect(trailIds(xicheng, ['dongcheng'])).toEqual([]);
  });
});

describe('a node moves only under a parent that may hold it', () => {
  it('a community moves to another street, not under a community, nor where it is', () => {
    expect(mayMoveUnder(longjin, xicheng)).toBe(true);
    expect(mayMoveUnder(longjin, dongcheng)).toBe(false);
    expect(mayMoveUnder(longjin, district)).toBe(false);
  });

  it('never under itself or its own descendant', () => {
    const street = node('nancheng', 'street', '/longyan/xinluo/nancheng/', 'xinluo');
    // A city may hold streets; a street's own subtree may not take it.
    expect(mayMoveUnder(street, city)).toBe(true);
    expect(mayMoveUnder(dongcheng, node('inner', 'city', '/longyan/xinluo/dongcheng/inner/', 'dongcheng'))).toBe(false);
  });
});

describe('an import says what it makes by kind, top down', () => {
  it('lists the kinds with new nodes, and 无 when there are none', () => {
    expect(kindCountsText({ community: 2, street: 1, building: 0 })).toBe('街道 1、社区 2');
    expect(kindCountsText({})).toBe('无');
  });
});
