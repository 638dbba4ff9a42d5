import { render, screen } from '@testing-library/react';
import WishDetailPage from '../../../src/pages/wish/detail/index';
import { getWish } from '../../../src/services/wishes';
import { aWish } from '../../support/fixtures';
import { shareAppMessage, useRouter } from '../../support/taro';

jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  getWish: jest.fn(),
}));

// Seen by the wish's claimant: the resident's name, phone and address are on the page.
const wish = aWish({
  id: 'wish-7',
  status: 'claimed',
  residentName: '王秀英',
  contactPhone: '13900000201',
  address: '阳光花园 3 栋 2 单元 501',
  claimantName: '李明',
  claimedAt: '2026-11-02T02:00:00.000Z',
  viewerActors: ['claimant'],
});

beforeEach(() => {
  useRouter.mockReturnValue({ params: { id: wish.id }, path: '/pages/wish/detail/index' });
});

describe('转发 a wish', () => {
  it('sends a card with the wish title that opens this wish, and nothing about the resident', async () => {
    jest.mocked(getWish).mockResolvedValue(wish);
    render(<WishDetailPage />);
    await screen.findByText(wish.title);

    const card = shareAppMessage();

    expect(card).toEqual({ title: '帮忙更换楼道灯泡', path: '/pages/wish/detail/index?id=wish-7', imageUrl: '/assets/share.png' });
    const said = JSON.stringify(card);
    for (const secret of ['王秀英', '13900000201', '阳光花园', '李明', wish.description]) expect(said).not.toContain(secret);
  });

  it('shared before the wish has loaded, the card still opens it, under a plain title', () => {
    jest.mocked(getWish).mockReturnValue(new Promise(() => undefined));
    render(<WishDetailPage />);

    expect(shareAppMessage()).toEqual({ title: '微心愿', path: '/pages/wish/detail/index?id=wish-7', imageUrl: '/assets/share.png' });
  });
});
