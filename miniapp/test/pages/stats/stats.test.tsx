import { render, screen } from '@testing-library/react';
import { statsOverviewSchema, type Figures, type StatsOverview } from '@huijia/shared';
import StatsPage from '../../../src/pages/stats/index';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { overview } from '../../../src/services/stats';
import { districtAdmin } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/stats');

const figures = (overrides: Partial<Figures> = {}): Figures => ({
  rosterMembers: 8,
  expectedWithoutAccount: 3,
  reported: 4,
  reportingRate: 0.5,
  served: 2,
  serviceRate: 0.5,
  wishesCollected: 0,
  wishesClaimed: 0,
  wishesCompleted: 0,
  completionRate: 0,
  averageRating: null,
  posts: 0,
  seatsFilled: 0,
  verifiedHours: 0,
  points: 0,
  ...overrides,
});

function districtFigures(unplaced: StatsOverview['unplaced']): StatsOverview {
  return statsOverviewSchema.parse({
    subject: { id: 'xinluo', name: '新罗区', kind: 'district' },
    period: { from: '2026-07', to: '2026-12' },
    figures: figures(),
    children: [],
    trend: [{ month: '2026-12', verifiedHours: 0 }],
    reportingAsOf: '2026-12-06T02:00:00.000Z',
    unplaced,
  });
}

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
});

describe('统计 shows who is expected (应报到) and who is expected nowhere', () => {
  it('says how many of the expected have no account yet, beside 应报到', async () => {
    jest.mocked(overview).mockResolvedValue(districtFigures([]));
    render(<StatsPage />);

    expect(await screen.findByText('已报到 4 / 应报到 8 人')).toBeInTheDocument();
    expect(screen.getByText('应报到中未注册 3 人')).toBeInTheDocument();
    expect(screen.queryByText(/未结对社区/)).toBeNull();
  });

  it('names the units paired with no community, and how many of their members count nowhere', async () => {
    jest.mocked(overview).mockResolvedValue(
      districtFigures([
        { unitId: 'u1', unitName: '新罗区税务局', members: 12 },
        { unitId: 'u2', unitName: '区图书馆', members: 3 },
      ]),
    );
    render(<StatsPage />);

    expect(await screen.findByText('以下单位未结对社区，其 15 名党员暂未计入任何社区：')).toBeInTheDocument();
    expect(screen.getByText('新罗区税务局（12 人）')).toBeInTheDocument();
    expect(screen.getByText('区图书馆（3 人）')).toBeInTheDocument();
  });
});
