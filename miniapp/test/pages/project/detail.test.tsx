import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { PROJECT_ACTORS, PROJECT_STATES, type ProjectActor, type ProjectDetail, type ProjectState } from '@huijia/shared';
import ProjectDetailPage from '../../../src/pages/project/detail/index';
import { ApiError } from '../../../src/services/api';
import {
  acceptProject,
  claimProject,
  getProject,
  handBackProject,
  rateProject,
  sendBackProject,
  withdrawProject,
} from '../../../src/services/projects';
import { photoSource } from '../../../src/services/uploads';
import { taro, useRouter } from '../../support/taro';
import { aProject, aProjectDetail, HOSPITAL, SELF, TEAM } from './fixtures';

jest.mock('../../../src/services/uploads');
jest.mock('../../../src/services/projects', () => ({
  ...jest.requireActual<typeof import('../../../src/services/projects')>('../../../src/services/projects'),
  getProject: jest.fn(),
  claimProject: jest.fn(),
  acceptProject: jest.fn(),
  sendBackProject: jest.fn(),
  handBackProject: jest.fn(),
  withdrawProject: jest.fn(),
  rateProject: jest.fn(),
}));
const getProjectMock = jest.mocked(getProject);

beforeEach(() => {
  jest.mocked(photoSource).mockImplementation((url) => Promise.resolve(`blob:${url}`));
});

async function open(project: ProjectDetail): Promise<void> {
  useRouter.mockReturnValue({ params: { id: project.id }, path: '/pages/project/detail/index' });
  getProjectMock.mockResolvedValue(project);
  render(<ProjectDetailPage />);
  await screen.findByText(project.description);
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

/**
 * The rule, said plainly: whoever may claim claims an open one; the lead posts progress while it is
 * carried out, reports a claimed one done and hands it back before completion; staff withdraw an
 * open one, and accept or send back a reported one. The step aside stands before the step forward.
 */
function allowed(actors: readonly ProjectActor[], status: ProjectState): string[] {
  const community = actors.includes('community');
  const eligible = actors.includes('eligible');
  const lead = actors.includes('lead');
  const carried = status === 'claimed' || status === 'reported';
  return [
    ...(community && status === 'open' ? ['撤回项目'] : []),
    ...(lead && carried ? ['放弃认领'] : []),
    ...(community && status === 'reported' ? ['退回整改'] : []),
    ...(lead && carried ? ['发布进展'] : []),
    ...(eligible && status === 'open' ? ['认领'] : []),
    ...(lead && status === 'claimed' ? ['报告完成'] : []),
    ...(community && status === 'reported' ? ['验收通过'] : []),
  ];
}

const subsets = PROJECT_ACTORS.reduce<ProjectActor[][]>((all, actor) => [...all, ...all.map((set) => [...set, actor])], [[]]);
const combinations = subsets.flatMap((actors) => PROJECT_STATES.map((status) => ({ actors, status })));

describe('the buttons on a project', () => {
  it.each(combinations)('are exactly those allowed to $actors on a $status one', async ({ actors, status }) => {
    const claimOptions = actors.includes('eligible') && status === 'open' ? [HOSPITAL] : [];
    await open(aProjectDetail({ viewerActors: actors, status, claimOptions }));
    expect(buttonNames()).toEqual(allowed(actors, status));
  });

  it('adds 评价 when the viewer may rate it', async () => {
    await open(aProjectDetail({ status: 'completed', mayRate: true }));
    expect(buttonNames()).toEqual(['评价']);
  });
});

describe('the detail', () => {
  it('shows the lead, the due date, what it needs and the timeline with its photos', async () => {
    await open(
      aProjectDetail({
        status: 'claimed',
        overdue: true,
        dueOn: '2026-11-30',
        lead: { kind: 'unit', name: '龙岩市第一医院', unitId: 'hospital', teamId: null },
        updateCount: 1,
        events: [
          { id: 'e1', kind: 'published', byName: '社区', content: null, photos: [], at: '2026-11-20T02:00:00.000Z' },
          { id: 'e2', kind: 'claimed', byName: '龙岩市第一医院', content: null, photos: [], at: '2026-11-21T02:00:00.000Z' },
          { id: 'e3', kind: 'progress', byName: '龙岩市第一医院', content: '已更换 3 栋的灯具', photos: [{ id: 'p1', url: '/api/uploads/p1' }], at: '2026-11-22T02:00:00.000Z' },
        ],
      }),
    );
    expect(screen.getByText('龙岩市第一医院（共建单位）')).toBeInTheDocument();
    expect(screen.getByText('2026年11月30日前，已超期')).toBeInTheDocument();
    expect(screen.getByText('超期')).toBeInTheDocument();
    expect(screen.getByText('人员、物资')).toBeInTheDocument();
    expect(screen.getByText('认领项目')).toBeInTheDocument();
    expect(screen.getByText('已更换 3 栋的灯具')).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('img[src="blob:/api/uploads/p1"]')).not.toBeNull());
  });

  it('offers to log service against it to whoever may', async () => {
    await open(aProjectDetail({ status: 'claimed', mayLogRecords: true }));
    fireEvent.click(screen.getByRole('button', { name: '为本项目记录服务 ›' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/record/new/index?source=project&sourceId=project-1' });
  });

  it('says why staff sent it back, and the rating', async () => {
    await open(aProjectDetail({ status: 'completed', rating: { average: 4.5, count: 2 }, myStars: 5 }));
    expect(screen.getByText('4.5 分（2 人评价）')).toBeInTheDocument();
    await open(aProjectDetail({ id: 'project-2', status: 'claimed', sentBackReason: '照片不全', description: '另一个项目。' }));
    expect(screen.getByText('社区退回整改：照片不全')).toBeInTheDocument();
  });
});

describe('claiming', () => {
  it('takes one tap (and a confirmation) with one capacity to claim in', async () => {
    await open(aProjectDetail({ viewerActors: ['eligible'], claimOptions: [HOSPITAL] }));
    getProjectMock.mockResolvedValue(aProjectDetail({ status: 'claimed', lead: { kind: 'unit', name: '龙岩市第一医院', unitId: 'hospital', teamId: null } }));
    jest.mocked(claimProject).mockResolvedValue(aProject({ status: 'claimed', lead: { kind: 'unit', name: '龙岩市第一医院', unitId: 'hospital', teamId: null } }));
    fireEvent.click(screen.getByRole('button', { name: '认领' }));
    await waitFor(() => expect(claimProject).toHaveBeenCalledWith('project-1', { as: 'unit', unitId: 'hospital' }));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringMatching(/^认领为 龙岩市第一医院/) }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText('龙岩市第一医院（共建单位）')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '认领' })).not.toBeInTheDocument();
  });

  it('asks in which capacity when there are several', async () => {
    await open(aProjectDetail({ viewerActors: ['eligible'], claimOptions: [TEAM, SELF] }));
    fireEvent.click(screen.getByRole('button', { name: '认领' }));
    const sheet = screen.getByRole('dialog', { name: '选择认领身份' });
    expect(within(sheet).getAllByRole('button').map((b) => b.textContent)).toEqual(['认领为 龙津志愿服务队', '认领为 个人', '取消']);
    jest.mocked(claimProject).mockResolvedValue(aProject({ status: 'claimed', lead: { kind: 'member', name: '李明', unitId: null, teamId: null } }));
    fireEvent.click(within(sheet).getByRole('button', { name: '认领为 个人' }));
    await waitFor(() => expect(claimProject).toHaveBeenCalledWith('project-1', { as: 'self' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says plainly when someone else claimed it first, and shows it afresh', async () => {
    await open(aProjectDetail({ viewerActors: ['eligible'], claimOptions: [HOSPITAL] }));
    jest.mocked(claimProject).mockRejectedValue(new ApiError(409, 'PROJECT_ALREADY_CLAIMED', '该项目已被其他人认领'));
    getProjectMock.mockResolvedValue(aProjectDetail({ status: 'claimed', lead: { kind: 'team', name: '龙津志愿服务队', unitId: null, teamId: 'team-1' } }));
    fireEvent.click(screen.getByRole('button', { name: '认领' }));
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该项目已被其他人认领' })));
    expect(await screen.findByText('龙津志愿服务队（志愿服务队）')).toBeInTheDocument();
    expect(getProjectMock).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: '认领' })).not.toBeInTheDocument();
  });
});

describe('the lead and staff acting on it', () => {
  it('发布进展 and 报告完成 open the lead’s form in its two modes', async () => {
    await open(aProjectDetail({ viewerActors: ['lead'], status: 'claimed' }));
    fireEvent.click(screen.getByRole('button', { name: '发布进展' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/update/index?id=project-1&mode=progress' });
    fireEvent.click(screen.getByRole('button', { name: '报告完成' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/update/index?id=project-1&mode=complete' });
  });

  it('验收通过 is asked once more, and nothing is sent when declined', async () => {
    await open(aProjectDetail({ viewerActors: ['community'], status: 'reported' }));
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByRole('button', { name: '验收通过' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '验收通过' })));
    expect(acceptProject).not.toHaveBeenCalled();

    jest.mocked(acceptProject).mockResolvedValue(aProject({ status: 'completed', viewerActors: ['community'] }));
    getProjectMock.mockResolvedValue(aProjectDetail({ status: 'completed', viewerActors: ['community'] }));
    fireEvent.click(screen.getByRole('button', { name: '验收通过' }));
    expect(await screen.findByText('已完成')).toBeInTheDocument();
    expect(acceptProject).toHaveBeenCalledWith('project-1');
  });

  it('退回整改 takes a reason', async () => {
    await open(aProjectDetail({ viewerActors: ['community'], status: 'reported' }));
    fireEvent.click(screen.getByRole('button', { name: '退回整改' }));
    const sheet = screen.getByRole('dialog', { name: '退回整改' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认退回' }));
    expect(await within(sheet).findByText('请填写原因')).toBeInTheDocument();
    jest.mocked(sendBackProject).mockResolvedValue(aProject({ status: 'claimed', sentBackReason: '照片不全' }));
    fireEvent.change(within(sheet).getByRole('textbox'), { target: { value: '照片不全' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认退回' }));
    await waitFor(() => expect(sendBackProject).toHaveBeenCalledWith('project-1', '照片不全'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it.each([
    ['放弃认领', ['lead'] as ProjectActor[], 'claimed' as ProjectState, handBackProject, '确认放弃'],
    ['撤回项目', ['community'] as ProjectActor[], 'open' as ProjectState, withdrawProject, '确认撤回'],
  ])('%s takes a reason and is asked once more', async (name, actors, status, service, submit) => {
    await open(aProjectDetail({ viewerActors: actors, status }));
    fireEvent.click(screen.getByRole('button', { name }));
    const sheet = screen.getByRole('dialog', { name });
    fireEvent.change(within(sheet).getByRole('textbox'), { target: { value: '人员调整' } });
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(within(sheet).getByRole('button', { name: submit }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: name })));
    expect(service).not.toHaveBeenCalled();
    jest.mocked(service).mockResolvedValue(aProject({ status: status === 'open' ? 'withdrawn' : 'open' }));
    fireEvent.click(within(sheet).getByRole('button', { name: submit }));
    await waitFor(() => expect(service).toHaveBeenCalledWith('project-1', '人员调整'));
  });

  it('评价 takes 1 to 5 stars and a comment', async () => {
    await open(aProjectDetail({ status: 'completed', mayRate: true }));
    fireEvent.click(screen.getByRole('button', { name: '评价' }));
    const sheet = screen.getByRole('dialog', { name: '评价项目' });
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));
    expect(await within(sheet).findByText('请选择评分')).toBeInTheDocument();
    expect(rateProject).not.toHaveBeenCalled();

    jest.mocked(rateProject).mockResolvedValue(aProject({ status: 'completed', myStars: 4, rating: { average: 4, count: 1 } }));
    getProjectMock.mockResolvedValue(aProjectDetail({ status: 'completed', myStars: 4, rating: { average: 4, count: 1 } }));
    fireEvent.click(within(sheet).getByRole('radio', { name: '4 分' }));
    fireEvent.change(within(sheet).getByRole('textbox', { name: '评价（选填）' }), { target: { value: '楼道亮了' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(rateProject).toHaveBeenCalledWith('project-1', { stars: 4, comment: '楼道亮了' }));
    expect(await screen.findByText('4.0 分（1 人评价）')).toBeInTheDocument();
  });
});
