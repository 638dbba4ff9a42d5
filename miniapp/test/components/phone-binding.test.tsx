import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PhoneBinding } from '../../src/components/PhoneBinding';
import { ApiError } from '../../src/services/api';
import { bindWechatPhone } from '../../src/services/phone';
import { phoneNumberDialog } from '../support/taro-components';

jest.mock('../../src/services/phone');

const session = { accessToken: 'a', refreshToken: 'r', user: { id: 'u1', phone: '13700000001', name: '微信用户', homeCommunityId: null, pioneerRoles: [], createdAt: '2026-12-01T00:00:00.000Z', mustChangePassword: false } };

describe('绑定手机号: the getPhoneNumber button of WeChat', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    phoneNumberDialog.detail = { code: 'phone-code', errMsg: 'getPhoneNumber:ok' };
  });
  afterEach(() => {
    process.env.TARO_ENV = env;
  });

  it('sends the code WeChat hands the button, then says it is bound', async () => {
    jest.mocked(bindWechatPhone).mockResolvedValue(session as never);
    const onBound = jest.fn();
    render(<PhoneBinding onBound={onBound} />);
    fireEvent.click(screen.getByRole('button', { name: '微信手机号一键绑定' }));
    await waitFor(() => expect(onBound).toHaveBeenCalled());
    expect(bindWechatPhone).toHaveBeenCalledWith('phone-code');
  });

  it('sends nothing when the user refuses in WeChat’s dialog, and says they may bind later', async () => {
    phoneNumberDialog.detail = { errMsg: 'getPhoneNumber:fail user deny' };
    render(<PhoneBinding onBound={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '微信手机号一键绑定' }));
    expect(await screen.findByText('您已取消授权，可随时再次绑定')).toBeInTheDocument();
    expect(bindWechatPhone).not.toHaveBeenCalled();
  });

  it('shows the server’s reason when the phone cannot be bound', async () => {
    jest.mocked(bindWechatPhone).mockRejectedValue(new ApiError(409, 'PHONE_TAKEN', '该手机号已绑定其他微信账号'));
    const onBound = jest.fn();
    render(<PhoneBinding onBound={onBound} />);
    fireEvent.click(screen.getByRole('button', { name: '微信手机号一键绑定' }));
    expect(await screen.findByText('该手机号已绑定其他微信账号')).toBeInTheDocument();
    expect(onBound).not.toHaveBeenCalled();
  });

  it('is not shown on the web, where the phone comes with sign-up', () => {
    process.env.TARO_ENV = 'h5';
    const { container } = render(<PhoneBinding onBound={jest.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });
});
