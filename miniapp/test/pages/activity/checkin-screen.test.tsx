import { act, render, screen } from '@testing-library/react';
import type { Activity, CheckinCode } from '@huijia/shared';
import CheckinScreenPage from '../../../src/pages/activity/checkin/index';
import { ApiError } from '../../../src/services/api';
import { getActivity, getCheckinCode } from '../../../src/services/activities';
import { deferred, freezeClock } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { aCode, anActivity, inPhase, NOW } from './fixtures';

jest.mock('../../../src/services/activities');
const getCodeMock = jest.mocked(getCheckinCode);

// Opened 3 seconds into a window: the code changes 27 seconds on, between two of the 5-second asks.
const CHANGE = NOW.getTime() + 27_000;
const first = aCode({ code: 'ABC234', qr: 'huijia:checkin:7:ABC234', expiresAt: new Date(CHANGE).toISOString(), checkedIn: 5 });
const second = aCode({ code: 'XYZ789', qr: 'huijia:checkin:7:XYZ789', expiresAt: new Date(CHANGE + 30_000).toISOString(), checkedIn: 6 });

afterEach(() => {
  jest.useRealTimers();
  process.env.TARO_ENV = 'h5';
});

async function open(activity: Activity): Promise<void> {
  useRouter.mockReturnValue({ params: { id: activity.id }, path: '/pages/activity/checkin/index' });
  jest.mocked(getActivity).mockResolvedValue(activity);
  render(<CheckinScreenPage />);
  await screen.findByText(activity.title);
}

/** Moves the clock and every timer on by `ms`, letting the answers they asked for arrive. */
async function wait(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('the check-in screen', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
  });

  it('shows the code, its QR code, the time left and the live count', async () => {
    getCodeMock.mockResolvedValue(first);
    await open(inPhase('checkin', { viewerActors: ['organiser'] }));

    expect(await screen.findByText('ABC234')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: '签到二维码，签到码 ABC234' })).toBeInTheDocument();
    expect(screen.getByText('27 秒后更换')).toBeInTheDocument();
    expect(screen.getByText('5 / 12')).toBeInTheDocument();
    expect(screen.getByText('已签到 / 已报名')).toBeInTheDocument();
  });

  it('asks for the next code as soon as the code changes, and the count every few seconds meanwhile', async () => {
    getCodeMock.mockImplementation(async () => (Date.now() < CHANGE ? first : second));
    await open(inPhase('checkin', { viewerActors: ['organiser'] }));
    await screen.findByText('ABC234');

    await wait(10_000);
    expect(getCodeMock).toHaveBeenCalledTimes(3);
    expect(screen.getByText('17 秒后更换')).toBeInTheDocument();

    // 27.3 s: asked just after the change, not at the next 5-second ask (30 s).
    await wait(17_300);
    expect(screen.getByText('XYZ789')).toBeInTheDocument();
    expect(screen.queryByText('ABC234')).not.toBeInTheDocument();
    expect(screen.getByText('6 / 12')).toBeInTheDocument();
  });

  it('never shows a code past its change: it goes, until the next one arrives', async () => {
    const late = deferred<CheckinCode>();
    getCodeMock.mockImplementation(() => (Date.now() < CHANGE ? Promise.resolve(first) : late.promise));
    await open(inPhase('checkin', { viewerActors: ['organiser'] }));
    await screen.findByText('ABC234');

    await wait(27_600);
    expect(screen.queryByText('ABC234')).not.toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /签到二维码/ })).not.toBeInTheDocument();
    expect(screen.getByText('正在更新签到码…')).toBeInTheDocument();

    await act(async () => late.resolve(second));
    expect(await screen.findByText('XYZ789')).toBeInTheDocument();
  });

  it('keeps the phone awake on WeChat while it is open', async () => {
    process.env.TARO_ENV = 'weapp';
    const setKeepScreenOn = jest.fn().mockResolvedValue({ errMsg: 'setKeepScreenOn:ok' });
    Object.assign(taro, { setKeepScreenOn });
    getCodeMock.mockResolvedValue(first);
    await open(inPhase('checkin', { viewerActors: ['organiser'] }));
    expect(setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
  });
});

describe('outside the check-in window', () => {
  beforeEach(() => {
    freezeClock(NOW);
    getCodeMock.mockRejectedValue(new ApiError(409, 'CHECKIN_OUTSIDE_WINDOW', '不在签到时间内'));
  });

  it('says when check-in opens, and shows no code', async () => {
    await open(anActivity({ viewerActors: ['organiser'], startsAt: '2026-12-10T04:00:00.000Z', endsAt: '2026-12-10T06:00:00.000Z' }));
    expect(await screen.findByText('签到将于 03:30 开放')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('已报名')).toBeInTheDocument();
  });

  it('names the day too when it opens another day', async () => {
    await open(anActivity({ viewerActors: ['organiser'] }));
    expect(await screen.findByText('签到将于 12月12日 00:30 开放')).toBeInTheDocument();
  });

  it('after the end, says check-in has closed and leads to the hours', async () => {
    await open(inPhase('ended', { viewerActors: ['organiser'] }));
    expect(await screen.findByText('活动已结束，签到已关闭')).toBeInTheDocument();
    screen.getByRole('button', { name: '确认时长' }).click();
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/activity/attendance/index?id=7' });
  });
});
