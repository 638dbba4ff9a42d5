import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Wish } from '@huijia/shared';
import WishDetailPage from '../../../src/pages/wish/detail/index';
import { ApiError } from '../../../src/services/api';
import { actOnWish, getWish } from '../../../src/services/wishes';
import { aWish } from '../../support/fixtures';
import { deferred } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';

jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  getWish: jest.fn(),
  actOnWish: jest.fn(),
}));
const getWishMock = jest.mocked(getWish);
const actOnWishMock = jest.mocked(actOnWish);

const claimedByMe: Partial<Wish> = {
  status: 'claimed',
  claimantName: '李明',
  claimedAt: '2026-11-02T02:00:00.000Z',
  viewerActors: ['claimant'],
};

/** Opens 心愿详情 for `wish` and waits until it shows. */
async function open(wish: Wish): Promise<void> {
  useRouter.mockReturnValue({ params: { id: wish.id }, path: '/pages/wish/detail/index' });
  getWishMock.mockResolvedValue(wish);
  render(<WishDetailPage />);
  await screen.findByText(wish.title);
  expect(getWishMock).toHaveBeenCalledWith(wish.id);
}

describe('acting on a wish from its page', () => {
  it('a resident withdraws their pending wish after saying yes, and the buttons go with it', async () => {
    await open(aWish({ status: 'pending_review', viewerActors: ['resident'] }));
    actOnWishMock.mockResolvedValue(aWish({ status: 'withdrawn', viewerActors: ['resident'] }));

    fireEvent.click(screen.getByRole('button', { name: '撤回心愿' }));

    await screen.findByText('已撤回');
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回心愿' }));
    expect(actOnWishMock).toHaveBeenCalledWith('wish-1', 'withdraw');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已撤回' }));
    expect(screen.queryByRole('button', { name: '撤回心愿' })).not.toBeInTheDocument();
  });

  it('sends nothing when the user cancels the question', async () => {
    await open(aWish({ status: 'published', viewerActors: ['reported_member'] }));
    taro.showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '认领心愿' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalled());
    expect(actOnWishMock).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '认领心愿' })).toBeEnabled();
  });

  it('a second tap while the request runs sends nothing more, and the other buttons wait', async () => {
    await open(aWish(claimedByMe));
    const answer = deferred<Wish>();
    actOnWishMock.mockReturnValue(answer.promise);

    fireEvent.click(screen.getByRole('button', { name: '放弃认领' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '放弃认领' })).toBeDisabled());
    fireEvent.click(screen.getByRole('button', { name: '放弃认领' }));
    expect(screen.getByRole('button', { name: '完成心愿' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '已联系居民' })).toBeDisabled();
    expect(actOnWishMock).toHaveBeenCalledTimes(1);
    expect(taro.showModal).toHaveBeenCalledTimes(1);

    answer.resolve(aWish({ status: 'published', viewerActors: ['reported_member'] }));
    expect(await screen.findByRole('button', { name: '认领心愿' })).toBeEnabled();
    expect(actOnWishMock).toHaveBeenCalledWith('wish-1', 'release');
  });

  it('a wish that moved on meanwhile (409) is explained in a dialog and shown as it is now', async () => {
    await open(aWish({ status: 'published', viewerActors: ['reported_member'] }));
    actOnWishMock.mockRejectedValue(new ApiError(409, 'WISH_STATE_CONFLICT', '该心愿已被其他党员认领'));
    getWishMock.mockResolvedValue(aWish({ status: 'claimed', claimantName: '张**', viewerActors: ['reported_member'] }));

    fireEvent.click(screen.getByRole('button', { name: '认领心愿' }));

    await screen.findByText('已认领');
    expect(taro.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '操作未完成', content: '该心愿已被其他党员认领' }),
    );
    expect(screen.queryByRole('button', { name: '认领心愿' })).not.toBeInTheDocument();
  });

  it('opens the form of an action that needs input instead of sending it', async () => {
    await open(aWish(claimedByMe));

    fireEvent.click(screen.getByRole('button', { name: '完成心愿' }));

    expect(screen.getByRole('textbox', { name: '完成情况' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '提交完成情况' })).toBeInTheDocument();
    expect(taro.showModal).not.toHaveBeenCalled();
    expect(actOnWishMock).not.toHaveBeenCalled();
  });
});
