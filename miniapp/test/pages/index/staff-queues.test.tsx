import { render, screen, waitFor, within } from '@testing-library/react';
import Home from '../../../src/pages/index/index';
import { countProposed } from '../../../src/services/agreements';
import { getMe } from '../../../src/services/me';
import { listNotifications } from '../../../src/services/notifications';
import { countQueue } from '../../../src/services/opinions';
import { countProjects } from '../../../src/services/projectQuery';
import { countStaffQueues, countUnreported } from '../../../src/services/queueCounts';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker, aResident } from '../../support/fixtures';
import type { Me } from '@huijia/shared';
import { taro, useRouter } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/notifications');
jest.mock('../../../src/services/agreements');
jest.mock('../../../src/services/opinions');
jest.mock('../../../src/services/projectQuery');
jest.mock('../../../src/services/queueCounts');

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(listNotifications).mockResolvedValue({ items: [], nextCursor: null, unread: 0 });
  jest.mocked(countProjects).mockResolvedValue({ count: 0, more: false });
  jest.mocked(countProposed).mockResolvedValue({ count: 0, more: false });
  jest.mocked(countUnreported).mockResolvedValue(0);
  const none = { branch: 0, community: 0, street: 0, representative: 0 };
  jest.mocked(countQueue).mockResolvedValue({ open: none, overdue: none, more: false });
});

const entry = async (title: string) => (await screen.findByText(title, { selector: '.feature__title, .feature *' })).closest('.feature') as HTMLElement;

describe('工作台 counts what waits in each staff queue', () => {
  it('says how many wishes, disputes, reports and records wait, and the plain step where none do', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    jest.mocked(countStaffQueues).mockResolvedValue({
      review: { count: 2, more: false },
      disputes: { count: 0, more: false },
      reports: { count: 1, more: false },
      records: { count: 100, more: true },
    });
    render(<Home />);
    await waitFor(() => expect(countStaffQueues).toHaveBeenCalledWith('longjin'));
    await waitFor(async () => expect(within(await entry('审核心愿')).getByText(/2 个待审核/)).toBeInTheDocument());
    expect(within(await entry('确认报到')).getByText(/1 个待确认/)).toBeInTheDocument();
    expect(within(await entry('核实服务')).getByText(/100\+ 个待核实/)).toBeInTheDocument();
    expect(within(await entry('心愿异议')).getByText(/去处理/)).toBeInTheDocument();
  });

  it('puts the wishes to review on the 审核 tab as well', async () => {
    useRouter.mockReturnValue({ params: {}, path: '/pages/index/index' });
    taro.getCurrentPages.mockReturnValue([{}]);
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    jest.mocked(countStaffQueues).mockResolvedValue({
      review: { count: 7, more: false },
      disputes: { count: 0, more: false },
      reports: { count: 0, more: false },
      records: { count: 0, more: false },
    });
    render(<Home />);
    expect(await screen.findByRole('tab', { name: '审核，7 个待办' })).toHaveTextContent('审核7');
  });

  it("says on a unit's 报到情况 how many on its roster have not reported", async () => {
    const unitAdmin: Me = { ...aResident(), roles: [{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }] };
    jest.mocked(getMe).mockResolvedValue(unitAdmin);
    jest.mocked(countUnreported).mockResolvedValue(3);
    render(<Home />);
    await waitFor(async () => expect(within(await entry('报到情况')).getByText(/3 人未报到/)).toBeInTheDocument());
    expect(countUnreported).toHaveBeenCalledWith('hospital');
    expect(countStaffQueues).not.toHaveBeenCalled();
  });

  it('asks nothing for someone who is not staff', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<Home />);
    await screen.findByText('居民服务');
    expect(countStaffQueues).not.toHaveBeenCalled();
  });
});
