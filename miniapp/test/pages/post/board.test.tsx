import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type Post, postSchema } from '@huijia/shared';
import PostBoardPage from '../../../src/pages/post/board/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { getOrg } from '../../../src/services/orgs';
import { evaluateHolder, listPosts } from '../../../src/services/posts';
import { saveSession } from '../../../src/services/session';
import { aCommunity, aResident } from '../../support/fixtures';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/posts');

const COMMITMENT = '我自愿认领此岗位，按时参加服务，接受社区和群众监督。';

function aPost(overrides: Partial<Post> = {}): Post {
  return postSchema.parse({
    id: 'post-1', communityId: 'longjin', communityName: '龙津社区', title: '楼道文明监督岗', description: '每周巡查楼道',
    pioneerRole: 'model_resident', capacity: 3, seatsTaken: 1, schedule: '每周六 9:00-11:00', location: '阳光花园',
    startsOn: '2026-10-01', endsOn: '2027-10-01', status: 'open', averageScore: null, evaluations: 0, mySeat: null,
    holders: [{ id: 'seat-1', memberId: 'member-1', memberName: '李**', commitment: COMMITMENT, status: 'active', claimedAt: '2026-10-16T01:00:00.000Z' }],
    ...overrides,
  });
}

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aResident());
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
  jest.mocked(listPosts).mockResolvedValue({ items: [aPost()], nextCursor: null });
});

async function rate(score: number): Promise<void> {
  render(<PostBoardPage />);
  fireEvent.click(await screen.findByRole('button', { name: '评岗' }));
  const sheet = screen.getByRole('dialog');
  fireEvent.click(within(sheet).getByRole('radio', { name: `${score} 分` }));
  // The answer and what follows it settle inside act: the refusal closes the sheet at once.
  await act(async () => {
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));
  });
}

describe('社区示岗', () => {
  it('shows the home community’s open posts with each holder’s commitment', async () => {
    render(<PostBoardPage />);
    expect(await screen.findByText(`承诺：${COMMITMENT}`)).toBeInTheDocument();
    expect(screen.getByText('李**')).toBeInTheDocument();
    expect(screen.getByText('龙津社区')).toBeInTheDocument();
    expect(listPosts).toHaveBeenCalledWith({ communityId: 'longjin', status: 'open', cursor: null });
  });

  it('sends a score and shows the post as it is now', async () => {
    jest.mocked(evaluateHolder).mockResolvedValue(aPost({ averageScore: 4, evaluations: 1 }));
    await rate(4);
    await waitFor(() => expect(evaluateHolder).toHaveBeenCalledWith('post-1', 'member-1', 4, ''));
    expect(await screen.findByText('评岗平均 4.0 分 · 共 1 次')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已评价' }));
  });

  it('explains the 30-day rule when a resident new to the community is refused', async () => {
    jest.mocked(evaluateHolder).mockRejectedValue(new ApiError(403, 'EVALUATION_TOO_SOON', '在本社区居住满 30 天后才能评价岗位'));
    await rate(5);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ title: '暂时不能评岗', content: expect.stringContaining('在本社区居住满 30 天后才能评价岗位') }),
      ),
    );
  });

  it('asks for a score before sending', async () => {
    render(<PostBoardPage />);
    fireEvent.click(await screen.findByRole('button', { name: '评岗' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(screen.getByText('请点击星星打分')).toBeInTheDocument();
    expect(evaluateHolder).not.toHaveBeenCalled();
  });

  it('offers no 评岗 of one’s own seat', async () => {
    jest.mocked(listPosts).mockResolvedValue({
      items: [aPost({ holders: [{ id: 'seat-2', memberId: 'user-resident', memberName: '王秀英', commitment: COMMITMENT, status: 'active', claimedAt: '2026-10-16T01:00:00.000Z' }] })],
      nextCursor: null,
    });
    render(<PostBoardPage />);
    expect(await screen.findByText('王秀英（我）')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '评岗' })).not.toBeInTheDocument();
  });

  it('says so when the community has no open posts', async () => {
    jest.mocked(listPosts).mockResolvedValue({ items: [], nextCursor: null });
    render(<PostBoardPage />);
    expect(await screen.findByText(/本社区暂时没有开放的服务岗位/)).toBeInTheDocument();
  });

  it('asks a resident without a home community to set one first', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident({ homeCommunityId: null }));
    render(<PostBoardPage />);
    fireEvent.click(await screen.findByRole('button', { name: '去「我的」设置所在社区 ›' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/index' });
    expect(listPosts).not.toHaveBeenCalled();
  });
});
