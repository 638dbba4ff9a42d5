import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Opinion } from '@huijia/shared';
import RaiseOpinionPage from '../../../src/pages/opinion/new/index';
import { getMe } from '../../../src/services/me';
import { createOpinion } from '../../../src/services/opinions';
import { getOrg, listOrgChildren } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { aCommunity, aCommunityWorker, aResident } from '../../support/fixtures';
import { deferred, pick, typeInto } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { aNode } from '../admin/fixtures';
import { anOpinion } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  createOpinion: jest.fn(),
}));
const createOpinionMock = jest.mocked(createOpinion);

// The page scrolls to the first field with a complaint.
const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  jest.mocked(getMe).mockResolvedValue(aResident());
  jest.mocked(getOrg).mockResolvedValue(aCommunity());
  jest.mocked(listOrgChildren).mockResolvedValue([]);
});

/** Opens 反映民情 and waits for the form (the home community named). */
async function openForm(): Promise<void> {
  render(<RaiseOpinionPage />);
  await screen.findByText('龙津社区');
}

const field = (label: string) => screen.getByRole('textbox', { name: label });
const choose = (group: string, option: string) =>
  fireEvent.click(within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option }));
const submit = (name = '提交') => fireEvent.click(screen.getByRole('button', { name }));

function fillIn(): void {
  choose('问题类别', '排水');
  typeInto(field('问题标题'), '3 栋门口下雨积水');
  typeInto(field('具体情况'), '每次下雨 3 栋门口积水没过脚踝，老人出门不便。');
}

describe('the raise form', () => {
  it('counts the title’s characters against its limit as they are typed', async () => {
    await openForm();
    expect(screen.getByText('0/40')).toBeInTheDocument();

    typeInto(field('问题标题'), '3 栋门口积水');

    expect(screen.getByText('7/40')).toBeInTheDocument();
    expect(field('问题标题')).toHaveAttribute('maxLength', '40');
  });

  it('says what is missing under each field, scrolls the first into view, and sends nothing', async () => {
    await openForm();

    submit();

    expect(await screen.findByText('请选择问题类别')).toBeInTheDocument();
    expect(screen.getByText('标题至少 2 个字')).toBeInTheDocument();
    expect(screen.getByText('请具体描述问题')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#opinion-field-category' })));
    expect(createOpinionMock).not.toHaveBeenCalled();

    // The first complaint left is further down: that is where it scrolls next.
    choose('问题类别', '排水');
    typeInto(field('问题标题'), '3 栋门口下雨积水');
    submit();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#opinion-field-description' })));
    expect(screen.queryByText('请选择问题类别')).not.toBeInTheDocument();
    expect(createOpinionMock).not.toHaveBeenCalled();
  });

  it('refuses a contact phone that is not a mobile number, and keeps it optional', async () => {
    await openForm();
    fillIn();
    typeInto(field('联系电话（选填）'), '12345');

    submit();

    expect(await screen.findByText('请输入有效的手机号')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#opinion-field-contactPhone' })));
    expect(createOpinionMock).not.toHaveBeenCalled();
  });

  it('sends the opinion once, for the home community and the place chosen, and opens it', async () => {
    jest.mocked(listOrgChildren).mockImplementation(async (id) =>
      id === 'longjin'
        ? [aNode('sunshine', 'compound', '/longyan/xinluo/dongcheng/longjin/sunshine/', { name: '阳光花园' })]
        : [aNode('b3', 'building', '/longyan/xinluo/dongcheng/longjin/sunshine/b3/', { name: '3 栋' })],
    );
    await openForm();
    pick(await screen.findByRole('button', { name: '小区（选填）：不指定' }), 1);
    pick(await screen.findByRole('button', { name: '楼栋（选填）：不指定' }), 1);
    fillIn();
    typeInto(field('联系电话（选填）'), '13900000201');
    const answer = deferred<Opinion>();
    createOpinionMock.mockReturnValue(answer.promise);

    submit();
    await waitFor(() => expect(screen.getByRole('button', { name: '提交' })).toBeDisabled());
    submit();

    expect(createOpinionMock).toHaveBeenCalledTimes(1);
    expect(createOpinionMock).toHaveBeenCalledWith(
      {
        communityId: 'longjin',
        placeId: 'b3',
        category: 'drainage',
        title: '3 栋门口下雨积水',
        description: '每次下雨 3 栋门口积水没过脚踝，老人出门不便。',
        source: 'self',
        contactPhone: '13900000201',
      },
      expect.stringMatching(/^opinion-/),
    );
    answer.resolve(anOpinion({ id: 'opinion-9' }));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/opinion/detail/index?id=opinion-9' }));
  });

  it('keeps what was typed as a draft and restores it when the form is opened again', async () => {
    const { unmount } = render(<RaiseOpinionPage />);
    await screen.findByText('龙津社区');
    choose('问题类别', '道路');
    typeInto(field('问题标题'), '路灯不亮');
    unmount();

    await openForm();

    expect(field('问题标题')).toHaveValue('路灯不亮');
    expect(within(screen.getByRole('radiogroup', { name: '问题类别' })).getByRole('radio', { name: '道路' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(screen.getByText('4/40')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));
  });

  it('offers a resident no choice of source: their own problem, with a private contact', async () => {
    await openForm();
    expect(screen.queryByRole('radiogroup', { name: '来源' })).not.toBeInTheDocument();
    expect(screen.getByText('仅办理人员可见，不会公开')).toBeInTheDocument();
  });
});

describe('a worker logging what they collected (社情民意搜集本)', () => {
  beforeEach(() => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  });

  it('asks for the person it came from, in place of a contact of their own', async () => {
    render(<RaiseOpinionPage />);
    await screen.findByRole('radiogroup', { name: '来源' });

    choose('来源', '走访收集');
    expect(screen.getByText('龙津社区')).toBeInTheDocument();
    expect(field('反映人姓名')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: '联系电话（选填）' })).not.toBeInTheDocument();
    fillIn();

    submit('记入搜集本');

    expect(await screen.findByText('请填写反映人姓名')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#opinion-field-raisedByName' })));
    expect(createOpinionMock).not.toHaveBeenCalled();

    typeInto(field('反映人姓名'), '王大爷');
    createOpinionMock.mockResolvedValue(anOpinion({ id: 'opinion-9', source: 'collected' }));
    submit('记入搜集本');

    await waitFor(() => expect(createOpinionMock).toHaveBeenCalledTimes(1));
    expect(createOpinionMock.mock.calls[0]?.[0]).toEqual({
      communityId: 'longjin',
      category: 'drainage',
      title: '3 栋门口下雨积水',
      description: '每次下雨 3 栋门口积水没过脚踝，老人出门不便。',
      source: 'collected',
      raisedBy: { name: '王大爷' },
    });
  });

  it('opens on 走访收集 from 记录民情 (`?source=collected`)', async () => {
    useRouter.mockReturnValue({ params: { source: 'collected' }, path: '/pages/opinion/new/index' });
    render(<RaiseOpinionPage />);

    const collected = await screen.findByRole('radio', { name: '走访收集' });
    expect(collected).toHaveAttribute('aria-checked', 'true');
    expect(field('反映人姓名')).toBeInTheDocument();
  });
});
