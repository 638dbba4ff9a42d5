import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Activity, Attendance, AttendanceList } from '@huijia/shared';
import AttendancePage from '../../../src/pages/activity/attendance/index';
import { confirmAttendance, getActivity, getAttendance, strikeAttendance } from '../../../src/services/activities';
import { freezeClock } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { anAttendance, inPhase, NOW } from './fixtures';

jest.mock('../../../src/services/activities');

const ended = inPhase('ended', { viewerActors: ['organiser'], signedUp: 4 });

// The activity ran 09:00-11:00 (01:00Z-03:00Z) yesterday.
const items: Attendance[] = [
  anAttendance({ memberId: 'm1', memberName: '李明', checkedInAt: '2026-12-09T00:55:00.000Z', checkedOutAt: '2026-12-09T03:00:00.000Z', minutes: 120 }),
  anAttendance({ memberId: 'm2', memberName: '王芳', checkedInAt: '2026-12-09T01:25:00.000Z', checkedOutAt: null, noCheckout: true, minutes: 90 }),
  anAttendance({ memberId: 'm3', memberName: '张伟', checkedInAt: '2026-12-09T01:00:00.000Z', checkedOutAt: '2026-12-09T01:10:00.000Z', minutes: 0 }),
  anAttendance({ memberId: 'm4', memberName: '陈强', checkedInAt: '2026-12-09T01:00:00.000Z', checkedOutAt: '2026-12-09T02:00:00.000Z', minutes: 60, struckReason: '签到后离开，未参加' }),
  anAttendance({ memberId: 'm5', memberName: '赵磊', checkedInAt: null, checkedOutAt: null, minutes: 0 }),
];
const list = (rows: Attendance[]): AttendanceList => ({
  items: rows,
  attended: rows.filter((row) => row.checkedInAt && !row.struckReason).length,
  noShows: rows.filter((row) => !row.checkedInAt).length,
});

beforeEach(() => {
  freezeClock(NOW);
});
afterEach(() => {
  jest.useRealTimers();
});

async function open(activity: Activity, attendance: AttendanceList): Promise<void> {
  useRouter.mockReturnValue({ params: { id: activity.id }, path: '/pages/activity/attendance/index' });
  jest.mocked(getActivity).mockResolvedValue(activity);
  jest.mocked(getAttendance).mockResolvedValue(attendance);
  render(<AttendancePage />);
  await screen.findByText(activity.title);
}

const row = (name: string) => screen.getByText(name, { selector: '.act-att__name' }).closest('.act-att') as HTMLElement;

describe('the attendance list', () => {
  it('shows each member’s times and counted hours, the one who never checked out, the struck, and who did not come', async () => {
    await open(ended, list(items));

    expect(within(row('李明')).getByText('签到 00:55 · 签退 03:00')).toBeInTheDocument();
    expect(within(row('李明')).getByText('2 小时')).toBeInTheDocument();
    expect(within(row('王芳')).getByText('签到 01:25 · 未签退')).toBeInTheDocument();
    expect(within(row('王芳')).getByText('未签退，计至活动结束')).toBeInTheDocument();
    expect(within(row('王芳')).getByText('1.5 小时')).toBeInTheDocument();
    expect(within(row('陈强')).getByText('已剔除：签到后离开，未参加')).toBeInTheDocument();
    expect(within(row('陈强')).queryByRole('button', { name: '剔除' })).not.toBeInTheDocument();
    expect(screen.getByText('未到（1 人）')).toBeInTheDocument();
    expect(screen.getByText('赵磊')).toBeInTheDocument();
    expect(screen.getByText('签到 3 人 · 未到 1 人')).toBeInTheDocument();
  });

  it('totals what confirming will count: checked in, not struck, some time', async () => {
    await open(ended, list(items));
    const total = screen.getByText(/可计入/);
    expect(total).toHaveTextContent('可计入 2 人，共 3.5 小时');
  });

  it('confirms in one step, after a confirmation naming the records and hours, then reads only, with the records', async () => {
    await open(ended, list(items));
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '确认时长' }));

    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({
          title: '确认时长',
          content: '将为 2 名党员生成已核实的服务记录，共 3.5 小时，并计入积分。确认后不能再剔除或修改。',
        }),
      ),
    );
    expect(confirmAttendance).not.toHaveBeenCalled();

    const confirmed = { ...ended, status: 'confirmed' as const, confirmedAt: '2026-12-10T02:00:00.000Z' };
    jest.mocked(confirmAttendance).mockResolvedValue({ records: 2, minutes: 210, activity: confirmed });
    jest.mocked(getActivity).mockResolvedValue(confirmed);
    jest.mocked(getAttendance).mockResolvedValue(
      list(items.map((item) => (item.memberId === 'm1' ? { ...item, recordId: 'r1' } : item.memberId === 'm2' ? { ...item, recordId: 'r2' } : item))),
    );
    fireEvent.click(screen.getByRole('button', { name: '确认时长' }));

    expect(await screen.findByText('已记入服务记录（编号 r1）')).toBeInTheDocument();
    expect(confirmAttendance).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/已计入/)).toHaveTextContent('已计入 2 人，共 3.5 小时');
    expect(screen.queryByRole('button', { name: '确认时长' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '剔除' })).not.toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已生成 2 条服务记录' }));
  });

  it('strikes one attendance with a reason, after asking, and the totals follow', async () => {
    await open(ended, list(items));
    fireEvent.click(within(row('李明')).getByRole('button', { name: '剔除' }));
    const sheet = screen.getByRole('dialog', { name: '剔除李明的签到' });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认剔除' }));
    expect(await within(sheet).findByText('请填写原因')).toBeInTheDocument();

    jest.mocked(strikeAttendance).mockResolvedValue(list(items.map((item) => (item.memberId === 'm1' ? { ...item, struckReason: '代人签到' } : item))));
    fireEvent.change(within(sheet).getByRole('textbox', { name: '剔除原因' }), { target: { value: '代人签到' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认剔除' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '剔除李明的签到？这次签到将不计服务时长和积分，不能恢复。' })));
    expect(await screen.findByText('已剔除：代人签到')).toBeInTheDocument();
    expect(strikeAttendance).toHaveBeenCalledWith('7', 'm1', '代人签到');
    expect(screen.getByText(/可计入/)).toHaveTextContent('可计入 1 人，共 1.5 小时');
  });

  it('before the end, shows the list as it fills and offers no confirming nor striking', async () => {
    await open(inPhase('checkin', { viewerActors: ['organiser'] }), list(items.slice(0, 2)));
    expect(screen.getByText('活动结束后才能确认时长；签到名单会随签到更新。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '确认时长' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '剔除' })).not.toBeInTheDocument();
  });
});
