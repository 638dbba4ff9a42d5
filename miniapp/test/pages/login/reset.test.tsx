import type { Session } from '@huijia/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import PasswordResetPage from '../../../src/pages/login/reset/index';
import { ROUTES } from '../../../src/routes';
import { ApiError } from '../../../src/services/api';
import { requestSmsCode, resetPassword } from '../../../src/services/auth';
import { aResident } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/auth');

const PHONE = '13812345678';
const SESSION: Session = { accessToken: 'access', refreshToken: 'refresh', expiresIn: 900, user: aResident({ phone: PHONE }).user };

beforeEach(() => {
  taro.getCurrentInstance.mockReturnValue({ router: { params: { phone: PHONE }, path: ROUTES.passwordReset } });
});

function fill(code: string, next: string, repeated = next): void {
  typeInto(screen.getByLabelText('验证码'), code);
  typeInto(screen.getByLabelText('新密码'), next);
  typeInto(screen.getByLabelText('再次输入新密码'), repeated);
}

describe('忘记密码', () => {
  it('opens with the phone from the login page and asks for a reset code for it', async () => {
    jest.mocked(requestSmsCode).mockResolvedValue({ expiresInSeconds: 300, resendInSeconds: 60 });
    render(<PasswordResetPage />);
    expect(screen.getByLabelText('手机号')).toHaveValue(PHONE);

    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByRole('button', { name: '60 秒后重发' })).toBeDisabled();
    expect(requestSmsCode).toHaveBeenCalledWith({ phone: PHONE, purpose: 'reset' });
  });

  it('sets the new password with the code and goes into the app', async () => {
    jest.mocked(resetPassword).mockResolvedValue(SESSION);
    render(<PasswordResetPage />);
    fill('123456', 'my-new-password');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));

    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: ROUTES.home })));
    expect(resetPassword).toHaveBeenCalledWith({ phone: PHONE, smsCode: '123456', newPassword: 'my-new-password' });
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '密码已重置' }));
  });

  it('checks the new password twice, its length and the code before sending anything', async () => {
    render(<PasswordResetPage />);
    fill('123456', 'short');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));
    expect(await screen.findByText('密码至少 8 位')).toBeInTheDocument();

    fill('123456', 'my-new-password', 'my-new-passw0rd');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeInTheDocument();

    fill('', 'my-new-password');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));
    expect(await screen.findByText('验证码为 6 位数字')).toBeInTheDocument();
    expect(resetPassword).not.toHaveBeenCalled();
  });

  it('says beside the code field that the code has run out, and stays', async () => {
    jest.mocked(resetPassword).mockRejectedValue(new ApiError(400, 'SMS_CODE_EXPIRED', '验证码已过期，请重新获取'));
    render(<PasswordResetPage />);
    fill('123456', 'my-new-password');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));

    expect(await screen.findByText('验证码已过期，请重新获取')).toBeInTheDocument();
    expect(screen.getByLabelText('验证码')).toHaveAttribute('aria-invalid', 'true');
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('says in Chinese when the network fails', async () => {
    jest.mocked(resetPassword).mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请稍后重试'));
    render(<PasswordResetPage />);
    fill('123456', 'my-new-password');
    fireEvent.click(screen.getByRole('button', { name: '重置密码' }));

    expect(await screen.findByText('网络连接失败，请稍后重试')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重置密码' })).toBeEnabled();
  });
});
