import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Wish } from '@huijia/shared';
import NewWishPage from '../../../src/pages/wish/new/index';
import { ApiError } from '../../../src/services/api';
import { getMe, updateMe } from '../../../src/services/me';
import { getOrg, getRootOrg, listOrgChildren } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { createWish, getWish, resubmitWish } from '../../../src/services/wishes';
import { aCommunity, aResident, aWish } from '../../support/fixtures';
import { deferred, typeInto } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  createWish: jest.fn(),
  getWish: jest.fn(),
  resubmitWish: jest.fn(),
}));
const createWishMock = jest.mocked(createWish);

// The page scrolls to the first field with a complaint.
const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  jest.mocked(getMe).mockResolvedValue(aResident());
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
});

/** Opens 发布微心愿 and waits for the form (the phone on file is filled in). */
async function openForm(): Promise<void> {
  render(<NewWishPage />);
  await screen.findByText('龙津社区');
}

const field = (label: string) => screen.getByRole('textbox', { name: label });
const submitButton = () => screen.getByRole('button', { name: '提交心愿' });

function fillIn(values: { title?: string; description?: string; phone?: string; address?: string } = {}): void {
  typeInto(field('心愿标题'), values.title ?? '帮忙修水龙头');
  typeInto(field('具体描述'), values.description ?? '厨房水龙头一直滴水，想请人帮忙换个阀芯。');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '心愿类别' })).getByRole('radio', { name: '维修' }));
  if (values.phone !== undefined) typeInto(field('联系电话'), values.phone);
  typeInto(field('地址'), values.address ?? '阳光花园 3 栋 402');
}

describe('the wish form refuses what the server would refuse', () => {
  it('says what is missing under each field of an empty form, and sends nothing', async () => {
    await openForm();
    typeInto(field('联系电话'), '');

    fireEvent.click(submitButton());

    expect(await screen.findByText('标题至少 2 个字')).toBeInTheDocument();
    expect(screen.getByText('请具体描述您的心愿')).toBeInTheDocument();
    expect(screen.getByText('请选择心愿类别')).toBeInTheDocument();
    expect(screen.getByText('请输入有效的手机号')).toBeInTheDocument();
    expect(screen.getByText('请填写地址')).toBeInTheDocument();
    expect(field('心愿标题')).toHaveAttribute('aria-invalid', 'true');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请检查填写的内容' }));
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#wish-field-title' })));
    expect(createWishMock).not.toHaveBeenCalled();

    // With the title and description written, the first complaint left is the category's: it scrolls there.
    typeInto(field('心愿标题'), '帮忙修水龙头');
    typeInto(field('具体描述'), '厨房水龙头一直滴水，想请人帮忙换个阀芯。');
    fireEvent.click(submitButton());
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#wish-field-category' })));
  });

  it('counts the title against its limit as it is typed', async () => {
    await openForm();
    expect(screen.getByText('0/40')).toBeInTheDocument();
    typeInto(field('心愿标题'), '帮忙修水龙头');
    expect(screen.getByText('6/40')).toBeInTheDocument();
  });

  it('does not ask a resident for a 先锋角色 (the programme\'s word, not theirs)', async () => {
    await openForm();
    expect(screen.queryByRole('radiogroup', { name: '先锋角色' })).not.toBeInTheDocument();
    expect(screen.queryByText(/先锋角色/)).not.toBeInTheDocument();
  });

  it('refuses a phone that is not a mainland mobile number', async () => {
    await openForm();
    fillIn({ phone: '12345678901' });

    fireEvent.click(submitButton());

    expect(await screen.findByText('请输入有效的手机号')).toBeInTheDocument();
    expect(screen.queryByText('标题至少 2 个字')).not.toBeInTheDocument();
    expect(createWishMock).not.toHaveBeenCalled();
  });

  it('clears a field’s complaint as soon as it is edited', async () => {
    await openForm();
    fireEvent.click(submitButton());
    await screen.findByText('标题至少 2 个字');

    typeInto(field('心愿标题'), '帮忙修水龙头');

    expect(screen.queryByText('标题至少 2 个字')).not.toBeInTheDocument();
    expect(screen.getByText('请具体描述您的心愿')).toBeInTheDocument();
  });
});

describe('sending a valid wish', () => {
  it('sends the form once, as the server stores it, and opens the new wish', async () => {
    await openForm();
    fillIn({ title: '  帮忙修水龙头 ' });
    const answer = deferred<Wish>();
    createWishMock.mockReturnValue(answer.promise);

    fireEvent.click(submitButton());

    await waitFor(() => expect(submitButton()).toBeDisabled());
    expect(field('心愿标题')).toBeDisabled();
    fireEvent.click(submitButton());
    expect(createWishMock).toHaveBeenCalledTimes(1);
    expect(createWishMock).toHaveBeenCalledWith(
      {
        communityId: 'longjin',
        title: '帮忙修水龙头',
        description: '厨房水龙头一直滴水，想请人帮忙换个阀芯。',
        category: 'repair',
        contactPhone: '13900000201',
        address: '阳光花园 3 栋 402',
      },
      expect.any(String),
    );

    answer.resolve(aWish({ id: 'wish-9' }));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/wish/detail/index?id=wish-9' }));
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待社区审核' }));
  });

  it('shows the server’s complaint under its field and lets the user send again with the same key', async () => {
    await openForm();
    fillIn();
    createWishMock.mockRejectedValueOnce(
      new ApiError(400, 'VALIDATION_FAILED', '请求参数有误', [{ path: 'body.address', message: '地址不在本社区' }]),
    );

    fireEvent.click(submitButton());

    expect(await screen.findByText('地址不在本社区')).toBeInTheDocument();
    expect(submitButton()).toBeEnabled();

    createWishMock.mockResolvedValueOnce(aWish({ id: 'wish-9' }));
    typeInto(field('地址'), '阳光花园 3 栋 401');
    fireEvent.click(submitButton());
    await waitFor(() => expect(createWishMock).toHaveBeenCalledTimes(2));
    const [first, second] = createWishMock.mock.calls;
    // One idempotency key per form: a retry can never post a second wish.
    expect(second?.[1]).toBe(first?.[1]);
    expect(second?.[0]).toMatchObject({ address: '阳光花园 3 栋 401' });
  });
});

describe('an unsent wish', () => {
  it('is kept as a draft and restored when the form is opened again', async () => {
    const { unmount } = render(<NewWishPage />);
    await screen.findByText('龙津社区');
    typeInto(field('心愿标题'), '帮忙修水龙头');
    unmount();

    render(<NewWishPage />);
    await screen.findByText('龙津社区');

    expect(field('心愿标题')).toHaveValue('帮忙修水龙头');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));
  });
});

describe('a resident who has not said where they live', () => {
  it('chooses their community on the form\'s page, and the form opens in its place', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident({ homeCommunityId: null }));
    const district = { ...aCommunity(), id: 'xinluo', parentId: null, kind: 'district' as const, name: '新罗区', path: '/longyan/xinluo/' };
    jest.mocked(getRootOrg).mockResolvedValue(district);
    jest.mocked(listOrgChildren).mockResolvedValue([aCommunity()]);
    jest.mocked(updateMe).mockResolvedValue(aResident());
    render(<NewWishPage />);

    expect(await screen.findByText(/心愿会发给您所在社区的工作人员审核/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '选择社区' }));
    fireEvent.click(await screen.findByRole('button', { name: /龙津社区/ }));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(updateMe).toHaveBeenCalledWith({ homeCommunityId: 'longjin' }));
    expect(await screen.findByRole('textbox', { name: '心愿标题' })).toBeInTheDocument();
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });
});

describe('a rejected wish, edited and sent again', () => {
  afterEach(() => useRouter.mockReturnValue({ params: {}, path: '' }));

  it('opens the form filled with the wish and its reason, and sends the edit with the photos it keeps', async () => {
    const rejected = aWish({
      id: 'wish-7',
      status: 'rejected',
      title: '代买一箱牛奶',
      rejectReason: '请写明需要帮忙的具体困难',
      contactPhone: '13900000201',
      address: '阳光花园 3 栋 402',
      photos: [{ id: 'photo-1', url: '/api/uploads/photo-1' }],
    });
    useRouter.mockReturnValue({ params: { resubmit: 'wish-7' }, path: '' });
    jest.mocked(getWish).mockResolvedValue(rejected);
    jest.mocked(resubmitWish).mockResolvedValue({ ...rejected, status: 'pending_review', rejectReason: null });
    render(<NewWishPage />);

    expect(await screen.findByText(/未通过原因：请写明需要帮忙的具体困难/)).toBeInTheDocument();
    expect(field('心愿标题')).toHaveValue('代买一箱牛奶');
    typeInto(field('心愿标题'), '腿脚不便，请人代买牛奶');
    fireEvent.click(screen.getByRole('button', { name: '重新提交审核' }));

    await waitFor(() =>
      expect(resubmitWish).toHaveBeenCalledWith('wish-7', expect.objectContaining({ title: '腿脚不便，请人代买牛奶', address: '阳光花园 3 栋 402', photoIds: ['photo-1'] })),
    );
    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled());
    expect(createWishMock).not.toHaveBeenCalled();
  });
});
