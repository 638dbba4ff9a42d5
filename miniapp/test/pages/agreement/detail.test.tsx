import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AGREEMENT_ACTORS, AGREEMENT_STATES, type Agreement, type AgreementActor, type AgreementState } from '@huijia/shared';
import AgreementDetailPage from '../../../src/pages/agreement/detail/index';
import { acceptAgreement, declineAgreement, endAgreement, getAgreement, withdrawAgreement } from '../../../src/services/agreements';
import { taro, useRouter } from '../../support/taro';
import { anAgreement } from './fixtures';

jest.mock('../../../src/services/agreements', () => ({
  ...jest.requireActual<typeof import('../../../src/services/agreements')>('../../../src/services/agreements'),
  getAgreement: jest.fn(),
  acceptAgreement: jest.fn(),
  declineAgreement: jest.fn(),
  withdrawAgreement: jest.fn(),
  endAgreement: jest.fn(),
}));
const getAgreementMock = jest.mocked(getAgreement);

async function open(agreement: Agreement): Promise<void> {
  useRouter.mockReturnValue({ params: { id: agreement.id }, path: '/pages/agreement/detail/index' });
  getAgreementMock.mockResolvedValue(agreement);
  render(<AgreementDetailPage />);
  await screen.findByText(agreement.content);
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

/**
 * The rule, said plainly: the unit answers a proposed one (拒绝 | 接受), the community withdraws a
 * proposed one, either side ends an active one; the clock presses no button.
 */
function allowed(actors: readonly AgreementActor[], status: AgreementState): string[] {
  const unit = actors.includes('unit');
  const community = actors.includes('community');
  return [
    ...(unit && status === 'proposed' ? ['拒绝'] : []),
    ...(community && status === 'proposed' ? ['撤回'] : []),
    ...((unit || community) && status === 'active' ? ['终止'] : []),
    ...(unit && status === 'proposed' ? ['接受'] : []),
  ];
}

const subsets = AGREEMENT_ACTORS.reduce<AgreementActor[][]>((all, actor) => [...all, ...all.map((set) => [...set, actor])], [[]]);
const combinations = subsets.flatMap((actors) => AGREEMENT_STATES.map((status) => ({ actors, status })));

describe('the buttons on an agreement', () => {
  it.each(combinations)('are exactly those allowed to $actors on a $status one', async ({ actors, status }) => {
    await open(anAgreement({ viewerActors: actors, status, inForce: status === 'active' }));
    expect(buttonNames()).toEqual(allowed(actors, status));
  });
});

describe('the detail', () => {
  it('shows the term, what the unit brings and the history of a declined one', async () => {
    await open(anAgreement({ status: 'declined', decidedAt: '2026-11-22T02:00:00.000Z', reason: '本单位人手不足' }));
    expect(screen.getByText('2026年12月1日 至 2029年11月30日')).toBeInTheDocument();
    expect(screen.getByText('人员')).toBeInTheDocument();
    expect(screen.getByText('技能')).toBeInTheDocument();
    expect(screen.getByText('龙津社区 · 陈静')).toBeInTheDocument();
    expect(screen.getByText('单位拒绝时间')).toBeInTheDocument();
    expect(screen.getByText('本单位人手不足')).toBeInTheDocument();
  });

  it('says of an active one not yet begun that it is not in force', async () => {
    await open(anAgreement({ status: 'active', inForce: false, startsOn: '2099-01-01', endsOn: '2099-12-31', decidedAt: '2026-11-22T02:00:00.000Z' }));
    expect(screen.getByText('已生效 · 未到开始日期')).toBeInTheDocument();
    expect(screen.getByText('未生效')).toBeInTheDocument();
  });
});

describe('acting on an agreement', () => {
  it('接受 says what follows, and sends nothing when declined', async () => {
    await open(anAgreement({ viewerActors: ['unit'] }));
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '接受' }));

    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '接受后本单位与龙津社区结对共建，党员可向该社区报到。' })),
    );
    expect(acceptAgreement).not.toHaveBeenCalled();

    jest.mocked(acceptAgreement).mockResolvedValue(anAgreement({ status: 'active', inForce: true, decidedAt: '2026-11-22T02:00:00.000Z' }));
    fireEvent.click(screen.getByRole('button', { name: '接受' }));
    expect(await screen.findByText('已生效')).toBeInTheDocument();
    expect(acceptAgreement).toHaveBeenCalledWith('agreement-1');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('拒绝 asks why, with the shared rule for the reason', async () => {
    await open(anAgreement({ viewerActors: ['unit'] }));
    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));
    const sheet = screen.getByRole('dialog', { name: '拒绝共建协议' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认拒绝' }));
    expect(await within(sheet).findByText('请填写原因')).toBeInTheDocument();

    jest.mocked(declineAgreement).mockResolvedValue(anAgreement({ status: 'declined', reason: '人手不足', decidedAt: '2026-11-22T02:00:00.000Z' }));
    fireEvent.change(within(sheet).getByRole('textbox', { name: '拒绝原因（社区会看到）' }), { target: { value: '人手不足' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认拒绝' }));

    await waitFor(() => expect(declineAgreement).toHaveBeenCalledWith('agreement-1', '人手不足'));
    expect(await screen.findByText('单位已拒绝')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('撤回 is asked once more', async () => {
    await open(anAgreement({ viewerActors: ['community'] }));
    jest.mocked(withdrawAgreement).mockResolvedValue(anAgreement({ status: 'withdrawn', decidedAt: '2026-11-22T02:00:00.000Z' }));
    fireEvent.click(screen.getByRole('button', { name: '撤回' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回共建协议' })));
    expect(await screen.findByText('社区已撤回')).toBeInTheDocument();
  });

  it('终止 takes a reason and is asked once more, naming the pairing it ends', async () => {
    await open(anAgreement({ viewerActors: ['community'], status: 'active', inForce: true, decidedAt: '2026-11-22T02:00:00.000Z' }));
    fireEvent.click(screen.getByRole('button', { name: '终止' }));
    const sheet = screen.getByRole('dialog', { name: '终止共建协议' });
    fireEvent.change(within(sheet).getByRole('textbox', { name: '终止原因（双方都会看到）' }), { target: { value: '单位搬迁出本区' } });
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认终止' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringMatching(/^终止后龙岩市第一医院与龙津社区的结对关系解除/) })));
    expect(endAgreement).not.toHaveBeenCalled();

    jest.mocked(endAgreement).mockResolvedValue(
      anAgreement({ status: 'ended', reason: '单位搬迁出本区', decidedAt: '2026-11-22T02:00:00.000Z', endedAt: '2027-03-01T02:00:00.000Z' }),
    );
    fireEvent.click(within(sheet).getByRole('button', { name: '确认终止' }));
    await waitFor(() => expect(endAgreement).toHaveBeenCalledWith('agreement-1', '单位搬迁出本区'));
    expect(await screen.findByText('已终止')).toBeInTheDocument();
    expect(screen.getByText('单位搬迁出本区')).toBeInTheDocument();
  });
});
