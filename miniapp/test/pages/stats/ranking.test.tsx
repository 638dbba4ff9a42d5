import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { rankingSchema, type Ranking, type RankingRow, type RankingSubjects } from '@huijia/shared';
import BulletinPage from '../../../src/pages/stats/bulletin/index';
import RankingPage from '../../../src/pages/stats/ranking/index';
import { getMe } from '../../../src/services/me';
import { downloadRanking, ranking } from '../../../src/services/ranking';
import { saveSession } from '../../../src/services/session';
import { taro, useRouter } from '../../support/taro';
import { districtAdmin, someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/ranking');

const row = (rank: number, name: string, reportingRate: number, overrides: Partial<RankingRow> = {}): RankingRow => ({
  rank,
  id: name,
  name,
  parentName: '新罗区',
  expected: 10,
  reported: Math.round(reportingRate * 10),
  reportingRate,
  served: 0,
  serviceRate: 0,
  wishesCollected: 0,
  wishesCompleted: 0,
  completionRate: 0,
  ...overrides,
});

function answer(of: RankingSubjects, rows: RankingRow[], period = { from: '2026-11', to: '2026-11' }): Ranking {
  return rankingSchema.parse({
    subject: { id: 'xinluo', name: '新罗区', kind: 'district' },
    period,
    of,
    rows,
    reportingAsOf: '2026-11-30T02:00:00.000Z',
  });
}

const UNITS = [row(1, '龙岩市第一医院', 1), row(2, '安平单位', 0.5), row(2, '北辰单位', 0.5), row(4, '新罗区实验小学', 0.2)];
const COMMUNITIES = [row(1, '龙津社区', 1, { parentName: '东城街道' }), row(2, '溪南社区', 0.3, { parentName: '西城街道' })];

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(ranking).mockImplementation(async (query) => (query.of === 'units' ? answer('units', UNITS) : answer('communities', COMMUNITIES)));
});

describe('通报排名 ranks the units or the communities of the admin’s node', () => {
  it('shows the units in rank order, ties sharing a rank, and says the table scrolls sideways', async () => {
    render(<RankingPage />);
    expect(await screen.findByText('1. 龙岩市第一医院')).toBeInTheDocument();
    expect(screen.getByText('2. 安平单位')).toBeInTheDocument();
    expect(screen.getByText('2. 北辰单位')).toBeInTheDocument();
    expect(screen.getByText('4. 新罗区实验小学')).toBeInTheDocument();
    expect(screen.getByText(/可左右滑动查看各列/)).toBeInTheDocument();
    expect(ranking).toHaveBeenCalledWith(expect.objectContaining({ orgId: 'xinluo', of: 'units' }));
  });

  it('switches to the communities, downloads the same ranking as Excel and opens the 通报', async () => {
    render(<RankingPage />);
    await screen.findByText('1. 龙岩市第一医院');
    fireEvent.click(screen.getByRole('radio', { name: '社区' }));
    expect(await screen.findByText('2. 溪南社区')).toBeInTheDocument();
    expect(ranking).toHaveBeenLastCalledWith(expect.objectContaining({ orgId: 'xinluo', of: 'communities' }));

    jest.mocked(downloadRanking).mockResolvedValue('社区排名-新罗区.xlsx');
    fireEvent.click(screen.getByRole('button', { name: '下载 Excel' }));
    await waitFor(() => expect(downloadRanking).toHaveBeenCalledWith(expect.objectContaining({ orgId: 'xinluo', of: 'communities' }), '新罗区'));

    fireEvent.click(screen.getByRole('button', { name: '打印通报' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/stats\/bulletin\/index\?orgId=xinluo&name=/) });
  });

  it('tells someone who may not rank so, and asks nothing', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' }]));
    render(<RankingPage />);
    expect(await screen.findByText('只有街道和区管理员可以查看通报排名。')).toBeInTheDocument();
    expect(ranking).not.toHaveBeenCalled();
  });
});

describe('the 通报, laid out for A4', () => {
  beforeEach(() => {
    useRouter.mockReturnValue({ params: { orgId: 'xinluo', name: '新罗区', from: '2026-11', to: '2026-11' }, path: '/pages/stats/bulletin/index' });
  });

  it('heads with the node and the month, holds both rankings and names the last of each', async () => {
    render(<BulletinPage />);
    expect(await screen.findByText('新罗区在职党员双报到工作通报（2026年11月）')).toBeInTheDocument();
    expect(screen.getByText('一、各单位排名')).toBeInTheDocument();
    expect(screen.getByText('二、各社区排名')).toBeInTheDocument();
    expect(screen.getByText('三、排名后10位')).toBeInTheDocument();
    expect(screen.getByText('单位（共 4 个，全部列出）：')).toBeInTheDocument();
    expect(screen.getByText(/^第 4 名\s新罗区实验小学（新罗区）\s报到率 20%/)).toBeInTheDocument();
    expect(screen.getByText(/^第 2 名\s溪南社区（西城街道）\s报到率 30%/)).toBeInTheDocument();
    for (const of of ['units', 'communities'] as const) {
      expect(ranking).toHaveBeenCalledWith({ orgId: 'xinluo', of, from: '2026-11', to: '2026-11' });
    }
  });

  it('prints from the web build', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<BulletinPage />);
    await screen.findByText('新罗区在职党员双报到工作通报（2026年11月）');
    fireEvent.click(screen.getByRole('button', { name: '打印' }));
    expect(print).toHaveBeenCalledTimes(1);
  });
});
