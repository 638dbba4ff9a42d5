import { fireEvent, render, screen } from '@testing-library/react';
import ProjectListPage from '../../../src/pages/project/list/index';
import { getMe } from '../../../src/services/me';
import { getOrg } from '../../../src/services/orgs';
import { listProjects } from '../../../src/services/projects';
import { saveSession } from '../../../src/services/session';
import { aCommunity, aCommunityWorker, aReportedMember, aResident } from '../../support/fixtures';
import { taro, useRouter } from '../../support/taro';
import { aProject } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/projects', () => ({
  ...jest.requireActual<typeof import('../../../src/services/projects')>('../../../src/services/projects'),
  listProjects: jest.fn(),
}));
const listMock = jest.mocked(listProjects);

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
});

const page = (items: ReturnType<typeof aProject>[], nextCursor: string | null = null) => ({ items, nextCursor });
const lead = { kind: 'team' as const, name: '龙津志愿服务队', unitId: null, teamId: 'team-1' };

describe('the residents’ board', () => {
  beforeEach(() => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    useRouter.mockReturnValue({ params: { as: 'board' }, path: '/pages/project/list/index' });
  });

  it('shows the home community’s projects with status, lead, due date, 超期 and updates', async () => {
    listMock.mockResolvedValue(
      page([
        aProject({ id: 'p1', status: 'claimed', lead, overdue: true, dueOn: '2026-11-30', updateCount: 3 }),
        aProject({ id: 'p2', title: '社区党史角', category: 'party_building' }),
      ]),
    );
    render(<ProjectListPage />);
    expect(await screen.findByText('社区党史角')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'longjin', status: undefined }));
    expect(screen.getByText('负责：龙津志愿服务队（志愿服务队）')).toBeInTheDocument();
    expect(screen.getByText('负责：待认领')).toBeInTheDocument();
    expect(screen.getByText('完成期限：2026年11月30日前')).toBeInTheDocument();
    expect(screen.getByText('超期')).toBeInTheDocument();
    expect(screen.getByText('3 条进展')).toBeInTheDocument();
    expect(await screen.findByText('龙津社区')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '发布项目' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('社区党史角'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/project/detail/index?id=p2' });
  });

  it('has tabs 全部, 待认领, 实施中 (with those awaiting acceptance) and 已完成', async () => {
    listMock.mockResolvedValue(page([]));
    render(<ProjectListPage />);
    await screen.findByText('社区还没有这样的项目。');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['全部', '待认领', '实施中', '已完成']);

    fireEvent.click(screen.getByRole('tab', { name: '待认领' }));
    await screen.findByText('社区还没有这样的项目。');
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ communityId: 'longjin', status: 'open' }));

    listMock.mockResolvedValue(page([aProject({ id: 'p3', status: 'reported', title: '楼道粉刷', lead }), aProject({ id: 'p4', title: '未认领的' })]));
    fireEvent.click(screen.getByRole('tab', { name: '实施中' }));
    expect(await screen.findByText('楼道粉刷')).toBeInTheDocument();
    expect(screen.queryByText('未认领的')).not.toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ status: undefined }));
  });

  it('loads more at the end of a page', async () => {
    listMock.mockResolvedValueOnce(page([aProject({ id: 'p1' })], 'next'));
    listMock.mockResolvedValueOnce(page([aProject({ id: 'p2', title: '第二页的项目' })]));
    render(<ProjectListPage />);
    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText('第二页的项目')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'next' }));
  });
});

describe('the other lists', () => {
  it('community staff see their community’s with 待验收, and publish', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    useRouter.mockReturnValue({ params: { as: 'community' }, path: '/pages/project/list/index' });
    listMock.mockResolvedValue(page([aProject()]));
    render(<ProjectListPage />);
    await screen.findByText('老旧小区楼道灯具更换');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['全部', '待认领', '实施中', '待验收', '已完成']);
    listMock.mockResolvedValue(page([aProject({ id: 'p5', status: 'reported', title: '等待验收的', lead })]));
    fireEvent.click(screen.getByRole('tab', { name: '待验收' }));
    await screen.findByText('等待验收的');
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ communityId: 'longjin', status: 'reported' }));
    fireEvent.click(screen.getByRole('button', { name: '发布项目' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/project/new/index?scope=longjin' });
  });

  it('a member sees those open to their claim, named by community', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    useRouter.mockReturnValue({ params: { as: 'claimable' }, path: '/pages/project/list/index' });
    listMock.mockResolvedValue(page([aProject()]));
    render(<ProjectListPage />);
    await screen.findByText('老旧小区楼道灯具更换');
    expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ claimable: true }));
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.getByText('龙津社区')).toBeInTheDocument();
  });
});
