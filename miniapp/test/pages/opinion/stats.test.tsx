import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type OpinionFigures, opinionStatsSchema, statsOverviewSchema } from '@huijia/shared';
import StatsPage from '../../../src/pages/stats/index';
import { getMe } from '../../../src/services/me';
import { opinionStats } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { downloadExport, overview } from '../../../src/services/stats';
import { freezeClock } from '../../support/helpers';
import { districtAdmin, someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/stats', () => ({
  ...jest.requireActual<typeof import('../../../src/services/stats')>('../../../src/services/stats'),
  overview: jest.fn(),
  downloadExport: jest.fn(),
}));
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  opinionStats: jest.fn(),
}));

const figures = (overrides: Partial<OpinionFigures> = {}): OpinionFigures => ({
  raised: 40,
  resolved: 30,
  closed: 2,
  resolutionRate: 0.75,
  rated: 20,
  satisfied: 18,
  satisfactionRate: 0.9,
  resolvedAtLevel: { branch: 12, community: 10, street: 6, representative: 2 },
  medianDaysToResolve: 4.5,
  overdue: 3,
  collected: 9,
  ...overrides,
});

const OVERVIEW = statsOverviewSchema.parse({
  subject: { id: 'xinluo', name: '新罗区', kind: 'district' },
  period: { from: '2026-07', to: '2026-12' },
  figures: {
    rosterMembers: 0, expectedWithoutAccount: 0, reported: 0, reportingRate: 0, served: 0, serviceRate: 0,
    wishesCollected: 0, wishesClaimed: 0, wishesCompleted: 0, completionRate: 0, averageRating: null,
    posts: 0, seatsFilled: 0, verifiedHours: 0, points: 0,
  },
  children: [],
  trend: [{ month: '2026-12', verifiedHours: 0 }],
  reportingAsOf: '2026-12-06T02:00:00.000Z',
  unplaced: [],
});

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  freezeClock(new Date('2026-12-10T02:00:00.000Z'));
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(overview).mockResolvedValue(OVERVIEW);
  jest.mocked(opinionStats).mockResolvedValue(
    opinionStatsSchema.parse({
      subject: { id: 'xinluo', name: '新罗区', kind: 'district' },
      period: { from: '2026-07', to: '2026-12' },
      figures: figures(),
      children: [
        { id: 'dongcheng', name: '东城街道', kind: 'street', figures: figures({ raised: 25, rated: 0, satisfied: 0, satisfactionRate: 0 }) },
      ],
      collectors: [{ id: 'u1', name: '张丽华', collected: 6 }],
    }),
  );
});
afterEach(() => jest.useRealTimers());

const card = async () => (await screen.findByText('民情（四议一呼）')).closest('.stats-opinions') as HTMLElement;

describe('民情 in 统计', () => {
  it('shows raised, resolved, the rates, the levels that resolved them, days, overdue and the collectors', async () => {
    render(<StatsPage />);
    const section = await card();
    /** The value of the tile titled `title`, then its lines. */
    const tile = (title: string) => {
      const node = within(section).getByText(title, { selector: '.stats-tile__title' }).closest('.stats-tile') as HTMLElement;
      return Array.from(node.querySelectorAll('.stats-tile__value, .stats-tile__line, .stats-wishes__value')).map((n) => n.textContent);
    };
    expect(await within(section).findByText('反映民情')).toBeInTheDocument();
    expect(opinionStats).toHaveBeenCalledWith({ orgId: 'xinluo', from: '2026-01', to: '2026-12' });
    expect(tile('反映民情')).toEqual(['40 件', '其中工作人员收集 9 件']);
    expect(tile('办结率')).toEqual(['75%', '办结 30 / 反映 40 件', '关闭 2 件']);
    expect(tile('满意率')).toEqual(['90%', '满意和基本满意 18 / 已评价 20 件', '未评价的不计入']);
    expect(tile('办结用时')).toEqual(['4.5 天', '从反映到办结，取中位数']);
    expect(tile('办结层级（四议一呼）')).toEqual(['12', '10', '6', '2']);
    expect(tile('超期')).toEqual(['3 件', '办理中、已超过本级答复期限']);
    // A child with none rated has no satisfaction rate, not 0%.
    const child = within(section).getByRole('button', { name: '查看东城街道的民情统计' }).closest('[role="row"]') as HTMLElement;
    expect(within(child).getByText('暂无')).toBeInTheDocument();
    expect(within(section).getByText('张丽华')).toBeInTheDocument();
    expect(within(section).getByText('6 件')).toBeInTheDocument();
  });

  it('exports the 民情台账 of the period shown', async () => {
    jest.mocked(downloadExport).mockResolvedValue('民情台账-新罗区.xlsx');
    render(<StatsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '导出民情台账' }));
    const sheet = screen.getByRole('dialog', { name: '导出台账' });
    expect(within(sheet).getByText(/^将导出「新罗区」及其下各级2026年1月.*的民情台账。$/)).toBeInTheDocument();

    fireEvent.click(within(sheet).getByRole('button', { name: '导出' }));

    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith('opinions', { orgId: 'xinluo' }, '新罗区', { from: '2026-01', to: '2026-12' }),
    );
  });

  it('is not shown for a unit, which raises none', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '第一医院' }]));
    render(<StatsPage />);
    await screen.findByText('总体情况');
    expect(screen.queryByText('民情（四议一呼）')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '导出民情台账' })).not.toBeInTheDocument();
    expect(opinionStats).not.toHaveBeenCalled();
  });
});
