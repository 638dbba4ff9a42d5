import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type ActivityFigures, activityStatsSchema, opinionStatsSchema, statsOverviewSchema } from '@huijia/shared';
import StatsPage from '../../../src/pages/stats/index';
import { activityStats } from '../../../src/services/activities';
import { getMe } from '../../../src/services/me';
import { opinionStats } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { downloadExport, overview } from '../../../src/services/stats';
import { freezeClock } from '../../support/helpers';
import { taro } from '../../support/taro';
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
jest.mock('../../../src/services/activities', () => ({
  ...jest.requireActual<typeof import('../../../src/services/activities')>('../../../src/services/activities'),
  activityStats: jest.fn(),
}));

const figures = (overrides: Partial<ActivityFigures> = {}): ActivityFigures => ({
  held: 12,
  heldByKind: { theme: 5, group_service: 4, fixed_point: 3 },
  signups: 200,
  attendances: 170,
  noShowRate: 0.125,
  hours: 412.5,
  ...overrides,
});

const subject = { id: 'xinluo', name: '新罗区', kind: 'district' };
const period = { from: '2026-07', to: '2026-12' };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  freezeClock(new Date('2026-12-10T02:00:00.000Z'));
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(overview).mockResolvedValue(
    statsOverviewSchema.parse({
      subject,
      period,
      figures: {
        rosterMembers: 0, expectedWithoutAccount: 0, reported: 0, reportingRate: 0, served: 0, serviceRate: 0,
        wishesCollected: 0, wishesClaimed: 0, wishesCompleted: 0, completionRate: 0, averageRating: null,
        posts: 0, seatsFilled: 0, verifiedHours: 0, points: 0,
      },
      children: [],
      trend: [{ month: '2026-12', verifiedHours: 0 }],
      reportingAsOf: '2026-12-06T02:00:00.000Z',
      unplaced: [],
    }),
  );
  jest.mocked(opinionStats).mockResolvedValue(
    opinionStatsSchema.parse({
      subject,
      period,
      figures: {
        raised: 0, resolved: 0, closed: 0, resolutionRate: 0, rated: 0, satisfied: 0, satisfactionRate: 0,
        resolvedAtLevel: { branch: 0, community: 0, street: 0, representative: 0 }, medianDaysToResolve: null, overdue: 0, collected: 0,
      },
      children: [],
      collectors: [],
    }),
  );
  jest.mocked(activityStats).mockResolvedValue(
    activityStatsSchema.parse({
      subject,
      period,
      figures: figures(),
      children: [
        { id: 'dongcheng', name: '东城街道', kind: 'street', figures: figures({ held: 3, signups: 0, noShowRate: 0 }) },
      ],
    }),
  );
});
afterEach(() => jest.useRealTimers());

const card = async () => (await screen.findByText('活动（集体活动）')).closest('.stats-activities') as HTMLElement;

describe('活动 in 统计', () => {
  it('shows the activities held by kind, sign-ups, 进社区人次, the no-show rate and the hours', async () => {
    render(<StatsPage />);
    const section = await card();
    const tile = (title: string) => {
      const node = within(section).getByText(title, { selector: '.stats-tile__title' }).closest('.stats-tile') as HTMLElement;
      return Array.from(node.querySelectorAll('.stats-tile__value, .stats-tile__line, .stats-wishes__value, .stats-wishes__label')).map((n) => n.textContent);
    };
    expect(await within(section).findByText('举办活动 12 场')).toBeInTheDocument();
    expect(activityStats).toHaveBeenCalledWith({ orgId: 'xinluo', from: '2026-01', to: '2026-12' });
    expect(tile('举办活动 12 场')).toEqual(['5', '主题活动', '4', '组团服务', '3', '定点服务']);
    expect(tile('报名')).toEqual(['200 人次', '已结束活动的报名名额']);
    expect(tile('进社区人次')).toEqual(['170 人次', '签到且未被剔除']);
    expect(tile('未到率')).toEqual(['12.5%', '报名后未签到的占比']);
    expect(tile('活动服务时长')).toEqual(['412.5 小时', '组织者确认的签到时长']);
    // A child without sign-ups has no no-show rate, not 0%.
    const child = within(section).getByRole('button', { name: '查看东城街道的活动统计' }).closest('[role="row"]') as HTMLElement;
    expect(within(child).getByText('暂无')).toBeInTheDocument();
    fireEvent.click(within(section).getByRole('button', { name: '查看东城街道的活动统计' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('orgId=dongcheng') });
  });

  it('offers the 活动台账 of the period shown', async () => {
    jest.mocked(downloadExport).mockResolvedValue('活动台账-新罗区.xlsx');
    render(<StatsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '导出活动台账' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: '导出台账' })).getByRole('button', { name: '导出' }));
    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith('activities', { orgId: 'xinluo' }, '新罗区', { from: '2026-01', to: '2026-12' }),
    );
  });

  it('is not shown for a unit: activities are counted by community', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '第一医院' }]));
    render(<StatsPage />);
    await screen.findByText('总体情况');
    expect(screen.queryByText('活动（集体活动）')).not.toBeInTheDocument();
    expect(activityStats).not.toHaveBeenCalled();
  });
});
