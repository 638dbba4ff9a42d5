import { ApiError, request } from '../../src/services/api';
import { saveSession } from '../../src/services/session';
import { ADMIN_ROUTES } from '../../src/subpackages/admin';
import { taro } from '../support/taro';

function answers(statusCode: number, data: unknown): void {
  taro.request.mockImplementation(() => Promise.resolve({ statusCode, data, header: {}, errMsg: 'request:ok' }) as never);
}

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  // As on a phone: the relaunch completes, so that the next one is acted on.
  taro.reLaunch.mockImplementation(((options: { complete?: () => void }) => {
    options.complete?.();
    return Promise.resolve({ errMsg: 'reLaunch:ok' });
  }) as never);
});

describe('while a one-time password stands, the app goes to 修改密码', () => {
  it('when any call is refused with PASSWORD_CHANGE_REQUIRED, and the caller still gets the refusal', async () => {
    answers(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先设置新密码' } });

    const refused = request('GET', '/api/wishes');

    await expect(refused).rejects.toEqual(new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', '请先设置新密码'));
    expect(taro.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: ADMIN_ROUTES.password }));
  });

  it('not for other refusals', async () => {
    answers(403, { error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } });

    await expect(request('GET', '/api/wishes')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });
});
