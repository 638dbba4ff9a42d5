import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type PartnershipFigures, opinionStatsSchema, partnershipStatsSchema, statsOverviewSchema } from '@huijia/shared';
import StatsPage from '../../../src/pages/stats/index';
import { activityStats } from '../../../src/services/activities';
import { getMe } from '../../../src/services/me';
import { opinionStats } from '../../../src/services/opinions';
import { partnershipStats } from '../../../src/services/partnership';
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
jest.mock('../../../src/services/partnership');

const figures = (overrides: Partial<PartnershipFigures> = {}): PartnershipFigures => ({
  agreementsActive: 12,
  agreementsSigned: 3,
  projectsPublished: 40,
  projectsStarted: 31,
  projectsCompleted: 1234,
  projectsOverdueNow: 2,
  byCategory: {
    party_building: { published: 10, started: 8, completed: 5 },
    livelihood: { published: 20, started: 15, completed: 9 },
    public_good: { published: 6, started: 5, completed: 3 },
    volunteering: { published: 4, started: 3, completed: 1 },
  },
  byLeadKind: {
    unit: { started: 20, completed: 12 },
    team: { started: 6, completed: 4 },
    party_rep: { started: 1, completed: 1 },
    member: { started: 3, completed: 1 },
  },
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
  jest.mocked(activityStats).mockRejectedValue(new Error('not asked here'));
  jest.mocked(partnershipStats).mockResolvedValue(
    partnershipStatsSchema.parse({
      subject,
      period,
      figures: figures(),
      children: [{ id: 'dongcheng', name: '东城街道', kind: 'street', figures: figures({ agreementsActive: 7, projectsOverdueNow: 0 }) }],
      units: [
        { id: 'hospital', name: '龙岩市第一医院', agreementsActive: 2, projectsStarted: 5, projectsCompleted: 4 },
        { id: 'school', name: '新罗区实验小学', agreementsActive: 1, projectsStarted: 0, projectsCompleted: 0 },
      ],
    }),
  );
});
afterEach(() => jest.useRealTimers());

const card = async () => (await screen.findByText('结对共建')).closest('.stats-partnership') as HTMLElement;

describe('结对共建 in 统计', () => {
  it('shows agreements, projects by category and by lead, overdue, the children and the units', async () => {
    render(<StatsPage />);
    const section = await card();
    const tile = (title: string) => {
      const node = within(section).getByText(title, { selector: '.stats-tile__title' }).closest('.stats-tile') as HTMLElement;
      return Array.from(node.querySelectorAll('.stats-tile__value, .stats-tile__line, .stats-wishes__value, .stats-wishes__label')).map((n) => n.textContent);
    };
    expect(await within(section).findByText('12 份')).toBeInTheDocument();
    expect(partnershipStats).toHaveBeenCalledWith({ orgId: 'xinluo', from: '2026-01', to: '2026-12' });
    expect(tile('生效协议')).toEqual(['12 份', '统计期间内任一天处于有效期的已生效协议（含此后终止的）']);
    expect(tile('新签协议')).toEqual(['3 份', '统计期间内单位确认签订的协议']);
    expect(tile('共建项目')).toEqual(['40', '发布', '31', '认领', '1,234', '完成']);
    expect(tile('按类别（发布 / 认领 / 完成）')).toEqual(['10 / 8 / 5', '党建创新', '20 / 15 / 9', '民生服务', '6 / 5 / 3', '公益', '4 / 3 / 1', '志愿服务']);
    expect(tile('按牵头方（认领 / 完成）')).toEqual(['20 / 12', '共建单位', '6 / 4', '志愿服务队', '1 / 1', '党代表', '3 / 1', '报到党员']);
    expect(tile('超期项目')).toEqual(['2 个', '截至今天已过截止日期、尚未完成的项目（不限发布时间）']);

    const children = within(section).getByRole('table', { name: '新罗区下级共建统计' });
    expect(within(children).getByText('7')).toBeInTheDocument();
    const units = within(section).getByRole('table', { name: '新罗区共建单位统计' });
    const hospital = within(units).getByText('龙岩市第一医院').closest('[role="row"]') as HTMLElement;
    expect(Array.from(hospital.querySelectorAll('[role="cell"]')).map((n) => n.textContent)).toEqual(['2', '5', '4']);
    // A unit has no figures of a node to open.
    expect(within(units).queryByRole('button', { name: /^查看/ })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: '查看东城街道的共建统计' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('orgId=dongcheng') });
  });

  it('offers the 共建台账 of the period shown', async () => {
    jest.mocked(downloadExport).mockResolvedValue('共建台账-新罗区.xlsx');
    render(<StatsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '导出共建台账' }));
    const sheet = within(screen.getByRole('dialog', { name: '导出台账' }));
    expect(sheet.getByText('将导出「新罗区」及其下各级2026年1月 – 2026年12月的共建台账。')).toBeInTheDocument();
    fireEvent.click(sheet.getByRole('button', { name: '导出' }));
    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith('partnership', { orgId: 'xinluo' }, '新罗区', { from: '2026-01', to: '2026-12' }),
    );
  });

  it('is not shown for a unit', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '第一医院' }]));
    render(<StatsPage />);
    await screen.findByText('总体情况');
    expect(screen.queryByText('结对共建')).not.toBeInTheDocument();
    expect(partnershipStats).not.toHaveBeenCalled();
  });
});
