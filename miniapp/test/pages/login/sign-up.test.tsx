import type { Session } from '@huijia/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Login from '../../../src/pages/login/index';
import { ROUTES } from '../../../src/routes';
import { ApiError } from '../../../src/services/api';
import { register, requestSmsCode, signInWithPassword } from '../../../src/services/auth';
import { aResident } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/auth');

const PHONE = '13812345678';
const SENT = { expiresInSeconds: 300, resendInSeconds: 60 };
const SESSION: Session = { accessToken: 'access', refreshToken: 'refresh', expiresIn: 900, user: aResident({ phone: PHONE }).user };

afterEach(() => {
  jest.useRealTimers();
});

/** The login page, switched to 注册. */
function openSignUp(): void {
  render(<Login />);
  fireEvent.click(screen.getByText('注册', { exact: true }));
}

const sendButton = () => screen.getByRole('button', { name: /获取验证码|秒后重发|重新发送/ });

describe('注册 asks for an SMS code for the phone typed', () => {
  it('sends the code, counts down 60 seconds on the button, then offers 重新发送', async () => {
    jest.useFakeTimers();
    jest.mocked(requestSmsCode).mockResolvedValue(SENT);
    openSignUp();
    typeInto(screen.getByLabelText('手机号'), ` ${PHONE} `);
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));

    expect(await screen.findByRole('button', { name: '60 秒后重发' })).toBeDisabled();
    expect(requestSmsCode).toHaveBeenCalledWith({ phone: PHONE, purpose: 'register' });
    expect(screen.getByText('验证码已发送至 138****5678，5 分钟内有效')).toBeInTheDocument();

    act(() => jest.advanceTimersByTime(1_000));
    expect(sendButton()).toHaveTextContent('59 秒后重发');
    act(() => jest.advanceTimersByTime(59_000));
    expect(sendButton()).toHaveTextContent('重新发送');
    expect(sendButton()).toBeEnabled();

    fireEvent.click(sendButton());
    await waitFor(() => expect(requestSmsCode).toHaveBeenCalledTimes(2));
  });

  it('says beside the phone field that the number is not a phone, and sends nothing', async () => {
    openSignUp();
    typeInto(screen.getByLabelText('手机号'), '12345');
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));

    expect(await screen.findByText('请输入有效的手机号')).toBeInTheDocument();
    expect(screen.getByLabelText('手机号')).toHaveAttribute('aria-invalid', 'true');
    expect(requestSmsCode).not.toHaveBeenCalled();
  });

  it('says beside the phone field that the phone has an account', async () => {
    jest.mocked(requestSmsCode).mockRejectedValue(new ApiError(409, 'PHONE_TAKEN', '该手机号已注册，请直接登录'));
    openSignUp();
    typeInto(screen.getByLabelText('手机号'), PHONE);
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));

    expect(await screen.findByText('该手机号已注册，请直接登录')).toBeInTheDocument();
    expect(screen.getByLabelText('手机号')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: '获取验证码' })).toBeEnabled();
  });

  it('counts down what the server says is left when asked again too soon', async () => {
    jest.useFakeTimers();
    jest.mocked(requestSmsCode).mockRejectedValue(new ApiError(429, 'SMS_TOO_SOON', '验证码发送过于频繁，请 1 分钟后再试', { retryAfterSeconds: 42 }));
    openSignUp();
    typeInto(screen.getByLabelText('手机号'), PHONE);
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));

    expect(await screen.findByRole('button', { name: '42 秒后重发' })).toBeDisabled();
    expect(screen.getByText('验证码发送过于频繁，请 1 分钟后再试')).toBeInTheDocument();
  });

  it('says in Chinese when the server sends no SMS', async () => {
    jest.mocked(requestSmsCode).mockRejectedValue(new ApiError(503, 'SMS_NOT_CONFIGURED', '短信服务尚未开通，请联系管理员'));
    openSignUp();
    typeInto(screen.getByLabelText('手机号'), PHONE);
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));

    expect(await screen.findByText('短信服务尚未开通，请联系管理员')).toBeInTheDocument();
  });
});

describe('注册 sends the code with the account', () => {
  function fill(code: string): void {
    typeInto(screen.getByLabelText('姓名'), '林小梅');
    typeInto(screen.getByLabelText('手机号'), PHONE);
    typeInto(screen.getByLabelText('验证码'), code);
    typeInto(screen.getByLabelText('密码'), 'secret-password');
    fireEvent.click(screen.getByRole('checkbox', { name: '我已阅读并同意用户协议和隐私政策' }));
  }

  it('signs up with name, phone, code and password, and enters the app', async () => {
    jest.mocked(register).mockResolvedValue(SESSION);
    openSignUp();
    fill(' 123456 ');
    fireEvent.click(screen.getByRole('button', { name: '注册' }));

    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: ROUTES.home })));
    expect(register).toHaveBeenCalledWith({ name: '林小梅', phone: PHONE, smsCode: '123456', password: 'secret-password', agreed: true });
  });

  it('takes agreeing to the 用户协议 and 隐私政策 first, each a tap away', async () => {
    openSignUp();
    fill('123456');
    // Untick it again: 注册 says what is missing and sends nothing.
    fireEvent.click(screen.getByRole('checkbox', { name: '我已阅读并同意用户协议和隐私政策' }));
    fireEvent.click(screen.getByRole('button', { name: '注册' }));
    expect(await screen.findByText('请阅读并同意《用户协议》和《隐私政策》')).toBeInTheDocument();
    expect(register).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '《隐私政策》' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.legal}?doc=privacy` });
  });

  it('checks the code is six digits before sending', async () => {
    openSignUp();
    fill('1234');
    fireEvent.click(screen.getByRole('button', { name: '注册' }));

    expect(await screen.findByText('验证码为 6 位数字')).toBeInTheDocument();
    expect(register).not.toHaveBeenCalled();
  });

  it.each([
    ['SMS_CODE_INVALID', '验证码不正确'],
    ['SMS_CODE_EXPIRED', '验证码已过期，请重新获取'],
    ['SMS_TOO_MANY_TRIES', '验证码错误次数过多，请重新获取'],
  ])('says %s beside the code field, and stays', async (code, message) => {
    jest.mocked(register).mockRejectedValue(new ApiError(400, code, message));
    openSignUp();
    fill('654321');
    fireEvent.click(screen.getByRole('button', { name: '注册' }));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByLabelText('验证码')).toHaveAttribute('aria-invalid', 'true');
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('says beside the code field that one is wanted when the server asks for it', async () => {
    jest.mocked(register).mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', '提交的内容有误，请检查后重试', [{ path: 'body.smsCode', message: '请输入短信验证码' }]),
    );
    openSignUp();
    fill('');
    fireEvent.click(screen.getByRole('button', { name: '注册' }));

    expect(await screen.findByText('请输入短信验证码')).toBeInTheDocument();
    expect(register).toHaveBeenCalledWith({ name: '林小梅', phone: PHONE, password: 'secret-password', agreed: true });
  });
});

describe('登录 offers 忘记密码', () => {
  it('opens the reset page with the phone typed so far', () => {
    render(<Login />);
    typeInto(screen.getByLabelText('手机号'), PHONE);
    fireEvent.click(screen.getByText('忘记密码'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.passwordReset}?phone=${PHONE}` });
    expect(signInWithPassword).not.toHaveBeenCalled();
  });

  it('is not part of 注册', () => {
    openSignUp();
    expect(screen.queryByText('忘记密码')).toBeNull();
  });
});
