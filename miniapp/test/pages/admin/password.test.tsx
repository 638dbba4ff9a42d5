import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import PasswordPage from '../../../src/pages/admin/password/index';
import { ApiError } from '../../../src/services/api';
import { changePassword } from '../../../src/services/auth';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { ADMIN_ROUTES } from '../../../src/subpackages/admin';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';
import { someone } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/auth');

const worker = (mustChangePassword: boolean) => someone([{ role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' }], { name: '王小红', mustChangePassword });
const SESSION = { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900, user: worker(false).user };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  // The page open is this one (the app sends anyone with a one-time password here, and nowhere else).
  taro.getCurrentInstance.mockReturnValue({ router: { params: {}, path: ADMIN_ROUTES.password } });
});

function fill(current: string, next: string, repeated = next): void {
  typeInto(screen.getByLabelText(/一次性密码|当前密码/), current);
  typeInto(screen.getByLabelText('新密码'), next);
  typeInto(screen.getByLabelText('再次输入新密码'), repeated);
}

describe('修改密码 after an admin\'s reset', () => {
  it('says why, asks for the one-time password and starts the app afresh once a new one is set', async () => {
    jest.mocked(getMe).mockResolvedValue(worker(true));
    jest.mocked(changePassword).mockResolvedValue(SESSION);
    render(<PasswordPage />);

    expect(await screen.findByText('管理员已重置您的密码，请设置新密码')).toBeInTheDocument();
    fill('Kx7mP2qa', 'my-own-pass-2026');
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));

    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/index/index' })));
    expect(changePassword).toHaveBeenCalledWith({ currentPassword: 'Kx7mP2qa', newPassword: 'my-own-pass-2026' });
  });

  it('says beside the field that the one-time password is wrong, and stays', async () => {
    jest.mocked(getMe).mockResolvedValue(worker(true));
    jest.mocked(changePassword).mockRejectedValue(new ApiError(400, 'CURRENT_PASSWORD_WRONG', '当前密码不正确'));
    render(<PasswordPage />);
    await screen.findByLabelText('一次性密码');

    fill('wrong-one', 'my-own-pass-2026');
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));

    expect(await screen.findByText('当前密码不正确')).toBeInTheDocument();
    expect(screen.getByLabelText('一次性密码')).toHaveAttribute('aria-invalid', 'true');
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });
});

describe('修改密码 from 我的', () => {
  it('checks the new password twice and its length before sending anything', async () => {
    jest.mocked(getMe).mockResolvedValue(worker(false));
    render(<PasswordPage />);
    await screen.findByLabelText('当前密码');
    expect(screen.queryByText('管理员已重置您的密码，请设置新密码')).toBeNull();

    fill('old-pass-2026', 'short');
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByText('密码至少 8 位')).toBeInTheDocument();

    fill('old-pass-2026', 'my-own-pass-2026', 'my-own-pass-2027');
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeInTheDocument();
    expect(changePassword).not.toHaveBeenCalled();
  });

  it('goes back to 我的 once saved', async () => {
    jest.mocked(getMe).mockResolvedValue(worker(false));
    jest.mocked(changePassword).mockResolvedValue(SESSION);
    render(<PasswordPage />);
    await screen.findByLabelText('当前密码');

    fill('old-pass-2026', 'my-own-pass-2026');
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));

    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled());
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });
});
