import { fireEvent, render, screen } from '@testing-library/react';
import type { HeldRole, Me } from '@huijia/shared';
import OpinionQueuePage from '../../../src/pages/opinion/queue/index';
import { getMe } from '../../../src/services/me';
import { listOpinions } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { aReportedMember, aCommunityWorker } from '../../support/fixtures';
import { freezeClock } from '../../support/helpers';
import { taro } from '../../support/taro';
import { someone } from '../admin/fixtures';
import { anOpinion } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  listOpinions: jest.fn(),
}));
const listMock = jest.mocked(listOpinions);

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  freezeClock(new Date('2026-12-10T02:00:00.000Z'));
});
afterEach(() => jest.useRealTimers());

const holding = (...roles: HeldRole[]) => someone(roles);

/** The staff member's queue, in the server's order: most seconded first, then oldest. */
const STAFF_QUEUE = [
  anOpinion({ id: 'late', title: '3 栋门口下雨积水', seconds: 5, overdue: true, dueAt: '2026-12-09T02:00:00.000Z', viewerActors: ['holder'] }),
  anOpinion({ id: 'fresh', title: '路灯不亮', category: 'road', createdAt: '2026-12-09T02:00:00.000Z', dueAt: '2026-12-12T02:00:00.000Z', viewerActors: ['holder'] }),
  anOpinion({ id: 'up', title: '小区门口停车乱', category: 'safety', level: 'community', levelReached: 'community', dueAt: '2026-12-15T02:00:00.000Z', viewerActors: ['holder'] }),
];

describe('民情办理', () => {
  it('gives community staff a tab for 建议 and one for 商议, with their counts, and marks the overdue in red', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    listMock.mockResolvedValue({ items: STAFF_QUEUE, nextCursor: null });
    render(<OpinionQueuePage />);

    expect(await screen.findByRole('tab', { name: '建议（2）' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: '商议（1）' })).toHaveAttribute('aria-selected', 'false');
    expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ queue: true }));
    expect(screen.getByText('待办 2 条')).toBeInTheDocument();
    expect(screen.getByText('，超期 1 条')).toHaveClass('opinion-queue__overdue');

    // In the server's order; the overdue one tagged 超期 in red, its deadline said in red too.
    const titles = screen.getAllByText(/积水|路灯|停车/).map((node) => node.textContent);
    expect(titles).toEqual(['3 栋门口下雨积水', '路灯不亮']);
    expect(screen.getByText('超期')).toHaveClass('wish-tag--overdue');
    expect(screen.getByText('12月9日 02:00（已超期 1 天），已超期')).toHaveClass('wish-row__value--urgent');
    expect(screen.getByText('5 人 · 已等 4 天')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: '商议（1）' }));
    expect(screen.getByText('小区门口停车乱')).toBeInTheDocument();
    expect(screen.queryByText('3 栋门口下雨积水')).not.toBeInTheDocument();
    expect(screen.queryByText(/超期/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('小区门口停车乱'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/opinion/detail/index?id=up' });
  });

  it('gives a party representative the 呼吁 queue alone, without tabs', async () => {
    jest.mocked(getMe).mockResolvedValue(holding({ role: 'party_rep', orgId: 'xinluo', scopeName: '新罗区' }));
    listMock.mockResolvedValue({
      items: [anOpinion({ title: '学校门口缺红绿灯', level: 'representative', levelReached: 'representative', viewerActors: ['holder'] })],
      nextCursor: null,
    });
    render(<OpinionQueuePage />);

    expect(await screen.findByText('学校门口缺红绿灯')).toBeInTheDocument();
    expect(screen.getByText('呼吁 · 党代表')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('gives a street admin 审议, and says a count is partial while more of the queue is to load', async () => {
    jest.mocked(getMe).mockResolvedValue(holding({ role: 'street_admin', orgId: 'dongcheng', scopeName: '东城街道' }));
    listMock.mockResolvedValue({
      items: [anOpinion({ level: 'street', levelReached: 'street', viewerActors: ['holder'] })],
      nextCursor: 'next',
    });
    render(<OpinionQueuePage />);

    expect(await screen.findByText('审议 · 街道党工委')).toBeInTheDocument();
    expect(await screen.findByText('待办 1+ 条')).toBeInTheDocument();
  });

  it('gives a member placed in a grid branch its 建议 queue (the server fills it for the branch’s leader)', async () => {
    const member: Me = { ...aReportedMember(), grid: { branch: { id: 'b1', name: '阳光花园网格党支部' }, team: null } };
    jest.mocked(getMe).mockResolvedValue(member);
    listMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<OpinionQueuePage />);

    expect(await screen.findByText('建议 · 网格党支部')).toBeInTheDocument();
    expect(await screen.findByText(/没有待建议的民情/)).toBeInTheDocument();
  });

  it('tells anyone who holds no level that there is nothing for them here, and asks for nothing', async () => {
    jest.mocked(getMe).mockResolvedValue(aReportedMember());
    render(<OpinionQueuePage />);

    expect(await screen.findByText(/民情由社区工作人员、网格党支部负责人、街道管理员和党代表办理/)).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });
});
