import { expectedCommunity } from '../src';

describe('every member on the rolls is expected at exactly one community (应报到)', () => {
  const nowhere = { liveReportCommunityId: null, homeCommunityId: null, pairedCommunityIds: [] };

  it('at their live report’s community, wherever they live and whatever their unit pairs with', () => {
    expect(expectedCommunity({ liveReportCommunityId: '7', homeCommunityId: '3', pairedCommunityIds: ['1', '2'] })).toBe('7');
    expect(expectedCommunity({ ...nowhere, liveReportCommunityId: '7' })).toBe('7');
  });

  it('with no live report, at the community they live in', () => {
    expect(expectedCommunity({ liveReportCommunityId: null, homeCommunityId: '3', pairedCommunityIds: ['1', '2'] })).toBe('3');
  });

  it('with neither (no account, or no home), at their unit’s first paired community: the lowest id, compared as a number', () => {
    expect(expectedCommunity({ ...nowhere, pairedCommunityIds: ['12', '9', '100'] })).toBe('9');
    expect(expectedCommunity({ ...nowhere, pairedCommunityIds: ['5'] })).toBe('5');
  });

  it('nowhere when their unit is paired with no community: the figures name the unit as unplaced', () => {
    expect(expectedCommunity(nowhere)).toBeNull();
  });
});
