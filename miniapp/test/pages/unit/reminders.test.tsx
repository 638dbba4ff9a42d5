import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { reminderDay, reminderSchema, type Reminder, type ReportingFigures } from '@huijia/shared';
import { OrgReminders, orgReminderOutcome } from '../../../src/pages/admin/units/reminders';
import UnitMembersPage from '../../../src/pages/unit/members/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { downloadReminderList, listReminders, remindUnit, remindUnitsBelow } from '../../../src/services/reminders';
import { saveSession } from '../../../src/services/session';
import { listUnitMembers } from '../../../src/services/units';
import { taro } from '../../support/taro';
import { district, someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/units');
jest.mock('../../../src/services/reminders');

const DAY_MS = 24 * 60 * 60 * 1000;
const today = () => reminderDay(new Date());
const yesterday = () => reminderDay(new Date(Date.now() - DAY_MS));

function aReminder(overrides: Partial<Reminder> = {}): Reminder {
  return reminderSchema.parse({
    id: 'm1',
    unitId: 'hospital',
    unitName: '龙岩市第一医院',
    day: yesterday(),
    sentAt: new Date(Date.now() - DAY_MS).toISOString(),
    sentByName: '郑明辉',
    reminded: 2,
    withoutAccount: 1,
    ...overrides,
  });
}

/** 5 on the roster, 2 confirmed: 3 to remind (the one waiting for the offline step among them). */
let figures: ReportingFigures;
let history: Reminder[];

beforeEach(() => {
  figures = { roster: 5, confirmed: 2, pending: 1, reportingRate: 0.4 };
  history = [];
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }]));
  jest.mocked(listUnitMembers).mockImplementation(() => Promise.resolve({ items: [], nextCursor: null, figures }));
  jest.mocked(listReminders).mockImplementation(() => Promise.resolve({ items: history, nextCursor: null }));
});

/** The 催报 card of the page, by its title. */
const card = async () => (await screen.findByText('催报')).closest('.reminders') as HTMLElement;
const remindButton = async (name: string | RegExp) => within(await card()).findByRole('button', { name });

describe('报到情况: 一键催报', () => {
  it('says how many it will remind, asks first, sends, says what it did, and is spent for the day', async () => {
    render(<UnitMembersPage />);
    const button = await remindButton('一键催报（3 人未报到）');
    expect(button).toBeEnabled();
    const sent = aReminder({ id: 'm2', day: today(), sentAt: new Date().toISOString() });
    jest.mocked(remindUnit).mockImplementation(() => {
      history = [sent];
      return Promise.resolve(sent);
    });

    fireEvent.click(button);

    await waitFor(() => expect(remindUnit).toHaveBeenCalledWith('hospital'));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '一键催报', content: expect.stringContaining('3 名未报到的党员') }));
    expect(await screen.findByText('已提醒 2 人（站内消息），1 人尚未注册，请导出名单电话联系')).toBeInTheDocument();
    expect(await remindButton('今日已催报')).toBeDisabled();
    expect(listReminders).toHaveBeenCalledTimes(2);
    expect(within(await card()).getByText(today())).toBeInTheDocument();
  });

  it('sends nothing when the question is declined', async () => {
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    render(<UnitMembersPage />);
    fireEvent.click(await remindButton(/^一键催报（/));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalled());
    expect(remindUnit).not.toHaveBeenCalled();
  });

  it("reads the latest reminder's day: today's spends the button, yesterday's does not", async () => {
    history = [aReminder({ day: today() })];
    const { unmount } = render(<UnitMembersPage />);
    expect(await remindButton('今日已催报')).toBeDisabled();
    unmount();

    history = [aReminder({ day: yesterday() })];
    render(<UnitMembersPage />);
    expect(await remindButton('一键催报（3 人未报到）')).toBeEnabled();
  });

  it('has nothing to do when everyone on the roster has reported', async () => {
    figures = { roster: 2, confirmed: 2, pending: 0, reportingRate: 1 };
    render(<UnitMembersPage />);
    expect(await remindButton('全部已报到')).toBeDisabled();
  });

  it('someone else reminded first (409): says so and shows the day spent', async () => {
    jest.mocked(remindUnit).mockImplementation(() => {
      history = [aReminder({ day: today(), sentByName: '陈建国' })];
      return Promise.reject(new ApiError(409, 'REMINDED_TODAY', '今天已催报过，请明天再试'));
    });
    render(<UnitMembersPage />);
    fireEvent.click(await remindButton(/^一键催报（/));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '今天已催报过，请明天再试' })));
    expect(await remindButton('今日已催报')).toBeDisabled();
  });

  it('lists the past reminders, each exporting its own list', async () => {
    const older = aReminder({ id: 'm0', day: '2026-11-30', reminded: 4, withoutAccount: 0 });
    history = [aReminder(), older];
    jest.mocked(downloadReminderList).mockResolvedValue('催报名单.xlsx');
    render(<UnitMembersPage />);
    const rows = await waitFor(() => {
      const found = Array.from((screen.getByText('催报记录').parentElement as HTMLElement).querySelectorAll('.reminder-row')) as HTMLElement[];
      expect(found).toHaveLength(2);
      return found;
    });
    expect(within(rows[1]!).getByText('郑明辉 · 已提醒 4 人（站内消息）')).toBeInTheDocument();

    fireEvent.click(within(rows[1]!).getByText('导出名单'));

    await waitFor(() => expect(downloadReminderList).toHaveBeenCalledWith(older, '龙岩市第一医院'));
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已导出' }));
  });
});

describe("单位管理: a district's 一键催报", () => {
  it('asks first, then says how many units and members it reached and which it skipped', async () => {
    jest.mocked(remindUnitsBelow).mockResolvedValue({ units: 3, skipped: 1, reminded: 12, withoutAccount: 2 });
    render(<OrgReminders node={district()} />);

    fireEvent.click(screen.getByRole('button', { name: '一键催报' }));

    await waitFor(() => expect(remindUnitsBelow).toHaveBeenCalledWith('xinluo'));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('「新罗区」及其下登记的每个单位') }));
    expect(await screen.findByText('已为 3 个单位催报，站内提醒 12 人；2 人尚未注册，各单位可导出催报名单电话联系；1 个单位今天已催报过，已跳过。')).toBeInTheDocument();
  });

  it('says when there was nobody to remind, and when every unit had been reminded today', () => {
    expect(orgReminderOutcome({ units: 0, skipped: 0, reminded: 0, withoutAccount: 0 })).toBe('没有需要催报的单位：各单位名册中的党员都已报到。');
    expect(orgReminderOutcome({ units: 0, skipped: 4, reminded: 0, withoutAccount: 0 })).toBe('没有新催报的单位；4 个单位今天已催报过，已跳过。');
  });
});
