import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { reportSchema } from '@huijia/shared';
import StaffReportsPage from '../../../src/pages/staff/reports/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { confirmReportByCode, listCommunityReports } from '../../../src/services/reports';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/reports');

const figures = { roster: 3, confirmed: 1, pending: 1, reportingRate: 1 / 3 };
const confirmed = reportSchema.parse({
  id: 'r-9', memberId: 'm-9', memberName: '邓伟', unitId: 'school', unitName: '新罗区实验小学', communityId: 'longjin', communityName: '龙津社区',
  basis: 'residence', status: 'confirmed', certificateIssued: true, rejectReason: null, transferOf: null,
  createdAt: '2026-12-01T02:00:00.000Z', decidedAt: '2026-12-06T02:00:00.000Z', endedAt: null, endReason: null,
});

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  jest.mocked(listCommunityReports).mockResolvedValue({ items: [], nextCursor: null, figures });
});

const codeBox = () => screen.getByRole('textbox', { name: '报到证编码' });
const confirmButton = () => screen.getByRole('button', { name: '确认报到' });

describe('报到名单: a code typed on the list confirms whoever holds it', () => {
  it('sends the code as the member shows it, says whose report it confirmed and reads the list again', async () => {
    jest.mocked(confirmReportByCode).mockResolvedValue(confirmed);
    render(<StaffReportsPage />);
    await screen.findByText('龙津社区 · 确认报到');

    typeInto(codeBox(), ' dema 2345 ');
    fireEvent.click(confirmButton());

    await waitFor(() => expect(confirmReportByCode).toHaveBeenCalledWith('longjin', 'DEMA2345'));
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已确认邓伟的报到' })));
    expect(codeBox()).toHaveValue('');
    expect(listCommunityReports).toHaveBeenCalledTimes(2);
  });

  it('refuses a code of the wrong shape under the box, sending nothing', async () => {
    render(<StaffReportsPage />);
    await screen.findByText('龙津社区 · 确认报到');
    typeInto(codeBox(), '12345');
    fireEvent.click(confirmButton());
    expect(await screen.findByText('报到证编码应为 8 位字母或数字')).toBeInTheDocument();
    expect(confirmReportByCode).not.toHaveBeenCalled();
  });

  it('says so when no report waiting here holds the code', async () => {
    jest.mocked(confirmReportByCode).mockRejectedValue(new ApiError(409, 'CERTIFICATE_INVALID', '报到证编码不正确或已使用'));
    render(<StaffReportsPage />);
    await screen.findByText('龙津社区 · 确认报到');
    typeInto(codeBox(), 'ABCDEFGH');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '报到证编码不正确或已使用' })));
  });
});
