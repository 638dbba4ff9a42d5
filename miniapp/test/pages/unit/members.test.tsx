import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { rosterMemberSchema, type RosterMember } from '@huijia/shared';
import UnitMembersPage from '../../../src/pages/unit/members/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { listReminders } from '../../../src/services/reminders';
import { saveSession } from '../../../src/services/session';
import { departRosterEntry, listUnitMembers } from '../../../src/services/units';
import { issueCertificate, viewCertificate } from '../../../src/services/reports';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';
import { someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/units');
jest.mock('../../../src/services/reports');
// 催报 on the same page: reminders.test.tsx.
jest.mock('../../../src/services/reminders');

function aMember(overrides: Partial<RosterMember> = {}): RosterMember {
  return rosterMemberSchema.parse({
    id: 'e1',
    name: '李志远',
    phone: '13900000101',
    branch: '内科党支部',
    reportId: 'r1',
    reportStatus: 'confirmed',
    communityName: '龙津社区',
    certificateIssuedAt: null,
    departedAt: null,
    departReason: null,
    transfer: null,
    ...overrides,
  });
}
const figures = { roster: 1, confirmed: 1, pending: 0, reportingRate: 1 };
const departed = aMember({ id: 'e2', name: '张退休', reportId: null, reportStatus: null, communityName: null, departedAt: '2026-11-03T02:00:00.000Z', departReason: '已退休，组织关系转出' });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }]));
  jest.mocked(listReminders).mockResolvedValue({ items: [], nextCursor: null });
  jest.mocked(listUnitMembers).mockImplementation((_unit, status) =>
    Promise.resolve({ items: status === 'departed' ? [departed] : [aMember()], nextCursor: null, figures }),
  );
});

const rowOf = async (name: string) => (await screen.findByText(name)).closest('.member-row') as HTMLElement;

describe('报到情况: 已离开 lists who left the roster, with when and why', () => {
  it('asks for departed members under its own tab, and offers them no steps', async () => {
    render(<UnitMembersPage />);
    await screen.findByText('李志远');

    fireEvent.click(screen.getByRole('tab', { name: '已离开' }));

    const row = await rowOf('张退休');
    expect(listUnitMembers).toHaveBeenLastCalledWith('hospital', 'departed', null);
    expect(within(row).getByText('已离开')).toBeInTheDocument();
    expect(within(row).getByText(/离开名册：已退休，组织关系转出$/)).toBeInTheDocument();
    expect(within(row).queryAllByRole('button')).toEqual([]);
  });
});

describe('报到情况: 离开名册 takes a reason and a confirmation', () => {
  it('asks for the reason, refuses one too short, sends it and reads the list again', async () => {
    jest.mocked(departRosterEntry).mockResolvedValue({ ...aMember(), departedAt: '2026-11-20T02:00:00.000Z', departReason: '调往外地工作', reportId: null, reportStatus: null });
    render(<UnitMembersPage />);
    const row = await rowOf('李志远');

    fireEvent.click(within(row).getByRole('button', { name: '离开名册' }));

    const sheet = screen.getByRole('dialog', { name: '李志远离开名册' });
    expect(within(sheet).getByText(/进行中的报到随之结束/)).toBeInTheDocument();
    const reason = within(sheet).getByRole('textbox', { name: '离开原因（党员本人会看到）' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认离开' }));
    expect(await within(sheet).findByText('请填写离开原因')).toBeInTheDocument();
    typeInto(reason, '走');
    fireEvent.click(within(sheet).getByRole('button', { name: '确认离开' }));
    expect(departRosterEntry).not.toHaveBeenCalled();

    typeInto(reason, ' 调往外地工作 ');
    fireEvent.click(within(sheet).getByRole('button', { name: '确认离开' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(departRosterEntry).toHaveBeenCalledWith('hospital', 'e1', '调往外地工作');
    expect(listUnitMembers).toHaveBeenCalledTimes(2);
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已离开名册' }));
  });

  it('sends nothing when the sheet is closed', async () => {
    render(<UnitMembersPage />);
    fireEvent.click(within(await rowOf('李志远')).getByRole('button', { name: '离开名册' }));

    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(departRosterEntry).not.toHaveBeenCalled();
  });

  it('says so when someone else had already taken the member off the roster, and shows the list as it is', async () => {
    jest.mocked(departRosterEntry).mockRejectedValue(new ApiError(409, 'ROSTER_ENTRY_DEPARTED', '该党员已离开名册'));
    render(<UnitMembersPage />);
    fireEvent.click(within(await rowOf('李志远')).getByRole('button', { name: '离开名册' }));
    typeInto(screen.getByRole('textbox', { name: '离开原因（党员本人会看到）' }), '调往外地工作');

    fireEvent.click(screen.getByRole('button', { name: '确认离开' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '该党员已离开名册' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(listUnitMembers).toHaveBeenCalledTimes(2);
  });
});

describe('报到情况: the 报到证 a member carries is never voided by accident', () => {
  const certificate = { code: 'DEMA2345', qr: 'data:image/png;base64,AA==', issuedAt: '2026-11-20T02:00:00.000Z' };
  const waiting = (issuedAt: string | null) => aMember({ reportStatus: 'pending_offline', certificateIssuedAt: issuedAt });
  const show = (member: RosterMember) => jest.mocked(listUnitMembers).mockResolvedValue({ items: [member], nextCursor: null, figures });

  it('offers 签发报到证 to one waiting without a code, at once, without a question', async () => {
    show(waiting(null));
    jest.mocked(issueCertificate).mockResolvedValue(certificate);
    render(<UnitMembersPage />);
    const row = await rowOf('李志远');
    expect(within(row).queryByRole('button', { name: '重新签发' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: '签发报到证' }));

    await screen.findByText('DEMA2345');
    expect(issueCertificate).toHaveBeenCalledWith('r1');
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('shows 已签发 · 查看 for one holding a code: it shows that code and issues nothing', async () => {
    show(waiting('2026-11-20T02:00:00.000Z'));
    jest.mocked(viewCertificate).mockResolvedValue(certificate);
    render(<UnitMembersPage />);
    const row = await rowOf('李志远');
    expect(within(row).queryByRole('button', { name: '签发报到证' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: '已签发 · 查看' }));

    expect(await screen.findByText('DEMA2345')).toBeInTheDocument();
    expect(viewCertificate).toHaveBeenCalledWith('r1');
    expect(issueCertificate).not.toHaveBeenCalled();
  });

  it('asks before 重新签发, saying the code the member carries stops working', async () => {
    show(waiting('2026-11-20T02:00:00.000Z'));
    jest.mocked(issueCertificate).mockResolvedValue({ ...certificate, code: 'NEWC2345' });
    render(<UnitMembersPage />);

    fireEvent.click(within(await rowOf('李志远')).getByRole('button', { name: '重新签发' }));

    await screen.findByText('NEWC2345');
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '重新签发报到证', content: expect.stringContaining('将作废') }));
    expect(issueCertificate).toHaveBeenCalledWith('r1');
  });
});
