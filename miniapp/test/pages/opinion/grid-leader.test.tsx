import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type GridGroup, gridGroupSchema } from '@huijia/shared';
import GridPage from '../../../src/pages/staff/grid/index';
import { getGrid, setGridLeader } from '../../../src/services/grid';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/grid');
jest.mock('../../../src/services/reports');

const branch = (leaderId: string | null): GridGroup =>
  gridGroupSchema.parse({
    id: 'b1',
    communityId: 'longjin',
    kind: 'branch',
    name: '阳光花园网格党支部',
    members: [
      { id: 'm1', name: '李明' },
      { id: 'm2', name: '陈芳' },
    ],
    leaderId,
  });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
});

const memberRow = (name: string) => screen.getByText(name, { selector: '.grid-member__name' }).closest('.grid-member') as HTMLElement;

describe('a grid branch’s leader (负责人), who holds 建议', () => {
  it('is set by staff after a question that says what the leader does', async () => {
    jest.mocked(getGrid).mockResolvedValue([branch(null)]);
    render(<GridPage />);
    expect(await screen.findByText('未设负责人（负责人办理本支部居民反映的民情（建议））')).toBeInTheDocument();
    jest.mocked(setGridLeader).mockResolvedValue(branch('m2'));

    fireEvent.click(within(memberRow('陈芳')).getByRole('button', { name: '设为负责人' }));

    await waitFor(() => expect(setGridLeader).toHaveBeenCalledWith('b1', 'm2'));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '设为负责人' }));
    expect(await screen.findByText('负责人：陈芳')).toBeInTheDocument();
    expect(within(memberRow('陈芳')).getByRole('button', { name: '取消负责人' })).toBeInTheDocument();
  });

  it('is taken off with none in their place', async () => {
    jest.mocked(getGrid).mockResolvedValue([branch('m1')]);
    render(<GridPage />);
    await screen.findByText('负责人：李明');
    jest.mocked(setGridLeader).mockResolvedValue(branch(null));

    fireEvent.click(within(memberRow('李明')).getByRole('button', { name: '取消负责人' }));

    await waitFor(() => expect(setGridLeader).toHaveBeenCalledWith('b1', null));
    expect(await screen.findByText(/未设负责人/)).toBeInTheDocument();
  });
});
