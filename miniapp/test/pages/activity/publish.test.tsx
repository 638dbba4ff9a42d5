import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type Activity, type Me, unitSchema } from '@huijia/shared';
import ActivityFormPage from '../../../src/pages/activity/edit/index';
import { ApiError } from '../../../src/services/api';
import { createActivity, getActivity, updateActivity } from '../../../src/services/activities';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { getUnit } from '../../../src/services/units';
import { aCommunityWorker, aReportedMember } from '../../support/fixtures';
import { deferred, freezeClock, pick, typeInto } from '../../support/helpers';
import { storage, taro, useRouter } from '../../support/taro';
import { someone } from '../admin/fixtures';
import { anActivity, NOW } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/units');
jest.mock('../../../src/services/activities', () => ({
  ...jest.requireActual<typeof import('../../../src/services/activities')>('../../../src/services/activities'),
  createActivity: jest.fn(),
  getActivity: jest.fn(),
  updateActivity: jest.fn(),
}));
const createMock = jest.mocked(createActivity);

// The page scrolls to the first field with a complaint.
const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

const unitAdmin = (): Me => someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }], { id: 'user-unit' });
const hospital = unitSchema.parse({ id: 'hospital', name: '龙岩市第一医院', orgId: 'xinluo', pairedCommunities: [{ id: 'longjin', name: '龙津社区' }], rosterSize: 40 });

beforeEach(() => {
  freezeClock(NOW);
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  jest.mocked(getUnit).mockResolvedValue(hospital);
  useRouter.mockReturnValue({ params: {}, path: '/pages/activity/edit/index' });
});
afterEach(() => {
  jest.useRealTimers();
});

async function openForm(): Promise<void> {
  render(<ActivityFormPage />);
  await screen.findByRole('textbox', { name: '活动标题' });
}

const field = (label: string) => screen.getByRole('textbox', { name: label });
const choose = (group: string, option: string) =>
  fireEvent.click(within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option }));
const publish = () => fireEvent.click(screen.getByRole('button', { name: '发布活动' }));

function fillIn(): void {
  choose('活动类型', '组团服务');
  typeInto(field('活动标题'), '重阳节敬老义剪');
  typeInto(field('活动内容'), '为社区 70 岁以上老人免费理发。');
  typeInto(field('活动地点'), '龙津社区党群服务中心二楼');
  typeInto(field('名额（人）'), '30');
}

describe('the publish form', () => {
  it('counts the title’s characters against its limit', async () => {
    await openForm();
    expect(screen.getByText('0/40')).toBeInTheDocument();
    typeInto(field('活动标题'), '重阳节敬老义剪');
    expect(screen.getByText('7/40')).toBeInTheDocument();
    expect(field('活动标题')).toHaveAttribute('maxLength', '40');
  });

  it('says what is missing under each field, scrolls the first into view, and sends nothing', async () => {
    await openForm();
    publish();

    expect(await screen.findByText('请选择活动类型')).toBeInTheDocument();
    expect(screen.getByText('标题至少 2 个字')).toBeInTheDocument();
    expect(screen.getByText('请填写活动地点')).toBeInTheDocument();
    expect(screen.getByText('请填写名额（人数）')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#activity-field-kind' })));

    choose('活动类型', '主题活动');
    typeInto(field('活动标题'), '重阳节敬老义剪');
    publish();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#activity-field-description' })));
    expect(createMock).not.toHaveBeenCalled();
  });

  it('refuses an end not after the start, and a capacity that is no whole number', async () => {
    await openForm();
    fillIn();
    pick(screen.getByRole('button', { name: '结束时间：11:00' }), 16);
    typeInto(field('名额（人）'), '3.5');
    publish();
    expect(await screen.findByText('结束时间须晚于开始时间')).toBeInTheDocument();
    expect(screen.getByText('名额须为整数')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#activity-field-endsAt' })));
    expect(createMock).not.toHaveBeenCalled();
  });

  it('offers times in half-hour steps and publishes once, for the staff’s community, then opens it', async () => {
    await openForm();
    fillIn();
    // The 30th half hour of the day, and the 34th.
    pick(screen.getByRole('button', { name: '开始时间：09:00' }), 29);
    pick(screen.getByRole('button', { name: '结束时间：11:00' }), 33);
    expect(screen.getByRole('button', { name: '开始时间：14:30' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '结束时间：16:30' })).toBeInTheDocument();
    const answer = deferred<Activity>();
    createMock.mockReturnValue(answer.promise);

    publish();
    await waitFor(() => expect(screen.getByRole('button', { name: '发布活动' })).toBeDisabled());
    publish();
    answer.resolve(anActivity({ id: '9' }));

    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/activity/detail/index?id=9' }));
    expect(createMock).toHaveBeenCalledTimes(1);
    expect(createMock).toHaveBeenCalledWith(
      {
        communityId: 'longjin',
        organiser: { kind: 'community' },
        kind: 'group_service',
        title: '重阳节敬老义剪',
        description: '为社区 70 岁以上老人免费理发。',
        location: '龙津社区党群服务中心二楼',
        startsAt: '2026-12-11T14:30:00.000Z',
        endsAt: '2026-12-11T16:30:00.000Z',
        capacity: 30,
        audience: 'community',
      },
      expect.stringMatching(/^activity-/),
    );
    expect(storage.has('huijia.activityDraft')).toBe(false);
  });

  it('keeps what was typed, and its key, when the page is left, and restores it', async () => {
    await openForm();
    typeInto(field('活动标题'), '垃圾分类宣传');
    typeInto(field('活动地点'), '阳光花园门口');
    const kept = (storage.get('huijia.activityDraft') as { value: { idempotencyKey: string } }).value.idempotencyKey;
    cleanup();

    await openForm();
    expect(field('活动标题')).toHaveValue('垃圾分类宣传');
    expect(field('活动地点')).toHaveValue('阳光花园门口');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));

    fillIn();
    createMock.mockResolvedValue(anActivity());
    publish();
    await waitFor(() => expect(createMock).toHaveBeenCalledTimes(1));
    // The same form, sent again after a lost answer, must not publish twice: its key came back with it.
    expect(createMock).toHaveBeenCalledWith(expect.objectContaining({ title: '重阳节敬老义剪' }), kept);
    expect(storage.has('huijia.activityDraft')).toBe(false);
  });
});

describe('who organises', () => {
  it('asks no audience of community staff', async () => {
    await openForm();
    expect(screen.getByText('龙津社区工作人员')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: '也向本单位党员开放' })).not.toBeInTheDocument();
  });

  it('lets a unit’s admin open it to the unit’s members too, in the community the unit is paired with', async () => {
    jest.mocked(getMe).mockResolvedValue(unitAdmin());
    await openForm();
    expect(await screen.findByText('龙津社区')).toBeInTheDocument();
    const audience = screen.getByRole('checkbox', { name: '也向本单位党员开放' });
    expect(audience).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(audience);
    expect(audience).toHaveAttribute('aria-checked', 'true');

    fillIn();
    createMock.mockResolvedValue(anActivity());
    publish();
    await waitFor(() => expect(createMock).toHaveBeenCalledTimes(1));
    expect(createMock.mock.calls[0]![0]).toEqual(
      expect.objectContaining({ communityId: 'longjin', organiser: { kind: 'unit', unitId: 'hospital' }, audience: 'community_and_unit' }),
    );
  });

  it('offers the choice to one who holds several roles, the audience only while the unit is chosen', async () => {
    const both = someone(
      [
        { role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' },
        { role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' },
      ],
      { id: 'user-both' },
    );
    jest.mocked(getMe).mockResolvedValue(both);
    await openForm();
    expect(screen.queryByRole('checkbox', { name: '也向本单位党员开放' })).not.toBeInTheDocument();
    choose('组织者身份', '龙岩市第一医院（结对单位）');
    expect(await screen.findByRole('checkbox', { name: '也向本单位党员开放' })).toBeInTheDocument();
    choose('组织者身份', '龙津社区工作人员');
    expect(screen.queryByRole('checkbox', { name: '也向本单位党员开放' })).not.toBeInTheDocument();
  });

  it('offers a member of a volunteer team its leader’s role, and shows the server’s refusal there', async () => {
    jest.mocked(getMe).mockResolvedValue({ ...aReportedMember(), grid: { branch: null, team: { id: 't1', name: '阳光志愿服务队' } } });
    await openForm();
    expect(screen.getByText('志愿服务队「阳光志愿服务队」负责人')).toBeInTheDocument();
    fillIn();
    createMock.mockRejectedValue(new ApiError(403, 'ACTIVITY_ORGANISER_INVALID', '您不能以该身份在这个社区组织活动'));
    publish();
    expect(await screen.findByText('您不能以该身份在这个社区组织活动')).toBeInTheDocument();
    expect(createMock.mock.calls[0]![0]).toEqual(expect.objectContaining({ organiser: { kind: 'team', teamId: 't1' }, communityId: 'longjin' }));
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#activity-field-organiser' })));
  });

  it('tells someone who organises nothing who may', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    render(<ActivityFormPage />);
    expect(await screen.findByText('社区工作人员、志愿服务队负责人和结对单位的党组织管理员可以发布活动。')).toBeInTheDocument();
  });
});

describe('editing', () => {
  it('starts from the activity, keeps no draft, and tells who is signed up before saving', async () => {
    useRouter.mockReturnValue({ params: { id: '7' }, path: '/pages/activity/edit/index' });
    jest.mocked(getActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], signedUp: 12, waitlisted: 2 }));
    jest.mocked(updateActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], capacity: 25 }));
    render(<ActivityFormPage />);
    expect(await screen.findByDisplayValue('重阳节敬老义剪')).toBeInTheDocument();
    expect(screen.getByText('本社区报到党员')).toBeInTheDocument();

    typeInto(field('名额（人）'), '25');
    fireEvent.click(screen.getByRole('button', { name: '保存修改' }));

    await waitFor(() => expect(updateActivity).toHaveBeenCalledTimes(1));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '保存后已报名和候补的 14 人会收到活动变更通知。确定保存吗？' }));
    expect(jest.mocked(updateActivity).mock.calls[0]).toEqual(['7', expect.objectContaining({ capacity: 25, startsAt: '2026-12-12T01:00:00.000Z' })]);
    expect(storage.has('huijia.activityDraft')).toBe(false);
  });

  it('sends nothing when the question is declined, and the form stays open to save later', async () => {
    useRouter.mockReturnValue({ params: { id: '7' }, path: '/pages/activity/edit/index' });
    jest.mocked(getActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], signedUp: 3, waitlisted: 0 }));
    jest.mocked(updateActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], capacity: 25 }));
    render(<ActivityFormPage />);
    expect(await screen.findByDisplayValue('重阳节敬老义剪')).toBeInTheDocument();
    typeInto(field('名额（人）'), '25');

    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByRole('button', { name: '保存修改' })).not.toHaveAttribute('aria-busy', 'true'));
    expect(updateActivity).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(updateActivity).toHaveBeenCalledTimes(1));
    expect(taro.showModal).toHaveBeenCalledTimes(2);
  });

  it('refuses to edit one that has started', async () => {
    useRouter.mockReturnValue({ params: { id: '7' }, path: '/pages/activity/edit/index' });
    jest.mocked(getActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T03:00:00.000Z', phase: 'checkin' }));
    render(<ActivityFormPage />);
    expect(await screen.findByText('活动已开始、已取消或您不是它的组织者，不能再修改。')).toBeInTheDocument();
  });
});
