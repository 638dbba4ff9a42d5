import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Me } from '@huijia/shared';
import Home from '../../../src/pages/index/index';
import { getMe } from '../../../src/services/me';
import { listNotifications } from '../../../src/services/notifications';
import { countQueue } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker, aReportedMember, aResident } from '../../support/fixtures';
import { taro } from '../../support/taro';
import { someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/notifications');
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  countQueue: jest.fn(),
}));

const none = { branch: 0, community: 0, street: 0, representative: 0 };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(countQueue).mockResolvedValue({ open: none, overdue: none, more: false });
  jest.mocked(listNotifications).mockResolvedValue({ items: [], nextCursor: null, unread: 0 });
});

/** The entry titled `title`, within the home section titled `section`. */
async function entry(section: string, title: string): Promise<HTMLElement> {
  const head = await screen.findByText(section, { selector: '.home-section__title' });
  const card = head.closest('.home-section') as HTMLElement;
  return within(card).getByText(title).closest('.feature') as HTMLElement;
}

const section = async (title: string) => (await screen.findByText(title, { selector: '.home-section__title' })).closest('.home-section') as HTMLElement;

describe('activities on 首页 and 工作台', () => {
  it('lets a resident see the community’s activities, with nothing to organise', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<Home />);
    fireEvent.click(await entry('居民服务', '社区活动'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/hall/index' });
    expect(screen.queryByText('我的活动')).not.toBeInTheDocument();
    expect(screen.queryByText('组织活动')).not.toBeInTheDocument();
  });

  it('gives a member 我的活动 beside the community’s activities', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    render(<Home />);
    fireEvent.click(await entry('党员服务', '我的活动'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/mine/index' });
    expect(await entry('居民服务', '社区活动')).toBeInTheDocument();
    expect(within(await section('党员服务')).queryByText('组织活动')).not.toBeInTheDocument();
  });

  it('offers a member of a volunteer team to organise as its leader', async () => {
    const member: Me = { ...aReportedMember(), grid: { branch: null, team: { id: 't1', name: '阳光志愿服务队' } } };
    jest.mocked(getMe).mockResolvedValue(member);
    render(<Home />);
    const organise = await entry('党员服务', '组织活动');
    expect(within(organise).getByText(/志愿服务队「阳光志愿服务队」负责人/)).toBeInTheDocument();
    fireEvent.click(organise);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/organised/index' });
  });

  it('gives community staff and a unit’s admin 组织活动 on 工作台', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    const { unmount } = render(<Home />);
    fireEvent.click(await entry('社区工作台', '组织活动'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/organised/index' });
    unmount();

    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }]));
    render(<Home />);
    fireEvent.click(await entry('单位党组织', '组织活动'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/activity/organised/index' });
  });
});
