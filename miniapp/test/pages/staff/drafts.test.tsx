import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { householdSchema, postSchema } from '@huijia/shared';
import HouseholdsPage from '../../../src/pages/staff/households/index';
import PostsPage from '../../../src/pages/staff/posts/index';
import { getMe } from '../../../src/services/me';
import { listHouseholds, registerHousehold } from '../../../src/services/pairing';
import { createPost, listPosts } from '../../../src/services/posts';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { storage, taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/posts');
jest.mock('../../../src/services/pairing');

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  jest.mocked(listPosts).mockResolvedValue({ items: [], nextCursor: null });
  jest.mocked(listHouseholds).mockResolvedValue([]);
});

const field = (label: string) => screen.getByRole('textbox', { name: label });
const button = (name: string) => screen.getByRole('button', { name });
const RESTORED = expect.objectContaining({ title: '已恢复上次未提交的内容' });

function aPost(title: string) {
  return postSchema.parse({
    id: 'post-9', communityId: 'longjin', communityName: '龙津社区', title, description: '每周巡查楼道',
    pioneerRole: 'volunteer', capacity: 3, seatsTaken: 0, schedule: '每周六上午', location: '阳光花园',
    startsOn: '2026-11-24', endsOn: '2027-11-24', status: 'open', averageScore: null, evaluations: 0,
    mySeat: null, holders: [],
  });
}

/** Opens 岗位管理 and its form; answers how to leave the page. */
async function openPostForm(): Promise<() => void> {
  const { unmount } = render(<PostsPage />);
  fireEvent.click(await screen.findByRole('button', { name: '发布岗位' }));
  await screen.findByRole('textbox', { name: '岗位名称' });
  return unmount;
}

describe('a post being written (定岗)', () => {
  it('is kept when the page is left, and opens again as it was', async () => {
    const leave = await openPostForm();
    typeInto(field('岗位名称'), '楼道文明监督岗');
    typeInto(field('服务地点'), '阳光花园');
    leave();

    render(<PostsPage />);

    expect(await screen.findByRole('textbox', { name: '岗位名称' })).toHaveValue('楼道文明监督岗');
    expect(field('服务地点')).toHaveValue('阳光花园');
    expect(taro.showToast).toHaveBeenCalledWith(RESTORED);
  });

  it('is not shown to another worker, nor in another community', async () => {
    storage.set('huijia.postDraft', {
      owner: 'user-staff@other-community',
      value: { title: '别处的岗位', description: '', pioneerRole: null, capacity: '3', schedule: '', location: '', startsOn: '2026-11-24', endsOn: '2027-11-24' },
    });

    render(<PostsPage />);

    expect(await screen.findByRole('button', { name: '发布岗位' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: '岗位名称' })).toBeNull();
    expect(taro.showToast).not.toHaveBeenCalledWith(RESTORED);
  });

  it('is dropped once published', async () => {
    jest.mocked(createPost).mockResolvedValue(aPost('楼道文明监督岗'));
    await openPostForm();
    typeInto(field('岗位名称'), '楼道文明监督岗');
    typeInto(field('岗位职责'), '每周巡查楼道');
    fireEvent.click(screen.getByRole('radio', { name: '志愿服务' }));
    typeInto(field('服务时间'), '每周六上午');
    typeInto(field('服务地点'), '阳光花园');

    fireEvent.click(button('发布岗位'));

    expect(await screen.findByText('楼道文明监督岗')).toBeInTheDocument();
    expect(createPost).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'longjin', title: '楼道文明监督岗', capacity: 3 }));
    expect(storage.has('huijia.postDraft')).toBe(false);
    expect(screen.queryByRole('textbox', { name: '岗位名称' })).toBeNull();
  });

  it('asks before 取消 throws away what was typed, and keeps it when the answer is no', async () => {
    await openPostForm();
    typeInto(field('岗位名称'), '楼道文明监督岗');

    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(button('取消'));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '放弃发布' })));
    expect(field('岗位名称')).toHaveValue('楼道文明监督岗');
    expect(storage.has('huijia.postDraft')).toBe(true);

    fireEvent.click(button('取消'));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: '岗位名称' })).toBeNull());
    expect(storage.has('huijia.postDraft')).toBe(false);
  });

  it('closes at once on 取消 when nothing was typed', async () => {
    await openPostForm();
    fireEvent.click(button('取消'));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: '岗位名称' })).toBeNull());
    expect(taro.showModal).not.toHaveBeenCalled();
  });
});

describe('a household being registered (登记困难群众)', () => {
  it('is kept when the page is left, and dropped once registered', async () => {
    const { unmount } = render(<HouseholdsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '登记困难群众' }));
    typeInto(await screen.findByRole('textbox', { name: '户主姓名' }), '张桂兰');
    typeInto(field('帮扶需求'), '独居老人，每周探访');
    unmount();

    render(<HouseholdsPage />);
    expect(await screen.findByRole('textbox', { name: '户主姓名' })).toHaveValue('张桂兰');
    expect(field('帮扶需求')).toHaveValue('独居老人，每周探访');
    expect(taro.showToast).toHaveBeenCalledWith(RESTORED);

    jest.mocked(registerHousehold).mockResolvedValue(
      householdSchema.parse({
        id: 'household-9', communityId: 'longjin', communityName: '龙津社区', name: '张桂兰', needs: '独居老人，每周探访',
        maxMembers: 1, activePairings: 0, pairedWithMe: false,
      }),
    );
    await act(async () => {
      fireEvent.click(button('登记'));
    });
    expect(await screen.findByText('待结对')).toBeInTheDocument();
    expect(storage.has('huijia.householdDraft')).toBe(false);
  });
});
