import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import StaffPage from '../../../src/pages/admin/staff/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { getOrg } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { deactivateUser, grantStaff, listStaff, resetPassword, revokeGrant } from '../../../src/services/staff';
import { typeInto } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { aGrant, community, districtAdmin } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/staff');

const setClipboardData = jest.fn();
Object.assign(taro, { setClipboardData });

const worker = aGrant();
// The admin's own grant is listed too, but not theirs to revoke.
const mine = aGrant({ grantId: 'grant-0', role: 'district_admin', orgId: 'xinluo', scopeName: '新罗区', manageable: false, accountManageable: false }, { id: 'user-admin', name: '陈建国' });

beforeEach(() => {
  setClipboardData.mockResolvedValue({ errMsg: 'setClipboardData:ok' });
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  useRouter.mockReturnValue({ params: { orgId: 'longjin' }, path: '/pages/admin/staff/index' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(getOrg).mockResolvedValue(community());
  jest.mocked(listStaff).mockResolvedValue({ items: [mine, worker], nextCursor: null });
});

async function rowOf(name: string): Promise<HTMLElement> {
  render(<StaffPage />);
  const label = await screen.findByText(name);
  return label.closest('.staff-grant') as HTMLElement;
}

describe('人员与权限 offers its steps only on grants the caller may manage', () => {
  it('none on the admin\'s own grant, the three on a worker\'s', async () => {
    const own = await rowOf('陈建国');
    expect(within(own).queryAllByRole('button')).toEqual([]);
    const theirs = screen.getByText('王小红').closest('.staff-grant') as HTMLElement;
    expect(within(theirs).getAllByRole('button').map((b) => b.textContent)).toEqual(['重置密码', '撤销角色', '停用账号']);
    expect(listStaff).toHaveBeenCalledWith({ orgId: 'longjin' }, null);
  });

  it('only 撤销角色 on a grant whose holder also serves beyond the caller\'s reach: a password opens every grant', async () => {
    const elsewhere = aGrant({ grantId: 'grant-2', accountManageable: false }, { id: 'user-both', name: '李两地' });
    jest.mocked(listStaff).mockResolvedValue({ items: [elsewhere], nextCursor: null });
    const row = await rowOf('李两地');
    expect(within(row).getAllByRole('button').map((b) => b.textContent)).toEqual(['撤销角色']);
  });
});

describe('撤销角色', () => {
  it('asks first, and sends nothing when the answer is no', async () => {
    const row = await rowOf('王小红');
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(within(row).getByRole('button', { name: '撤销角色' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销角色', confirmText: '撤销' })));
    expect(revokeGrant).not.toHaveBeenCalled();
    expect(screen.getByText('王小红')).toBeInTheDocument();
  });

  it('takes the grant off the list once done', async () => {
    jest.mocked(revokeGrant).mockResolvedValue(undefined);
    const row = await rowOf('王小红');

    fireEvent.click(within(row).getByRole('button', { name: '撤销角色' }));

    await waitFor(() => expect(screen.queryByText('王小红')).toBeNull());
    expect(revokeGrant).toHaveBeenCalledWith('grant-1');
  });
});

describe('重置密码', () => {
  it('shows the one-time password once, to copy, and marks the person as having to change it', async () => {
    jest.mocked(resetPassword).mockResolvedValue({ oneTimePassword: 'Kx7mP2qa' });
    const row = await rowOf('王小红');

    fireEvent.click(within(row).getByRole('button', { name: '重置密码' }));

    const sheet = await screen.findByRole('dialog', { name: '一次性密码' });
    expect(within(sheet).getByLabelText('一次性密码')).toHaveTextContent('Kx7mP2qa');
    expect(within(sheet).getByText(/用它登录后必须先设置新密码/)).toBeInTheDocument();
    fireEvent.click(within(sheet).getByRole('button', { name: '复制密码' }));
    expect(setClipboardData).toHaveBeenCalledWith({ data: 'Kx7mP2qa' });
    fireEvent.click(within(sheet).getByRole('button', { name: '完成' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(row).getByText('待设置新密码')).toBeInTheDocument();
  });
});

describe('停用账号', () => {
  it('needs a reason, then shows the account as stopped with 恢复账号', async () => {
    jest.mocked(deactivateUser).mockResolvedValue(undefined);
    const row = await rowOf('王小红');
    fireEvent.click(within(row).getByRole('button', { name: '停用账号' }));
    const sheet = screen.getByRole('dialog', { name: '停用王小红的账号' });

    fireEvent.click(within(sheet).getByRole('button', { name: '确认停用' }));
    expect(await within(sheet).findByText('请填写停用原因')).toBeInTheDocument();
    typeInto(within(sheet).getByRole('textbox', { name: '停用原因（必填）' }), '已调离本社区');
    fireEvent.click(within(sheet).getByRole('button', { name: '确认停用' }));

    expect(await within(row).findByText('账号已停用')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '恢复账号' })).toBeInTheDocument();
    expect(deactivateUser).toHaveBeenCalledWith('user-worker', '已调离本社区');
  });
});

describe('授予角色', () => {
  it('offers only the role held on this kind of node, and says beside the password field when a new account needs one', async () => {
    jest.mocked(grantStaff).mockRejectedValue(new ApiError(400, 'INITIAL_PASSWORD_REQUIRED', '该手机号尚未注册，请设置初始密码'));
    render(<StaffPage />);
    fireEvent.click(await screen.findByRole('button', { name: '授予角色' }));
    const sheet = screen.getByRole('dialog', { name: '在「龙津社区」授予角色' });

    expect(within(sheet).getAllByRole('radio').map((r) => r.textContent)).toEqual(['社区工作人员']);
    typeInto(within(sheet).getByRole('textbox', { name: '手机号' }), '13700000002');
    typeInto(within(sheet).getByRole('textbox', { name: '姓名' }), '李四');
    fireEvent.click(within(sheet).getByRole('button', { name: '授予' }));

    expect(await within(sheet).findByText('该手机号尚未注册，请设置初始密码')).toBeInTheDocument();
    expect(grantStaff).toHaveBeenCalledWith({ phone: '13700000002', name: '李四', role: 'community_staff', orgId: 'longjin' });
  });
});
