import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ActivityHallPage from '../../../src/pages/activity/hall/index';
import MyActivitiesPage from '../../../src/pages/activity/mine/index';
import OrganisedActivitiesPage from '../../../src/pages/activity/organised/index';
import { listActivities } from '../../../src/services/activities';
import { getMe } from '../../../src/services/me';
import { getOrg } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { aCommunity, aCommunityWorker, aReportedMember, aResident } from '../../support/fixtures';
import { freezeClock } from '../../support/helpers';
import { taro } from '../../support/taro';
import { anActivity, aSignup, inPhase, NOW } from './fixtures';

jest.mock('../../../src/services/activities');
jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
const listMock = jest.mocked(listActivities);

beforeEach(() => {
  // Thursday 10 December 2026.
  freezeClock(NOW);
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
});
afterEach(() => {
  jest.useRealTimers();
});

const card = (title: string) => screen.getByText(title, { selector: '.wish-card__title' }).closest('.wish-card') as HTMLElement;

describe('社区活动', () => {
  it('shows this week’s activities of the member’s community under their day, with the places left and the waiting list', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    listMock.mockResolvedValue({
      items: [
        anActivity({ id: '1', title: '楼道卫生大扫除', startsAt: '2026-12-10T06:00:00.000Z', endsAt: '2026-12-10T08:00:00.000Z', capacity: 20, signedUp: 12 }),
        anActivity({ id: '2', title: '重阳节敬老义剪', startsAt: '2026-12-11T01:00:00.000Z', endsAt: '2026-12-11T03:00:00.000Z', capacity: 10, signedUp: 10, waitlisted: 2, viewerActors: ['participant'], mySignup: aSignup({ status: 'waitlisted', position: 2 }) }),
      ],
      nextCursor: null,
    });
    render(<ActivityHallPage />);

    expect(await screen.findByText('今天 · 12月10日 周四')).toBeInTheDocument();
    expect(screen.getByText('明天 · 12月11日 周五')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ communityId: 'longjin', from: '2026-12-10', to: '2026-12-13', cursor: null });
    expect(screen.getByText('龙津社区', { selector: '.wish-list-head__title' })).toBeInTheDocument();
    expect(within(card('楼道卫生大扫除')).getByText('剩余 8 个名额')).toBeInTheDocument();
    expect(within(card('楼道卫生大扫除')).getByText('12月10日 周四 06:00-08:00')).toBeInTheDocument();
    expect(within(card('楼道卫生大扫除')).getByText('报名中')).toBeInTheDocument();
    expect(within(card('重阳节敬老义剪')).getByText('名额已满 · 候补 2 人')).toBeInTheDocument();
    expect(within(card('重阳节敬老义剪')).getByText('候补第 2 位')).toBeInTheDocument();
    expect(within(card('重阳节敬老义剪')).getByText('组团服务')).toBeInTheDocument();

    fireEvent.click(within(card('重阳节敬老义剪')).getByText('重阳节敬老义剪'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/detail/index?id=2' });
    fireEvent.click(screen.getByText('我的活动 ›'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/mine/index' });
  });

  it('shows next week’s, Monday to Sunday, when asked', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    listMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<ActivityHallPage />);
    expect(await screen.findByText(/本周没有活动/)).toBeInTheDocument();

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '时间' })).getByRole('radio', { name: '下周' }));

    await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ communityId: 'longjin', from: '2026-12-14', to: '2026-12-20', cursor: null }));
    expect(await screen.findByText(/下周还没有活动/)).toBeInTheDocument();
  });

  it('shows a resident the community they live in', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    listMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<ActivityHallPage />);
    await waitFor(() => expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'longjin' })));
    expect(await screen.findByText('龙津社区', { selector: '.wish-list-head__title' })).toBeInTheDocument();
    // A resident signs up for nothing: no 我的活动.
    expect(screen.queryByText('我的活动 ›')).not.toBeInTheDocument();
  });

  it('asks one who lives nowhere known to set their community', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident({ homeCommunityId: null }));
    render(<ActivityHallPage />);
    expect(await screen.findByText(/请先设置所在社区/)).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });

  it('shows a failure with 重试', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    listMock.mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ items: [], nextCursor: null });
    render(<ActivityHallPage />);
    fireEvent.click(await screen.findByRole('button', { name: '重试' }));
    expect(await screen.findByText(/本周没有活动/)).toBeInTheDocument();
  });
});

describe('我的活动', () => {
  it('lists the member’s sign-ups with what each came to', async () => {
    listMock.mockResolvedValue({
      items: [
        anActivity({ id: '1', title: '周末义诊', viewerActors: ['participant'], mySignup: aSignup() }),
        anActivity({ id: '2', title: '重阳节敬老义剪', viewerActors: ['participant'], signedUp: 20, mySignup: aSignup({ status: 'waitlisted', position: 1 }) }),
        inPhase('ended', {
          id: '3',
          title: '河道清理',
          status: 'confirmed',
          viewerActors: ['participant'],
          mySignup: aSignup({ checkedInAt: '2026-12-09T00:58:00.000Z', checkedOutAt: '2026-12-09T03:05:00.000Z' }),
        }),
        inPhase('ended', { id: '4', title: '反诈宣传', viewerActors: ['participant'], mySignup: aSignup() }),
      ],
      nextCursor: null,
    });
    render(<MyActivitiesPage />);

    expect(await screen.findByText('周末义诊')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ mine: true, cursor: null });
    expect(within(card('周末义诊')).getByText('00:30 起开放签到')).toBeInTheDocument();
    expect(within(card('周末义诊')).getByText('已报名')).toBeInTheDocument();
    expect(within(card('重阳节敬老义剪')).getByText('候补第 1 位')).toBeInTheDocument();
    expect(within(card('河道清理')).getByText('已确认服务时长 2 小时，计入服务记录')).toBeInTheDocument();
    expect(within(card('河道清理')).getByText('已确认时长')).toBeInTheDocument();
    expect(within(card('反诈宣传')).getByText('未签到，不计服务时长')).toBeInTheDocument();
  });

  it('leads one with none to the community’s activities', async () => {
    listMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<MyActivitiesPage />);
    fireEvent.click(await screen.findByRole('button', { name: '去看看社区活动' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/hall/index' });
  });
});

describe('组织活动', () => {
  it('lists what the user organises with the next step of each, and publishes', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    listMock.mockResolvedValue({
      items: [
        inPhase('checkin', { id: '1', title: '周末义诊', viewerActors: ['organiser'] }),
        inPhase('ended', { id: '2', title: '河道清理', viewerActors: ['organiser'] }),
        anActivity({ id: '3', title: '重阳节敬老义剪', viewerActors: ['organiser'] }),
      ],
      nextCursor: null,
    });
    render(<OrganisedActivitiesPage />);

    expect(await screen.findByText('周末义诊')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ organised: true, cursor: null });
    fireEvent.click(within(card('周末义诊')).getByRole('button', { name: '签到码' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/checkin/index?id=1' });
    fireEvent.click(within(card('河道清理')).getByRole('button', { name: '确认时长' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/attendance/index?id=2' });
    // Before it starts there is no next step on its card: the detail holds 编辑 and 取消活动.
    expect(within(card('重阳节敬老义剪')).queryByRole('button', { name: /签到码|确认时长/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '发布活动' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/edit/index' });
  });
});
