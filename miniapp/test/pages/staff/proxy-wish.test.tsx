import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ProxyWishPage from '../../../src/pages/staff/proxy-wish/index';
import { checkProxyWish } from '../../../src/pages/staff/proxy-wish/form';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { createWish } from '../../../src/services/wishes';
import { aCommunityWorker, aResident, aWish } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { storage, taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  createWish: jest.fn(),
}));
const createWishMock = jest.mocked(createWish);

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
});

const field = (label: string) => screen.getByRole('textbox', { name: label });
const VALUES = {
  name: '林大爷',
  phone: '13800001234',
  address: '阳光花园 3 栋 201',
  title: '帮忙修门锁',
  description: '家里门锁坏了，钥匙拧不动，老人进出不便。',
  category: 'repair' as const,
  pioneerRole: null,
};

describe('a 代办 wish is checked as the server checks it', () => {
  it('sends the resident’s name, phone and address as onBehalfOf, and no contact of the staff member', () => {
    expect(checkProxyWish('longjin', { ...VALUES, phone: ' 13800001234 ' }, [])).toEqual({
      ok: true,
      data: {
        communityId: 'longjin',
        title: '帮忙修门锁',
        description: '家里门锁坏了，钥匙拧不动，老人进出不便。',
        category: 'repair',
        onBehalfOf: { name: '林大爷', phone: '13800001234', address: '阳光花园 3 栋 201' },
      },
    });
  });

  it('says what is wrong with the resident and with the wish at once', () => {
    const checked = checkProxyWish('longjin', { ...VALUES, name: ' ', phone: '1234', address: '', title: '修', category: null }, []);
    expect(checked).toEqual({
      ok: false,
      errors: expect.objectContaining({
        name: '请输入姓名',
        phone: '请输入有效的手机号',
        address: '请填写地址',
        title: '标题至少 2 个字',
        category: '请选择心愿类别',
      }),
    });
  });
});

describe('代办心愿', () => {
  async function fillIn(): Promise<void> {
    render(<ProxyWishPage />);
    typeInto(await screen.findByRole('textbox', { name: '居民姓名' }), VALUES.name);
    typeInto(field('居民电话'), VALUES.phone);
    typeInto(field('居民地址'), VALUES.address);
    typeInto(field('心愿标题'), VALUES.title);
    typeInto(field('具体描述'), VALUES.description);
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '心愿类别' })).getByRole('radio', { name: '维修' }));
  }

  it('says the resident’s contact is private and that staff confirm for them by phone', async () => {
    render(<ProxyWishPage />);
    expect(await screen.findByText('居民的电话和地址不公开，只有认领的党员和本社区工作人员能看到。')).toBeInTheDocument();
    expect(screen.getByText(/由社区工作人员电话回访居民，代居民确认并评价/)).toBeInTheDocument();
  });

  it('posts the wish for the resident and opens it, where staff review it', async () => {
    createWishMock.mockResolvedValue(aWish({ id: 'wish-9', onBehalfOf: true, viewerActors: ['resident', 'staff'] }));
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: '提交代办心愿' }));

    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/wish/detail/index?id=wish-9' }));
    const [body, key] = createWishMock.mock.calls[0]!;
    expect(body).toMatchObject({ communityId: 'longjin', onBehalfOf: { name: '林大爷', phone: '13800001234', address: '阳光花园 3 栋 201' } });
    expect(body).not.toHaveProperty('contactPhone');
    expect(key).toMatch(/^wish-/);
    expect(storage.has('huijia.proxyWishDraft')).toBe(false);
  });

  it('keeps what was typed and says the server’s message when it refuses', async () => {
    createWishMock.mockRejectedValue(new ApiError(409, 'ORG_ARCHIVED', '该组织节点已停用，不能再新增心愿、岗位或报到'));
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: '提交代办心愿' }));

    expect(await screen.findByText('该组织节点已停用，不能再新增心愿、岗位或报到')).toBeInTheDocument();
    expect(field('居民姓名')).toHaveValue('林大爷');
    expect(screen.getByRole('button', { name: '提交代办心愿' })).toBeEnabled();
  });

  it('puts the server’s field messages under the resident’s fields', async () => {
    createWishMock.mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', '请求参数不正确', [{ path: 'body.onBehalfOf.phone', message: '请输入有效的手机号' }]),
    );
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: '提交代办心愿' }));
    expect(await screen.findByText('请输入有效的手机号')).toBeInTheDocument();
    expect(field('居民电话')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is refused to someone who is not community staff', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<ProxyWishPage />);
    expect(await screen.findByText('只有社区工作人员可以代居民发布心愿。')).toBeInTheDocument();
  });
});
