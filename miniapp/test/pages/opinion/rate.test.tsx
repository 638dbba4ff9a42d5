import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Opinion } from '@huijia/shared';
import MyOpinionsPage from '../../../src/pages/opinion/mine/index';
import { listOpinions, rateOpinion } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { taro } from '../../support/taro';
import { anOpinion } from './fixtures';

jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  listOpinions: jest.fn(),
  rateOpinion: jest.fn(),
}));

/** Resolved at 商议, waiting for the reporter's rating. */
const resolved = (overrides: Partial<Opinion> = {}) =>
  anOpinion({
    status: 'resolved',
    level: 'community',
    levelReached: 'community',
    reply: '已协调物业疏通排水管',
    resolvedAt: '2026-12-08T02:00:00.000Z',
    viewerActors: ['reporter'],
    ...overrides,
  });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
});

/** Opens 我的民情 with `opinion`, and its rating sheet. */
async function openSheet(opinion: Opinion): Promise<HTMLElement> {
  jest.mocked(listOpinions).mockResolvedValue({ items: [opinion], nextCursor: null });
  render(<MyOpinionsPage />);
  expect(await screen.findByText('已办结，请评价办理结果')).toBeInTheDocument();
  expect(listOpinions).toHaveBeenCalledWith(expect.objectContaining({ mine: true }));
  fireEvent.click(screen.getByRole('button', { name: '评价' }));
  return screen.getByRole('dialog', { name: '评价办理结果' });
}

const choose = (sheet: HTMLElement, option: string) =>
  fireEvent.click(within(within(sheet).getByRole('radiogroup', { name: '满意程度' })).getByRole('radio', { name: option }));

describe('我的民情', () => {
  it('shows each opinion’s path, and asks for a rating only of an unrated resolution', async () => {
    jest.mocked(listOpinions).mockResolvedValue({
      items: [
        anOpinion({ id: 'a', title: '路灯不亮', level: 'street', levelReached: 'street', viewerActors: ['reporter'] }),
        resolved({ id: 'b', title: '垃圾清运不及时', satisfaction: 'satisfied' }),
      ],
      nextCursor: null,
    });
    render(<MyOpinionsPage />);

    expect(await screen.findByText('提议 › 建议 › 商议 › 审议 · 街道党工委办理中')).toBeInTheDocument();
    expect(screen.getByText('提议 › 建议 › 商议 · 社区党委已办结')).toBeInTheDocument();
    expect(screen.getByText('您的评价：满意')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '评价' })).not.toBeInTheDocument();
  });
});

describe('the rating sheet', () => {
  it('warns that 不满意 sends it back once, when it has not been sent back before', async () => {
    const sheet = await openSheet(resolved());
    expect(within(sheet).queryByText(/退回/)).not.toBeInTheDocument();

    choose(sheet, '不满意');

    expect(within(sheet).getByText('选择「不满意」，这条民情将退回社区党委（商议）重新办理。每条民情只能退回一次。')).toBeInTheDocument();
    choose(sheet, '基本满意');
    expect(within(sheet).queryByText(/重新办理/)).not.toBeInTheDocument();
  });

  it('promises no reopening once it was reopened: 不满意 is then only recorded', async () => {
    const sheet = await openSheet(resolved({ reopened: true }));

    choose(sheet, '不满意');

    expect(within(sheet).queryByText(/只能退回一次/)).not.toBeInTheDocument();
    expect(within(sheet).getByText('这条民情已经重新办理过一次，这次评价将如实记录，不再退回。')).toBeInTheDocument();
  });

  it('needs a choice, then sends it with the comment, once', async () => {
    const sheet = await openSheet(resolved());
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));
    expect(await within(sheet).findByText('请选择您对办理结果的评价')).toBeInTheDocument();
    expect(rateOpinion).not.toHaveBeenCalled();

    choose(sheet, '基本满意');
    fireEvent.change(within(sheet).getByRole('textbox', { name: '评价（选填）' }), { target: { value: '排水好了，路面还有点脏' } });
    jest.mocked(rateOpinion).mockResolvedValue(resolved({ satisfaction: 'basically_satisfied', ratingComment: '排水好了，路面还有点脏' }));
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));
    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(rateOpinion).toHaveBeenCalledTimes(1);
    expect(rateOpinion).toHaveBeenCalledWith('opinion-1', 'basically_satisfied', '排水好了，路面还有点脏');
    expect(screen.getByText('您的评价：基本满意')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }));
  });

  it('says so when 不满意 sent it back to be handled again', async () => {
    const sheet = await openSheet(resolved());
    choose(sheet, '不满意');
    jest.mocked(rateOpinion).mockResolvedValue(
      anOpinion({ level: 'community', levelReached: 'community', reopened: true, viewerActors: ['reporter'] }),
    );

    fireEvent.click(within(sheet).getByRole('button', { name: '提交评价' }));

    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退回重新办理' })));
    expect(screen.getByText('提议 › 建议 › 商议 · 社区党委办理中')).toBeInTheDocument();
  });
});
