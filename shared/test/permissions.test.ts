import { GRANTABLE_ROLES, decide, type ScopedGrant } from '../src';

const staffOf = (orgPath: string): ScopedGrant => ({ role: 'community_staff', orgPath });
const resident: ScopedGrant = { role: 'resident' };

describe('the guard decides by role and scope', () => {
  it('allows an action inside the subtree of the node the role is granted on', () => {
    expect(decide([resident, staffOf('/1/2/3/4/')], 'org.create', { orgPath: '/1/2/3/4/' })).toBe('allow');
    expect(decide([resident, staffOf('/1/2/3/4/')], 'org.create', { orgPath: '/1/2/3/4/9/' })).toBe('allow');
  });

  it('hides what lies outside the subtree: not found, not forbidden', () => {
    expect(decide([resident, staffOf('/1/2/3/4/')], 'org.create', { orgPath: '/1/2/3/5/' })).toBe('not_found');
    // a sibling whose id starts with the same digits is still outside
    expect(decide([resident, staffOf('/1/2/3/4/')], 'org.create', { orgPath: '/1/2/3/44/' })).toBe('not_found');
  });

  it('forbids an action no role held may take', () => {
    expect(decide([resident], 'org.create', { orgPath: '/1/' })).toBe('forbidden');
    expect(decide([resident, { role: 'member', unitId: '1' }], 'unit.create', { orgPath: '/1/' })).toBe('forbidden');
  });

  it('lets everyone signed in read the tree', () => {
    expect(decide([resident], 'org.read', {})).toBe('allow');
  });

  it('binds unit admins to their unit', () => {
    const admin: ScopedGrant = { role: 'unit_admin', unitId: '7' };
    expect(decide([resident, admin], 'unit.read', { unitId: '7' })).toBe('allow');
    expect(decide([resident, admin], 'unit.read', { unitId: '8' })).toBe('not_found');
  });

  it('lets district admins reach units registered in their subtree', () => {
    const admin: ScopedGrant = { role: 'district_admin', orgPath: '/1/2/' };
    expect(decide([admin], 'unit.read', { unitId: '7', unitOrgPath: '/1/2/' })).toBe('allow');
    expect(decide([admin], 'unit.read', { unitId: '7', unitOrgPath: '/1/9/' })).toBe('not_found');
  });
});

describe('who may grant what', () => {
  it('never lets a role grant one above it', () => {
    expect(GRANTABLE_ROLES.community_staff).not.toContain('street_admin');
    expect(GRANTABLE_ROLES.street_admin).not.toContain('district_admin');
    expect(GRANTABLE_ROLES.unit_admin).toEqual(['unit_admin']);
    expect(GRANTABLE_ROLES.resident).toBeUndefined();
  });
});
