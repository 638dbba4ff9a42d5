import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Home from '../../../src/pages/index/index';
import ConsentPage from '../../../src/pages/account/consent/index';
import { signOut } from '../../../src/services/auth';
import { agreeToTerms, getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { ADMIN_ROUTES } from '../../../src/subpackages/admin';
import { aCommunityWorker } from '../../support/fixtures';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/auth');

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  taro.getCurrentInstance.mockReturnValue({ router: { params: {}, path: ADMIN_ROUTES.consent } });
});

const relaunchedTo = () => jest.mocked(taro.reLaunch).mock.calls.map(([options]) => (options as { url: string }).url);

describe('an account that never agreed to the 用户协议 and 隐私政策', () => {
  it('is sent to agree before anything else, then to its one-time password', async () => {
    taro.getCurrentInstance.mockReturnValue({ router: { params: {}, path: '/pages/index/index' } });
    const worker = aCommunityWorker();
    jest.mocked(getMe).mockResolvedValue({ ...worker, user: { ...worker.user, consentNeeded: true, mustChangePassword: true } });
    render(<Home />);
    await waitFor(() => expect(relaunchedTo()).toEqual([ADMIN_ROUTES.consent]));

    jest.mocked(taro.reLaunch).mockClear();
    jest.mocked(getMe).mockResolvedValue({ ...worker, user: { ...worker.user, consentNeeded: false, mustChangePassword: true } });
    render(<Home />);
    await waitFor(() => expect(relaunchedTo()).toEqual([ADMIN_ROUTES.password]));
  });

  it('agrees with one tap and goes on into the app', async () => {
    jest.mocked(agreeToTerms).mockResolvedValue();
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    render(<ConsentPage />);
    expect(screen.getByText(/姓名和手机号/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '同意并继续' }));
    await waitFor(() => expect(relaunchedTo()).toEqual(['/pages/index/index']));
    expect(agreeToTerms).toHaveBeenCalledTimes(1);
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('goes straight on to 修改密码 while a one-time password stands', async () => {
    jest.mocked(agreeToTerms).mockResolvedValue();
    const worker = aCommunityWorker();
    jest.mocked(getMe).mockResolvedValue({ ...worker, user: { ...worker.user, mustChangePassword: true } });
    render(<ConsentPage />);
    fireEvent.click(screen.getByRole('button', { name: '同意并继续' }));
    await waitFor(() => expect(relaunchedTo()).toEqual([ADMIN_ROUTES.password]));
  });

  it('reads either document a tap away', () => {
    render(<ConsentPage />);
    fireEvent.click(screen.getByRole('button', { name: '《隐私政策》' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=privacy' });
    fireEvent.click(screen.getByRole('button', { name: '《用户协议》' }));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=terms' });
  });

  it('may decline: asked once, it signs out to the login page, agreeing to nothing', async () => {
    jest.mocked(signOut).mockResolvedValue();
    render(<ConsentPage />);
    fireEvent.click(screen.getByRole('button', { name: '不同意' }));
    await waitFor(() => expect(relaunchedTo()).toEqual(['/pages/login/index']));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '退出登录' }));
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(agreeToTerms).not.toHaveBeenCalled();
  });
});
