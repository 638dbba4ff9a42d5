import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type Activity, ACTIVITY_ACTORS, ACTIVITY_STATES, type ActivityActor, type ActivityPhase, type ActivityState } from '@huijia/shared';
import ActivityDetailPage from '../../../src/pages/activity/detail/index';
import { ApiError } from '../../../src/services/api';
import { callOffActivity, cancelSignup, getActivity, signUp } from '../../../src/services/activities';
import { askToSubscribe } from '../../../src/services/subscribe';
import { freezeClock } from '../../support/helpers';
import { shareAppMessage, taro, useRouter } from '../../support/taro';
import { anActivity, aSignup, inPhase, NOW } from './fixtures';

jest.mock('../../../src/services/activities');
jest.mock('../../../src/services/subscribe');
const getActivityMock = jest.mocked(getActivity);

beforeEach(() => {
  freezeClock(NOW);
});
afterEach(() => {
  jest.useRealTimers();
});

/** Opens 活动详情 for `activity` and waits until it shows. */
async function open(activity: Activity): Promise<void> {
  useRouter.mockReturnValue({ params: { id: activity.id }, path: '/pages/activity/detail/index' });
  getActivityMock.mockResolvedValue(activity);
  render(<ActivityDetailPage />);
  await screen.findByText(activity.title);
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

const PHASES: readonly ActivityPhase[] = ['before', 'checkin', 'ended'];

/**
 * The rule, said plainly (the activity in `checkin` has started, so sign-up has closed): before the
 * start a member with a place cancels it and an eligible one signs up; in the window one with a
 * place checks in; the organiser calls it off until its end, edits before the start, shows the
 * code until the end and confirms the hours after it; a confirmed one's hours stay to be read.
 * The member's steps above the organiser's, the step back before the step forward.
 */
function allowed(actors: readonly ActivityActor[], status: ActivityState, phase: ActivityPhase): string[] {
  const published = status === 'published';
  const participant = actors.includes('participant');
  const member = [
    ...(published && phase === 'checkin' && participant ? ['签到'] : []),
    ...(published && phase === 'before' && participant ? ['取消报名'] : []),
    ...(published && phase === 'before' && actors.includes('eligible') && !participant ? ['我要报名'] : []),
  ];
  if (!actors.includes('organiser')) return member;
  if (status === 'confirmed') return [...member, '查看时长记录'];
  if (!published) return member;
  const organiser = { before: ['取消活动', '编辑', '签到码'], checkin: ['取消活动', '签到码'], ended: ['确认时长'] }[phase];
  return [...member, ...organiser];
}

const subsets = ACTIVITY_ACTORS.reduce<ActivityActor[][]>((all, actor) => [...all, ...all.map((set) => [...set, actor])], [[]]);
const combinations = subsets.flatMap((actors) => ACTIVITY_STATES.flatMap((status) => PHASES.map((phase) => ({ actors, status, phase }))));

describe('the buttons on an activity', () => {
  it.each(combinations)('are exactly those allowed to $actors on a $status one in phase $phase', async ({ actors, status, phase }) => {
    const mySignup = actors.includes('participant') ? aSignup() : null;
    await open(inPhase(phase, { viewerActors: actors, status, mySignup }));
    expect(buttonNames()).toEqual(allowed(actors, status, phase));
  });

  it('in the half hour before the start, offer check-in beside sign-up, cancelling and editing', async () => {
    const soon = { startsAt: '2026-12-10T02:20:00.000Z', endsAt: '2026-12-10T04:00:00.000Z', phase: 'checkin' as const };
    await open(anActivity({ ...soon, viewerActors: ['participant', 'organiser'], mySignup: aSignup() }));
    expect(buttonNames()).toEqual(['签到', '取消报名', '取消活动', '编辑', '签到码']);
    expect(screen.getByText('签到中')).toBeInTheDocument();
  });

  it('offer check-out, not check-in, once checked in', async () => {
    await open(inPhase('checkin', { viewerActors: ['participant'], mySignup: aSignup({ checkedInAt: '2026-12-10T01:35:00.000Z' }) }));
    expect(buttonNames()).toEqual(['签退']);
    expect(screen.getByText('已签到')).toBeInTheDocument();
  });

  it('offer nothing more once checked out', async () => {
    const mySignup = aSignup({ checkedInAt: '2026-12-10T01:35:00.000Z', checkedOutAt: '2026-12-10T01:55:00.000Z' });
    await open(inPhase('checkin', { viewerActors: ['participant'], mySignup }));
    expect(buttonNames()).toEqual([]);
    expect(screen.getByText('已签退')).toBeInTheDocument();
  });

  it('offer one still waiting for a place no check-in', async () => {
    await open(inPhase('checkin', { viewerActors: ['participant'], mySignup: aSignup({ status: 'waitlisted', position: 2 }) }));
    expect(buttonNames()).toEqual([]);
  });

  it('tell someone who may not sign up who may', async () => {
    await open(anActivity({ viewerActors: [] }));
    expect(screen.getByText('仅本社区报到党员可以报名，活动开始前可取消。')).toBeInTheDocument();
  });
});

describe('the waiting list', () => {
  it('shows a member their place on it', async () => {
    await open(anActivity({ viewerActors: ['participant'], signedUp: 20, waitlisted: 3, mySignup: aSignup({ status: 'waitlisted', position: 2 }) }));
    expect(screen.getByText('候补第 2 位')).toBeInTheDocument();
    expect(screen.getByText(/候补按顺序自动递补/)).toBeInTheDocument();
    expect(screen.getByText('20 人，名额已满 · 候补 3 人')).toBeInTheDocument();
    expect(buttonNames()).toEqual(['取消报名']);
  });

  it('is offered when the places are taken, as 候补报名', async () => {
    await open(anActivity({ viewerActors: ['eligible'], signedUp: 20, waitlisted: 1 }));
    expect(buttonNames()).toEqual(['候补报名']);
    expect(screen.getByText('名额已满，报名后进入候补，有人取消时按顺序递补。')).toBeInTheDocument();
  });
});

describe('signing up and cancelling', () => {
  it('asks for the subscribe messages at the tap, before the request, and shows the waiting position it got', async () => {
    await open(anActivity({ viewerActors: ['eligible'], signedUp: 20 }));
    jest.mocked(signUp).mockResolvedValue({
      waitlisted: true,
      position: 1,
      activity: anActivity({ viewerActors: ['participant'], signedUp: 20, waitlisted: 1, mySignup: aSignup({ status: 'waitlisted', position: 1 }) }),
    });

    fireEvent.click(screen.getByRole('button', { name: '候补报名' }));

    expect(await screen.findByText('候补第 1 位')).toBeInTheDocument();
    expect(askToSubscribe).toHaveBeenCalledWith('activity.signed_up');
    expect(jest.mocked(askToSubscribe).mock.invocationCallOrder[0]).toBeLessThan(jest.mocked(signUp).mock.invocationCallOrder[0]!);
    expect(signUp).toHaveBeenCalledWith('7');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满，已进入候补第 1 位' }));
  });

  it('says, before cancelling a place, that the first on the waiting list takes it, and sends nothing when declined', async () => {
    await open(anActivity({ viewerActors: ['participant'], signedUp: 20, waitlisted: 2, mySignup: aSignup() }));
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '取消报名' }));

    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ title: '取消报名', content: '取消后您的名额将由候补第 1 位的党员递补，不能恢复。确定取消报名吗？' }),
      ),
    );
    expect(cancelSignup).not.toHaveBeenCalled();

    jest.mocked(cancelSignup).mockResolvedValue(anActivity({ viewerActors: ['eligible'], signedUp: 20, waitlisted: 1 }));
    fireEvent.click(screen.getByRole('button', { name: '取消报名' }));
    expect(await screen.findByRole('button', { name: '候补报名' })).toBeInTheDocument();
    expect(cancelSignup).toHaveBeenCalledTimes(1);
  });

  it('a sign-up refused after the start (409) is explained and the activity read again', async () => {
    await open(anActivity({ viewerActors: ['eligible'] }));
    jest.mocked(signUp).mockRejectedValue(new ApiError(409, 'ACTIVITY_CLOSED', '活动已开始，报名已截止'));
    getActivityMock.mockResolvedValue(inPhase('checkin', { viewerActors: ['eligible'] }));

    fireEvent.click(screen.getByRole('button', { name: '我要报名' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '活动已开始，报名已截止' })));
    expect(await screen.findByText('活动已开始，报名已截止。')).toBeInTheDocument();
    expect(buttonNames()).toEqual([]);
  });
});

describe('the organiser', () => {
  it('calls it off with a reason, after a confirmation naming who is told', async () => {
    await open(anActivity({ viewerActors: ['organiser'], signedUp: 12, waitlisted: 2 }));
    fireEvent.click(screen.getByRole('button', { name: '取消活动' }));
    const sheet = screen.getByRole('dialog', { name: '取消活动' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认取消' }));
    expect(await within(sheet).findByText('请填写取消原因')).toBeInTheDocument();

    jest.mocked(callOffActivity).mockResolvedValue(anActivity({ viewerActors: ['organiser'], status: 'called_off', cancelReason: '台风预警，活动取消' }));
    fireEvent.change(within(sheet).getByRole('textbox', { name: '取消原因（报名的党员会看到）' }), { target: { value: '台风预警，活动取消' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认取消' }));

    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ content: '取消后「重阳节敬老义剪」不再举行，也不能恢复；已报名和候补的 14 人都会收到通知。确定取消吗？' }),
      ),
    );
    expect(await screen.findByText('活动已取消：台风预警，活动取消')).toBeInTheDocument();
    expect(callOffActivity).toHaveBeenCalledWith('7', '台风预警，活动取消');
    expect(buttonNames()).toEqual([]);
  });

  it('opens the form, the check-in code and the attendance', async () => {
    await open(anActivity({ viewerActors: ['organiser'] }));
    fireEvent.click(screen.getByRole('button', { name: '编辑' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/edit/index?id=7' });
    fireEvent.click(screen.getByRole('button', { name: '签到码' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/checkin/index?id=7' });
  });
});

describe('转发 an activity', () => {
  it('sends a card with its title that opens it, on the app’s own picture', async () => {
    await open(anActivity({ viewerActors: ['eligible'] }));
    expect(shareAppMessage()).toEqual({ title: '重阳节敬老义剪', path: '/pages/activity/detail/index?id=7', imageUrl: '/assets/share.png' });
  });
});
