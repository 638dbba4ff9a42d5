import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Home from '../../../src/pages/index/index';
import { getMe } from '../../../src/services/me';
import { listNotifications } from '../../../src/services/notifications';
import { countProposed } from '../../../src/services/agreements';
import { countQueue } from '../../../src/services/opinions';
import { countProjects } from '../../../src/services/projectQuery';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker, aReportedMember, aResident } from '../../support/fixtures';
import { taro } from '../../support/taro';
import { districtAdmin } from '../admin/fixtures';
import { aUnitAdmin } from '../agreement/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/notifications');
jest.mock('../../../src/services/agreements');
jest.mock('../../../src/services/opinions');
jest.mock('../../../src/services/projectQuery', () => ({
  ...jest.requireActual<typeof import('../../../src/services/projectQuery')>('../../../src/services/projectQuery'),
  countProjects: jest.fn(),
}));
const countMock = jest.mocked(countProjects);

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(listNotifications).mockResolvedValue({ items: [], nextCursor: null, unread: 0 });
  countMock.mockResolvedValue({ count: 0, more: false });
  jest.mocked(countProposed).mockResolvedValue({ count: 0, more: false });
  const none = { branch: 0, community: 0, street: 0, representative: 0 };
  jest.mocked(countQueue).mockResolvedValue({ open: none, overdue: none, more: false });
});

/** The entry titled `title`, within the home section titled `section`. */
async function entry(section: string, title: string): Promise<HTMLElement> {
  const head = await screen.findByText(section, { selector: '.home-section__title' });
  const card = head.closest('.home-section') as HTMLElement;
  return within(card).getByText(title).closest('.feature') as HTMLElement;
}

describe('项目 on 首页 and 工作台', () => {
  it('opens the board of the resident’s community, counting nothing', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<Home />);
    fireEvent.click(await entry('居民服务', '社区项目'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=board' });
    expect(countMock).not.toHaveBeenCalled();
  });

  it('counts the projects awaiting staff acceptance', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    countMock.mockResolvedValue({ count: 3, more: false });
    render(<Home />);
    const card = await entry('社区工作台', '项目管理');
    await waitFor(() => expect(card).toHaveTextContent('3 个待验收 ›'));
    expect(countMock).toHaveBeenCalledWith({ communityId: 'longjin', status: 'reported' });
    fireEvent.click(card);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=community' });
  });

  it('gives a unit admin 认领项目 (counted) and 我们的项目', async () => {
    jest.mocked(getMe).mockResolvedValue(aUnitAdmin());
    countMock.mockResolvedValue({ count: 2, more: true });
    render(<Home />);
    const claim = await entry('单位党组织', '认领项目');
    await waitFor(() => expect(claim).toHaveTextContent('2+ 个可认领 ›'));
    expect(countMock).toHaveBeenCalledWith({ claimable: true });
    fireEvent.click(await entry('单位党组织', '我们的项目'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=mine' });
  });

  it('gives a member 认领项目 and 我的项目', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    render(<Home />);
    fireEvent.click(await entry('党员服务', '认领项目'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=claimable' });
    fireEvent.click(await entry('党员服务', '我的项目'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=mine' });
  });

  it('gives district admins 辖区项目', async () => {
    jest.mocked(getMe).mockResolvedValue(districtAdmin());
    render(<Home />);
    fireEvent.click(await entry('辖区管理', '辖区项目'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/project/list/index?as=area' });
  });
});
