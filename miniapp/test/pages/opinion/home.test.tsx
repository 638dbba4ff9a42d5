import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Me } from '@huijia/shared';
import Home from '../../../src/pages/index/index';
import { getMe } from '../../../src/services/me';
import { listNotifications } from '../../../src/services/notifications';
import { countQueue, type QueueCount } from '../../../src/services/opinions';
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

const levels = (counts: Partial<QueueCount['open']> = {}) => ({ branch: 0, community: 0, street: 0, representative: 0, ...counts });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(countQueue).mockResolvedValue({ open: levels(), overdue: levels(), more: false });
  jest.mocked(listNotifications).mockResolvedValue({ items: [], nextCursor: null, unread: 0 });
});

/** The entry titled `title`, within the home section titled `section`. */
async function entry(section: string, title: string): Promise<HTMLElement> {
  const head = await screen.findByText(section, { selector: '.home-section__title' });
  const card = head.closest('.home-section') as HTMLElement;
  return within(card).getByText(title).closest('.feature') as HTMLElement;
}

describe('民情 on 首页 and 工作台', () => {
  it('lets a resident raise one, follow theirs and read the community’s, and counts no queue', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<Home />);

    fireEvent.click(await entry('居民服务', '反映民情'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinion/new/index' });
    fireEvent.click(await entry('居民服务', '我的民情'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinion/mine/index' });
    fireEvent.click(await entry('居民服务', '社区民情'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinion/board/index' });
    expect(screen.queryByText('民情办理')).not.toBeInTheDocument();
    expect(countQueue).not.toHaveBeenCalled();
  });

  it('gives community staff 民情办理 with what waits at 建议 and 商议, and 记录民情', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    jest.mocked(countQueue).mockResolvedValue({ open: levels({ branch: 2, community: 1, street: 4 }), overdue: levels({ branch: 1 }), more: false });
    render(<Home />);

    const queue = await entry('社区工作台', '民情办理');
    expect(await within(queue).findByText('3 条待办 ›')).toBeInTheDocument();
    expect(within(queue).getByText(/（1 条已超期）/)).toBeInTheDocument();
    fireEvent.click(queue);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinion/queue/index' });

    fireEvent.click(await entry('社区工作台', '记录民情'));
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinion/new/index?source=collected' });
  });

  it('gives a party representative a section of their own with the 呼吁 queue', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'party_rep', orgId: 'xinluo', scopeName: '新罗区' }]));
    jest.mocked(countQueue).mockResolvedValue({ open: levels({ representative: 100 }), overdue: levels(), more: true });
    render(<Home />);

    const queue = await entry('党代表', '民情办理');
    expect(await within(queue).findByText('100+ 条待办 ›')).toBeInTheDocument();
    expect(screen.getByText('新罗区')).toBeInTheDocument();
  });

  it('gives a member of a grid branch the branch’s queue, and a reported member 记录民情', async () => {
    const member: Me = { ...aReportedMember(), grid: { branch: { id: 'b1', name: '阳光花园网格党支部' }, team: null } };
    jest.mocked(getMe).mockResolvedValue(member);
    render(<Home />);

    const queue = await entry('党员服务', '网格民情');
    expect(within(queue).getByText('网格党支部负责人办理「阳光花园网格党支部」居民反映的民情（建议）')).toBeInTheDocument();
    expect(await entry('党员服务', '记录民情')).toBeInTheDocument();
    expect(countQueue).toHaveBeenCalled();
  });
});
