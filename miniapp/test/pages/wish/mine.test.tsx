import { fireEvent, render, screen, within } from '@testing-library/react';
import MyWishesPage from '../../../src/pages/wish/mine/index';
import { saveSession } from '../../../src/services/session';
import { listWishes } from '../../../src/services/wishes';
import { aWish } from '../../support/fixtures';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/wishes');

beforeEach(() => saveSession({ accessToken: 'access', refreshToken: 'refresh' }));

const cardOf = async (title: string) => (await screen.findByText(title)).closest('.wish-card') as HTMLElement;

describe('我的心愿: the step waiting for the resident is one tap from the list', () => {
  it('opens a rejected wish on the form to be edited and sent again, and a fulfilled one to be confirmed', async () => {
    jest.mocked(listWishes).mockResolvedValue({
      items: [
        aWish({ id: 'w1', title: '代买一箱牛奶', status: 'rejected', rejectReason: '属于商业代购', viewerActors: ['resident'] }),
        aWish({ id: 'w2', title: '陪老人聊聊天', status: 'fulfilled', claimantName: '李志远', viewerActors: ['resident'] }),
        aWish({ id: 'w3', title: '帮忙更换厨房灯泡', status: 'pending_review', viewerActors: ['resident'] }),
      ],
      nextCursor: null,
    });
    render(<MyWishesPage />);

    const rejected = await cardOf('代买一箱牛奶');
    expect(within(rejected).getByText('未通过：属于商业代购')).toBeInTheDocument();
    fireEvent.click(within(rejected).getByRole('button', { name: '修改后重新提交' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/wish/new/index?resubmit=w1' });

    fireEvent.click(within(await cardOf('陪老人聊聊天')).getByRole('button', { name: '去确认并评价' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringContaining('w2') });

    // Waiting for the community: nothing to do but wait.
    expect(within(await cardOf('帮忙更换厨房灯泡')).queryByRole('button', { name: /重新提交|确认/ })).toBeNull();
  });
});
