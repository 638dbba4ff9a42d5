import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import DeleteAccountPage from '../../../src/pages/account/delete/index';
import { ApiError } from '../../../src/services/api';
import { deleteAccount } from '../../../src/services/auth';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker, aResident } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/auth');

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('注销账号', () => {
  it('says what it does, asks once more, sends the password and goes to the login page', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    jest.mocked(deleteAccount).mockResolvedValue(undefined);
    render(<DeleteAccountPage />);
    expect(await screen.findByText(/已核实的服务记录和积分以“已注销用户”保留/)).toBeInTheDocument();

    typeInto(screen.getByLabelText('登录密码'), 'a-good-password');
    fireEvent.click(screen.getByRole('button', { name: '注销账号' }));

    await waitFor(() => expect(deleteAccount).toHaveBeenCalledWith({ password: 'a-good-password' }));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '注销账号', confirmText: '注销' }));
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/login/index' })));
  });

  it('says so under the field when the password is wrong, and stays', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    jest.mocked(deleteAccount).mockRejectedValue(new ApiError(400, 'CURRENT_PASSWORD_WRONG', '当前密码不正确'));
    render(<DeleteAccountPage />);
    typeInto(await screen.findByLabelText('登录密码'), 'wrong-password');
    fireEvent.click(screen.getByRole('button', { name: '注销账号' }));
    expect(await screen.findByText('密码不正确')).toBeInTheDocument();
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('offers staff no button: their roles are revoked first', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    render(<DeleteAccountPage />);
    expect(await screen.findByText(/请先请上级管理员/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '注销账号' })).toBeNull();
  });
});
