import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me, MyReport } from '@huijia/shared';
import ReportPage from '../../../src/pages/report/index';
import { getMe } from '../../../src/services/me';
import { endReport, getReportOptions, transferReport, withdrawReport } from '../../../src/services/reports';
import { saveSession } from '../../../src/services/session';
import { aReportedMember } from '../../support/fixtures';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/reports');

/** 李明, reported at 龙津社区; with `report` changed as a step. */
function member(report: Partial<MyReport> = {}): Me {
  const me = aReportedMember();
  return { ...me, report: { ...me.report!, ...report } };
}

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(member());
});

describe('报到变动: a confirmed report follows its member', () => {
  it('ends the report with the reason picked, after saying what is handed back', async () => {
    jest.mocked(endReport).mockResolvedValue({} as never);
    render(<ReportPage />);
    fireEvent.click(await screen.findByText('退休、调离等：结束报到'));
    const end = screen.getByRole('button', { name: '结束报到' });
    expect(end).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click(screen.getByRole('radio', { name: /调离/ }));
    fireEvent.click(end);

    await waitFor(() => expect(endReport).toHaveBeenCalledWith('report-1', { reason: 'reassigned' }));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '结束报到', content: expect.stringContaining('交回社区') }));
  });

  it('sends a member whose home is still the same community to change it first', async () => {
    jest.mocked(getReportOptions).mockResolvedValue({ residence: { id: 'longjin', name: '龙津社区' }, pairedUnit: [] });
    render(<ReportPage />);
    fireEvent.click(await screen.findByText('搬家了：转移报到'));
    expect(await screen.findByText(/搬家后请先在「我的」中把居住社区改为新住址/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '去修改居住社区' })).toBeInTheDocument();
    expect(transferReport).not.toHaveBeenCalled();
  });

  it('asks to transfer to the community the member lives in now', async () => {
    jest.mocked(getReportOptions).mockResolvedValue({ residence: { id: 'zhongshan', name: '中山社区' }, pairedUnit: [] });
    jest.mocked(transferReport).mockResolvedValue(member().report!);
    render(<ReportPage />);
    fireEvent.click(await screen.findByText('搬家了：转移报到'));
    fireEvent.click(await screen.findByRole('button', { name: '申请转移报到' }));
    await waitFor(() => expect(transferReport).toHaveBeenCalledWith('report-1', { communityId: 'zhongshan', basis: 'residence' }));
  });

  it('shows a pending transfer, not the choices, and withdraws it', async () => {
    const transfer = { ...member().report!, id: 'report-2', status: 'pending_offline' as const, communityId: 'zhongshan', communityName: '中山社区', transferOf: 'report-1', transfer: undefined };
    jest.mocked(getMe).mockResolvedValue(member({ transfer: { ...transfer, certificate: null } }));
    jest.mocked(withdrawReport).mockResolvedValue({} as never);
    render(<ReportPage />);
    expect(await screen.findByText('转移报到申请中')).toBeInTheDocument();
    expect(screen.getByText(/新社区确认前，您仍在龙津社区报到/)).toBeInTheDocument();
    expect(screen.queryByText('搬家了：转移报到')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '撤回转移申请' }));
    await waitFor(() => expect(withdrawReport).toHaveBeenCalledWith('report-2'));
  });

  it('shows an ended report with its reason, and the form to report again', async () => {
    jest.mocked(getMe).mockResolvedValue(member({ status: 'ended', endReason: 'retired', endedAt: '2026-11-30T02:00:00.000Z' }));
    jest.mocked(getReportOptions).mockResolvedValue({ residence: { id: 'longjin', name: '龙津社区' }, pairedUnit: [] });
    render(<ReportPage />);
    expect(await screen.findByText('退休')).toBeInTheDocument();
    expect(screen.getByText('结束原因')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '提交报到' })).toBeInTheDocument();
  });
});
