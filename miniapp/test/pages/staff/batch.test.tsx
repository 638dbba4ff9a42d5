import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ReviewPage from '../../../src/pages/staff/review/index';
import VerifyPage from '../../../src/pages/staff/verify/index';
import { getMe } from '../../../src/services/me';
import { listRecords, verifyRecords } from '../../../src/services/records';
import { saveSession } from '../../../src/services/session';
import { approveWishes, listWishes } from '../../../src/services/wishes';
import { aCommunityWorker, aRecord, aWish } from '../../support/fixtures';
import { tabBadges } from '../../../src/navigation/badges';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/records');
jest.mock('../../../src/services/wishes');

const staffActors = { viewerActors: ['staff' as const] };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
});

describe('批量核实: records chosen on the queue are verified with one question', () => {
  const records = [
    aRecord({ id: 'r1', memberName: '李志远', minutes: 90 }),
    aRecord({ id: 'r2', memberName: '赵雪梅', minutes: 60 }),
    aRecord({ id: 'r3', memberName: '孙浩然', minutes: 30 }),
  ];

  it('asks once, naming how many and how long, sends the chosen ones and drops those verified', async () => {
    jest.mocked(listRecords).mockResolvedValue({ items: records, nextCursor: null });
    jest.mocked(verifyRecords).mockResolvedValue({ done: ['r1', 'r2'], refused: [] });
    render(<VerifyPage />);
    await screen.findByRole('checkbox', { name: '选择李志远的服务记录' });
    expect(screen.getByRole('button', { name: '批量通过' })).toBeDisabled();

    fireEvent.click(screen.getByRole('checkbox', { name: '选择李志远的服务记录' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选择赵雪梅的服务记录' }));
    expect(screen.getByText('已选 2 项')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '批量通过（2）' }));

    await waitFor(() => expect(verifyRecords).toHaveBeenCalledWith(['r1', 'r2']));
    expect(taro.showModal).toHaveBeenCalledTimes(1);
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '批量核实通过', content: expect.stringContaining('这 2 条服务记录') }));
    expect(jest.mocked(taro.showModal).mock.calls[0]![0]).toMatchObject({ content: expect.stringContaining('2.5 小时') });
    const box = (name: string) => screen.queryByRole('checkbox', { name: `选择${name}的服务记录` });
    await waitFor(() => expect(box('李志远')).toBeNull());
    expect(box('赵雪梅')).toBeNull();
    expect(box('孙浩然')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已核实通过 2 项' }));
  });

  it('chooses all shown with 全选, and names the ones refused and why', async () => {
    jest.mocked(listRecords).mockResolvedValue({ items: records, nextCursor: null });
    jest.mocked(verifyRecords).mockResolvedValue({ done: ['r1', 'r3'], refused: [{ id: 'r2', code: 'RECORD_STATE_CONFLICT', message: '该服务记录已被处理' }] });
    render(<VerifyPage />);
    await screen.findByRole('checkbox', { name: '选择李志远的服务记录' });

    fireEvent.click(screen.getByRole('checkbox', { name: '全选' }));
    fireEvent.click(screen.getByRole('button', { name: '批量通过（3）' }));

    await waitFor(() => expect(verifyRecords).toHaveBeenCalledWith(['r1', 'r2', 'r3']));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '1 项未处理', content: expect.stringContaining('赵雪梅：该服务记录已被处理') })),
    );
    expect(screen.getByRole('checkbox', { name: '选择赵雪梅的服务记录' })).toBeInTheDocument();
  });
});

describe('批量通过: wishes chosen on the review queue are approved with one question', () => {
  it('approves the chosen wishes at once; a single 通过 goes without a question', async () => {
    const wishes = [
      aWish({ id: 'w1', title: '帮忙修水龙头', status: 'pending_review', ...staffActors }),
      aWish({ id: 'w2', title: '陪同去医院', status: 'pending_review', ...staffActors }),
      aWish({ id: 'w3', title: '教用智能手机', status: 'pending_review', ...staffActors }),
    ];
    jest.mocked(listWishes).mockResolvedValue({ items: wishes, nextCursor: null });
    jest.mocked(approveWishes).mockResolvedValue({ done: ['w1', 'w2'], refused: [] });
    render(<ReviewPage />);
    await screen.findByText('帮忙修水龙头');

    fireEvent.click(screen.getByRole('checkbox', { name: '选择「帮忙修水龙头」' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选择「陪同去医院」' }));
    fireEvent.click(screen.getByRole('button', { name: '批量通过（2）' }));

    await waitFor(() => expect(approveWishes).toHaveBeenCalledWith(['w1', 'w2']));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('这 2 个心愿') }));
    await waitFor(() => expect(screen.queryByText('帮忙修水龙头')).toBeNull());
    const left = screen.getByText('教用智能手机').closest('.wish-card') as HTMLElement;
    expect(within(left).getByRole('button', { name: '通过' })).toBeInTheDocument();
    // The whole queue is on screen: the 审核 tab counts what is left.
    expect(tabBadges.get().review).toEqual({ count: 1, more: false });
  });

  it('counts the 审核 tab down by what was done while the queue runs past one page', async () => {
    const wishes = [aWish({ id: 'w1', title: '帮忙修水龙头', status: 'pending_review', ...staffActors }), aWish({ id: 'w2', title: '陪同去医院', status: 'pending_review', ...staffActors })];
    jest.mocked(listWishes).mockResolvedValue({ items: wishes, nextCursor: 'more' });
    jest.mocked(approveWishes).mockResolvedValue({ done: ['w1', 'w2'], refused: [] });
    tabBadges.set({ review: { count: 30, more: false } });
    render(<ReviewPage />);
    await screen.findByText('帮忙修水龙头');
    fireEvent.click(screen.getByRole('checkbox', { name: '全选' }));
    fireEvent.click(screen.getByRole('button', { name: '批量通过（2）' }));
    await waitFor(() => expect(tabBadges.get().review).toEqual({ count: 28, more: false }));
  });
});
