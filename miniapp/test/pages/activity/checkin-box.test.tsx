import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Activity } from '@huijia/shared';
import ActivityDetailPage from '../../../src/pages/activity/detail/index';
import { checkinPayload } from '../../../src/pages/activity/detail/CheckinBox';
import { ApiError } from '../../../src/services/api';
import { checkInOrOut, getActivity } from '../../../src/services/activities';
import { freezeClock, typeInto } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { aSignup, inPhase, NOW } from './fixtures';

jest.mock('../../../src/services/activities');
jest.mock('../../../src/services/subscribe');

// WeChat's camera: the test says what it read.
const scanCode = jest.fn();
Object.assign(taro, { scanCode });

const signedUp = inPhase('checkin', { viewerActors: ['participant'], mySignup: aSignup() });
const checkedIn = inPhase('checkin', { viewerActors: ['participant'], mySignup: aSignup({ checkedInAt: '2026-12-10T01:58:00.000Z' }) });

beforeEach(() => {
  freezeClock(NOW);
});
afterEach(() => {
  jest.useRealTimers();
  process.env.TARO_ENV = 'h5';
});

async function open(activity: Activity): Promise<void> {
  useRouter.mockReturnValue({ params: { id: activity.id }, path: '/pages/activity/detail/index' });
  jest.mocked(getActivity).mockResolvedValue(activity);
  render(<ActivityDetailPage />);
  await screen.findByText(activity.title);
}

describe('what the code box sends', () => {
  it.each([
    ['ABC234', 'ABC234'],
    ['ab c2 34', 'ABC234'],
    ['  abc234 ', 'ABC234'],
    ['huijia:checkin:7:ABC234', 'huijia:checkin:7:ABC234'],
  ])('forgives spaces and case: %p is sent as %p', (typed, sent) => {
    expect(checkinPayload(typed, '7')).toEqual({ code: sent });
  });

  it.each(['ABC23', 'ABC2345', 'ABCO34', ''])('refuses %p, which is no code', (typed) => {
    expect(checkinPayload(typed, '7')).toEqual({ error: '签到码是 6 位字母和数字，请核对组织者手机上的签到码' });
  });

  it('refuses the QR code of another activity', () => {
    expect(checkinPayload('huijia:checkin:8:ABC234', '7')).toEqual({ error: '这是另一个活动的签到码，请扫描本活动的签到码' });
  });
});

describe('checking in', () => {
  it('takes a typed code with spaces and in lower case, sends it once, and shows the member checked in', async () => {
    await open(signedUp);
    let answer: (activity: Activity) => void = () => undefined;
    jest.mocked(checkInOrOut).mockReturnValue(new Promise((resolve) => (answer = resolve)));

    typeInto(screen.getByRole('textbox', { name: '签到码' }), 'ab c2 34');
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    answer(checkedIn);

    expect(await screen.findByText('已签到')).toBeInTheDocument();
    expect(checkInOrOut).toHaveBeenCalledTimes(1);
    expect(checkInOrOut).toHaveBeenCalledWith('7', 'checkin', 'ABC234');
    expect(screen.getByRole('button', { name: '签退' })).toBeInTheDocument();
  });

  it('says under the box what is wrong with a code and sends nothing', async () => {
    await open(signedUp);
    typeInto(screen.getByRole('textbox', { name: '签到码' }), 'abc1');
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect(await screen.findByText('签到码是 6 位字母和数字，请核对组织者手机上的签到码')).toBeInTheDocument();
    expect(checkInOrOut).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal of an expired code under the box, and the member may try again', async () => {
    await open(signedUp);
    jest.mocked(checkInOrOut).mockRejectedValueOnce(new ApiError(409, 'CHECKIN_CODE_INVALID', '签到码错误或已过期，请扫描组织者手机上的最新签到码'));
    typeInto(screen.getByRole('textbox', { name: '签到码' }), 'ABC234');
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect(await screen.findByText('签到码错误或已过期，请扫描组织者手机上的最新签到码')).toBeInTheDocument();

    jest.mocked(checkInOrOut).mockResolvedValueOnce(checkedIn);
    typeInto(screen.getByRole('textbox', { name: '签到码' }), 'XYZ789');
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect(await screen.findByText('已签到')).toBeInTheDocument();
    expect(checkInOrOut).toHaveBeenLastCalledWith('7', 'checkin', 'XYZ789');
  });

  it('on WeChat, sends a scanned QR code as it reads, at once', async () => {
    process.env.TARO_ENV = 'weapp';
    await open(signedUp);
    scanCode.mockResolvedValue({ result: 'huijia:checkin:7:ABC234', errMsg: 'scanCode:ok' });
    jest.mocked(checkInOrOut).mockResolvedValue(checkedIn);

    fireEvent.click(screen.getByRole('button', { name: '扫码签到' }));

    await waitFor(() => expect(checkInOrOut).toHaveBeenCalledWith('7', 'checkin', 'huijia:checkin:7:ABC234'));
    expect(scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true }));
    expect(await screen.findByText('已签到')).toBeInTheDocument();
  });

  it('on WeChat, refuses a scanned code of another activity without sending it', async () => {
    process.env.TARO_ENV = 'weapp';
    await open(signedUp);
    scanCode.mockResolvedValue({ result: 'huijia:checkin:8:ABC234', errMsg: 'scanCode:ok' });

    fireEvent.click(screen.getByRole('button', { name: '扫码签到' }));

    expect(await screen.findByText('这是另一个活动的签到码，请扫描本活动的签到码')).toBeInTheDocument();
    expect(checkInOrOut).not.toHaveBeenCalled();
  });
});

describe('checking out', () => {
  it('is asked once more, since it ends the hours counted, and sends nothing when declined', async () => {
    await open(checkedIn);
    typeInto(screen.getByRole('textbox', { name: '签到码' }), 'xyz 789');
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '签退' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '签退' })));
    expect(checkInOrOut).not.toHaveBeenCalled();

    jest.mocked(checkInOrOut).mockResolvedValue(inPhase('checkin', { viewerActors: ['participant'], mySignup: aSignup({ checkedInAt: '2026-12-10T01:58:00.000Z', checkedOutAt: '2026-12-10T02:00:00.000Z' }) }));
    fireEvent.click(screen.getByRole('button', { name: '签退' }));
    expect(await screen.findByText('已签退')).toBeInTheDocument();
    expect(checkInOrOut).toHaveBeenCalledWith('7', 'checkout', 'XYZ789');
  });
});
