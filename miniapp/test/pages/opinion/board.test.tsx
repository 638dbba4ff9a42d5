import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import BoardPage from '../../../src/pages/opinion/board/index';
import { getMe } from '../../../src/services/me';
import { listOpinions, secondOpinion } from '../../../src/services/opinions';
import { getOrg } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { aCommunity, aResident } from '../../support/fixtures';
import { anOpinion } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  listOpinions: jest.fn(),
  secondOpinion: jest.fn(),
}));

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aResident());
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
});

/** What a neighbour sees of an open one: no description, no photos, no reporter. */
const open = anOpinion({ id: 'open', viewerActors: ['neighbour'], seconds: 4, description: undefined, photos: undefined });
const resolved = anOpinion({
  id: 'done',
  title: '垃圾清运不及时',
  category: 'sanitation',
  status: 'resolved',
  level: 'community',
  levelReached: 'community',
  reply: '已与环卫所约定每天清运两次',
  description: '小区垃圾桶满了没人清。',
  viewerActors: ['neighbour'],
});

describe('社区民情', () => {
  it('shows the home community’s open ones to second, and seconds one once', async () => {
    jest.mocked(listOpinions).mockResolvedValue({ items: [open], nextCursor: null });
    render(<BoardPage />);

    const card = (await screen.findByText('3 栋门口下雨积水')).closest('.wish-card') as HTMLElement;
    expect(listOpinions).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'longjin', status: 'open' }));
    expect(within(card).getByText('4 人附议')).toBeInTheDocument();
    jest.mocked(secondOpinion).mockResolvedValue({ ...open, seconds: 5, seconded: true });

    fireEvent.click(within(card).getByRole('button', { name: '附议' }));

    expect(await within(card).findByText('5 人附议，含您')).toBeInTheDocument();
    expect(secondOpinion).toHaveBeenCalledWith('open');
    expect(within(card).queryByRole('button', { name: '附议' })).not.toBeInTheDocument();
  });

  it('shows the resolved ones with their reply, and never a reporter', async () => {
    jest.mocked(listOpinions).mockImplementation(async (query) => ({
      items: query.status === 'resolved' ? [resolved] : [open],
      nextCursor: null,
    }));
    render(<BoardPage />);
    await screen.findByText('3 栋门口下雨积水');

    fireEvent.click(screen.getByRole('radio', { name: '已办结' }));

    expect(await screen.findByText('已与环卫所约定每天清运两次')).toBeInTheDocument();
    expect(screen.getByText('社区党委办理结果：')).toBeInTheDocument();
    expect(screen.queryByText(/反映人/)).not.toBeInTheDocument();
    await waitFor(() => expect(listOpinions).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'resolved' })));
  });

  it('asks a resident without a home community to set one first', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident({ homeCommunityId: null }));
    render(<BoardPage />);
    expect(await screen.findByText('这里是您所在社区的民情，请先设置所在社区。')).toBeInTheDocument();
    expect(listOpinions).not.toHaveBeenCalled();
  });
});
