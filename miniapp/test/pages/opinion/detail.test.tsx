import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OPINION_ACTORS, OPINION_LEVELS, OPINION_STATES, type Opinion, type OpinionActor, type OpinionLevel, type OpinionState } from '@huijia/shared';
import OpinionDetailPage from '../../../src/pages/opinion/detail/index';
import { ApiError } from '../../../src/services/api';
import { closeOpinion, escalateOpinion, getOpinion, resolveOpinion, secondOpinion } from '../../../src/services/opinions';
import { taro, useRouter } from '../../support/taro';
import { anOpinion, aStep } from './fixtures';

jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  getOpinion: jest.fn(),
  resolveOpinion: jest.fn(),
  escalateOpinion: jest.fn(),
  closeOpinion: jest.fn(),
  secondOpinion: jest.fn(),
}));
const getOpinionMock = jest.mocked(getOpinion);

/** Opens 民情详情 for `opinion` and waits until it shows. */
async function open(opinion: Opinion): Promise<void> {
  useRouter.mockReturnValue({ params: { id: opinion.id }, path: '/pages/opinion/detail/index' });
  getOpinionMock.mockResolvedValue(opinion);
  render(<OpinionDetailPage />);
  await screen.findByText(opinion.title);
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

/** Who holds the level above each (上报 names them). */
const NEXT_HOLDER: Record<OpinionLevel, string | null> = {
  branch: '社区党委',
  community: '街道党工委',
  street: '党代表',
  representative: null,
};

/**
 * The rule, said plainly: a holder of an open one resolves, escalates (not above 呼吁) or closes;
 * a neighbour seconds an open one; the reporter rates a resolution. Steps aside before the step
 * forward.
 */
function allowed(actors: readonly OpinionActor[], status: OpinionState, level: OpinionLevel): string[] {
  const holder = actors.includes('holder') && status === 'open';
  const next = NEXT_HOLDER[level];
  return [
    ...(holder ? ['关闭'] : []),
    ...(holder && next ? [`上报${next}`] : []),
    ...(actors.includes('neighbour') && status === 'open' ? ['附议'] : []),
    ...(actors.includes('reporter') && status === 'resolved' ? ['评价'] : []),
    ...(holder ? ['办结'] : []),
  ];
}

const subsets = OPINION_ACTORS.reduce<OpinionActor[][]>((all, actor) => [...all, ...all.map((set) => [...set, actor])], [[]]);
const combinations = subsets.flatMap((actors) =>
  OPINION_STATES.flatMap((status) => OPINION_LEVELS.map((level) => ({ actors, status, level }))),
);

describe('the buttons on an opinion', () => {
  it.each(combinations)('are exactly those allowed to $actors on a $status one at $level', async ({ actors, status, level }) => {
    const opinion = anOpinion({ viewerActors: actors, status, level, levelReached: level });
    await open(opinion);
    expect(buttonNames()).toEqual(allowed(actors, status, level));
  });

  it('offer no 上报 at 呼吁, where there is no level above', async () => {
    await open(anOpinion({ viewerActors: ['holder'], level: 'representative', levelReached: 'representative' }));
    expect(buttonNames()).toEqual(['关闭', '办结']);
    expect(screen.queryByRole('button', { name: /上报/ })).not.toBeInTheDocument();
  });

  it('offer no second 附议 to one who seconded, and no second rating of a rated resolution', async () => {
    await open(anOpinion({ viewerActors: ['neighbour'], seconded: true, seconds: 3 }));
    expect(buttonNames()).toEqual([]);
    expect(screen.getByText('3 人（含您）')).toBeInTheDocument();
  });

  it('offer the reporter no rating once rated', async () => {
    await open(anOpinion({ viewerActors: ['reporter'], status: 'resolved', reply: '已疏通', satisfaction: 'satisfied' }));
    expect(buttonNames()).toEqual([]);
    expect(screen.getByText('满意')).toBeInTheDocument();
  });
});

describe('acting on an opinion', () => {
  it('上报 asks why, sends it to the next level and shows the opinion there, its path read afresh', async () => {
    await open(anOpinion({ viewerActors: ['holder'], history: [aStep()] }));
    const escalated = anOpinion({ level: 'community', levelReached: 'community', viewerActors: [] });
    jest.mocked(escalateOpinion).mockResolvedValue(escalated);
    getOpinionMock.mockResolvedValue({ ...escalated, history: [aStep(), aStep({ action: 'escalate', note: '需要社区协调物业', actorRole: '网格党支部' })] });

    fireEvent.click(screen.getByRole('button', { name: '上报社区党委' }));
    const sheet = screen.getByRole('dialog', { name: '上报社区党委（商议）' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认上报' }));
    expect(await within(sheet).findByText('请填写原因')).toBeInTheDocument();
    fireEvent.change(within(sheet).getByRole('textbox', { name: '上报原因和本级意见' }), { target: { value: '需要社区协调物业' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认上报' }));

    await waitFor(() => expect(escalateOpinion).toHaveBeenCalledWith(expect.objectContaining({ id: 'opinion-1', level: 'branch' }), '需要社区协调物业'));
    expect(await screen.findByText('建议 · 上报')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '办结' })).not.toBeInTheDocument();
    expect(getOpinionMock).toHaveBeenCalledTimes(2);
  });

  it('关闭 is asked once more, being final, and sends nothing when declined', async () => {
    await open(anOpinion({ viewerActors: ['holder'] }));
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    const sheet = screen.getByRole('dialog', { name: '关闭民情' });
    expect(within(sheet).getByText(/关闭是最终的/)).toBeInTheDocument();
    fireEvent.change(within(sheet).getByRole('textbox', { name: '关闭原因（反映人会看到）' }), { target: { value: '与 12 号民情重复' } });
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(within(sheet).getByRole('button', { name: '确认关闭' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '关闭民情' })));
    expect(closeOpinion).not.toHaveBeenCalled();

    jest.mocked(closeOpinion).mockResolvedValue(anOpinion({ status: 'closed', closedReason: '与 12 号民情重复', history: [aStep()] }));
    fireEvent.click(within(sheet).getByRole('button', { name: '确认关闭' }));
    await waitFor(() => expect(closeOpinion).toHaveBeenCalledWith(expect.objectContaining({ id: 'opinion-1', level: 'branch' }), '与 12 号民情重复'));
    expect(await screen.findByText('关闭原因')).toBeInTheDocument();
    expect(buttonNames()).toEqual([]);
  });

  it('办结 needs what was done, which the page then shows', async () => {
    await open(anOpinion({ viewerActors: ['holder'], level: 'street', levelReached: 'street' }));
    fireEvent.click(screen.getByRole('button', { name: '办结' }));
    const sheet = screen.getByRole('dialog', { name: '办结' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认办结' }));
    expect(await within(sheet).findByText('请说明办理结果')).toBeInTheDocument();
    expect(resolveOpinion).not.toHaveBeenCalled();

    jest.mocked(resolveOpinion).mockResolvedValue(
      anOpinion({ status: 'resolved', level: 'street', levelReached: 'street', reply: '已协调市政疏通排水管', resolvedAt: '2026-12-08T02:00:00.000Z', history: [aStep()] }),
    );
    fireEvent.change(within(sheet).getByRole('textbox', { name: '办理结果（反映人和社区居民会看到）' }), { target: { value: '已协调市政疏通排水管' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认办结' }));

    // Gone with its sheet, the reply typed there now stands as the page's 办理结果.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('已协调市政疏通排水管')).toBeInTheDocument();
    expect(resolveOpinion).toHaveBeenCalledWith(expect.objectContaining({ id: 'opinion-1', level: 'street' }), '已协调市政疏通排水管');
    expect(screen.getByText('街道党工委')).toBeInTheDocument();
  });

  it('a holder beaten to it by another (409) is told so and shown the opinion as it is now', async () => {
    await open(anOpinion({ viewerActors: ['holder'] }));
    jest.mocked(resolveOpinion).mockRejectedValue(new ApiError(409, 'OPINION_STATE_CONFLICT', '该民情当前状态不能进行此操作'));
    getOpinionMock.mockResolvedValue(anOpinion({ level: 'community', levelReached: 'community', viewerActors: [] }));

    fireEvent.click(screen.getByRole('button', { name: '办结' }));
    fireEvent.change(screen.getByRole('textbox', { name: '办理结果（反映人和社区居民会看到）' }), { target: { value: '已疏通' } });
    fireEvent.click(screen.getByRole('button', { name: '确认办结' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '该民情当前状态不能进行此操作' })));
    await waitFor(() => expect(screen.queryByRole('button', { name: '办结' })).not.toBeInTheDocument());
    expect(screen.getByText('商议 · 社区党委', { selector: '.wish-card__role' })).toBeInTheDocument();
  });

  it('附议 is sent once, and the count follows', async () => {
    await open(anOpinion({ viewerActors: ['neighbour'], seconds: 2, description: undefined, photos: undefined }));
    jest.mocked(secondOpinion).mockResolvedValue(anOpinion({ viewerActors: ['neighbour'], seconds: 3, seconded: true, history: [aStep()] }));

    fireEvent.click(screen.getByRole('button', { name: '附议' }));
    fireEvent.click(screen.getByRole('button', { name: '附议' }));

    expect(await screen.findByText('3 人（含您）')).toBeInTheDocument();
    expect(secondOpinion).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: '附议' })).not.toBeInTheDocument();
  });
});

describe('what the detail shows', () => {
  it('the whole path with level, step, note, role and time, and names only where given', async () => {
    await open(
      anOpinion({
        status: 'resolved',
        level: 'community',
        levelReached: 'community',
        reply: '已疏通',
        history: [
          aStep(),
          aStep({ action: 'escalate', level: 'branch', note: '需要社区协调物业', actorRole: '网格党支部', at: '2026-12-07T02:00:00.000Z' }),
          aStep({ action: 'resolve', level: 'community', note: '已疏通', actorRole: '社区党委', actorName: '张丽华', at: '2026-12-08T02:00:00.000Z' }),
        ],
      }),
    );
    expect(screen.getByText('提议')).toBeInTheDocument();
    expect(screen.getByText('建议 · 上报')).toBeInTheDocument();
    expect(screen.getByText('网格党支部')).toBeInTheDocument();
    expect(screen.getByText('需要社区协调物业')).toBeInTheDocument();
    expect(screen.getByText('商议 · 办结')).toBeInTheDocument();
    expect(screen.getByText('社区党委 张丽华')).toBeInTheDocument();
    expect(screen.getByText('12月8日 02:00')).toBeInTheDocument();
  });

  it('a neighbour’s view: no description, no reporter, no contact', async () => {
    await open(anOpinion({ viewerActors: ['neighbour'], description: undefined, photos: undefined }));
    expect(screen.queryByText('反映人')).not.toBeInTheDocument();
    expect(screen.queryByText('联系方式')).not.toBeInTheDocument();
  });

  it('an overdue one says so in red', async () => {
    await open(anOpinion({ viewerActors: ['holder'], overdue: true, dueAt: '2026-12-01T02:00:00.000Z' }));
    expect(screen.getByText('超期')).toHaveClass('wish-tag--overdue');
    expect(screen.getByText(/已超期/)).toHaveClass('wish-row__value--urgent');
  });

  it('the reporter’s contact, and a collected one’s source person, where the API gives them', async () => {
    await open(anOpinion({ source: 'collected', reporterName: '李明', raisedBy: { name: '王大爷', phone: null }, contactPhone: '13900000201' }));
    expect(screen.getByText('13900000201')).toBeInTheDocument();
    expect(screen.getByText('王大爷')).toBeInTheDocument();
    expect(screen.getByText('走访收集的反映人，仅工作人员可见')).toBeInTheDocument();
  });
});
