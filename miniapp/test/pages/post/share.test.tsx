import { render, screen } from '@testing-library/react';
import { type Post, postSchema } from '@huijia/shared';
import PostDetailPage from '../../../src/pages/post/detail/index';
import { getPost } from '../../../src/services/posts';
import { shareAppMessage, useRouter } from '../../support/taro';

jest.mock('../../../src/services/posts');

const COMMITMENT = '我自愿认领此岗位，按时参加服务，接受社区和群众监督。';

// A post with a holder: their name and commitment show on the page (示岗).
const post: Post = postSchema.parse({
  id: 'post-3', communityId: 'longjin', communityName: '龙津社区', title: '楼道文明监督岗', description: '每周巡查楼道',
  pioneerRole: 'model_resident', capacity: 3, seatsTaken: 1, schedule: '每周六 9:00-11:00', location: '阳光花园',
  startsOn: '2026-10-01', endsOn: '2027-10-01', status: 'open', averageScore: null, evaluations: 0, mySeat: null,
  holders: [{ id: 'seat-1', memberId: 'member-1', memberName: '李建国', commitment: COMMITMENT, status: 'active', claimedAt: '2026-10-16T01:00:00.000Z' }],
});

beforeEach(() => {
  useRouter.mockReturnValue({ params: { id: post.id }, path: '/pages/post/detail/index' });
});

describe('转发 a post', () => {
  it('sends a card with the post title that opens this post, and nothing about who holds it', async () => {
    jest.mocked(getPost).mockResolvedValue(post);
    render(<PostDetailPage />);
    await screen.findByText('李建国');

    const card = shareAppMessage();

    expect(card).toEqual({ title: '楼道文明监督岗', path: '/pages/post/detail/index?id=post-3', imageUrl: '/assets/share.png' });
    const said = JSON.stringify(card);
    for (const secret of ['李建国', COMMITMENT]) expect(said).not.toContain(secret);
  });

  it('shared before the post has loaded, the card still opens it, under a plain title', () => {
    jest.mocked(getPost).mockReturnValue(new Promise(() => undefined));
    render(<PostDetailPage />);

    expect(shareAppMessage()).toEqual({ title: '志愿服务岗位', path: '/pages/post/detail/index?id=post-3', imageUrl: '/assets/share.png' });
  });
});
