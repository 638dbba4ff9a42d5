import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ServiceRecord } from '@huijia/shared';
import RecordFormPage from '../../../src/pages/record/new/index';
import { loadSources } from '../../../src/pages/record/new/sources';
import { getMe } from '../../../src/services/me';
import { logRecord } from '../../../src/services/records';
import { saveSession } from '../../../src/services/session';
import { aRecord, aReportedMember, aResident } from '../../support/fixtures';
import { HALF_HOURS } from '../../../src/components/service/HalfHourField';
import { deferred, freezeClock, pick, typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/records');
jest.mock('../../../src/pages/record/new/sources');
const logRecordMock = jest.mocked(logRecord);

const SOURCES = ['服务岗位 · 楼道巡查', '集体活动', '其他'];

beforeEach(() => {
  // 20 November 2026, 10:10 local time: a new form proposes 08:00-10:00 that day.
  freezeClock(new Date(2026, 10, 20, 10, 10));
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aReportedMember());
  jest.mocked(loadSources).mockResolvedValue([
    { type: 'post', id: 'post-1', label: SOURCES[0]! },
    { type: 'activity', label: SOURCES[1]! },
    { type: 'other', label: SOURCES[2]! },
  ]);
});

afterEach(() => {
  jest.useRealTimers();
});

async function openForm(): Promise<void> {
  render(<RecordFormPage />);
  await screen.findByRole('button', { name: '提交服务记录' });
}

const picker = (label: string) => screen.getByRole('button', { name: new RegExp(`^${label}：`) });
/** Picks `HH:mm` from a time field's half hours. */
const pickTime = (label: string, time: string) => pick(picker(label), HALF_HOURS.indexOf(time));
const submitButton = () => screen.getByRole('button', { name: '提交服务记录' });
const at = (hours: number, minutes = 0) => new Date(2026, 10, 20, hours, minutes).toISOString();

function fillIn(): void {
  pick(picker('服务来源'), 0);
  typeInto(screen.getByRole('textbox', { name: '服务内容' }), '巡查 3 栋楼道，清理杂物 2 处');
  typeInto(screen.getByRole('textbox', { name: '服务对象（选填）' }), ' 阳光花园 3 栋居民 ');
}

describe('the service record form', () => {
  it('proposes the last two whole hours and counts them', async () => {
    await openForm();
    expect(picker('服务日期')).toHaveAccessibleName('服务日期：2026-11-20');
    expect(picker('开始时间')).toHaveAccessibleName('开始时间：08:00');
    expect(picker('结束时间')).toHaveAccessibleName('结束时间：10:00');
    expect(screen.getByText('计入服务时长 2 小时（按半小时计，单次最多 8 小时）')).toBeInTheDocument();
  });

  it('says what is missing when nothing is chosen or written, and sends nothing', async () => {
    await openForm();

    fireEvent.click(submitButton());

    expect(await screen.findByText('请选择服务对应的岗位、心愿或结对')).toBeInTheDocument();
    expect(screen.getByText('请描述服务内容')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请检查标红的内容' }));
    expect(logRecordMock).not.toHaveBeenCalled();
  });

  it.each([
    ['an end before the start', '10:30', '10:00', '结束时间须晚于开始时间'],
    ['more than 8 hours', '01:00', '09:30', '单次服务不超过 8 小时'],
    ['an end later than now', '09:00', '11:00', '结束时间不能晚于现在'],
  ])('refuses %s as soon as it is picked, and on sending', async (_case, start, end, message) => {
    await openForm();
    fillIn();

    pickTime('开始时间', start);
    pickTime('结束时间', end);
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/^计入服务时长/)).not.toBeInTheDocument();

    fireEvent.click(submitButton());
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请检查标红的内容' })));
    expect(logRecordMock).not.toHaveBeenCalled();
  });

  it('sends a valid record once, with the session as instants, and cannot be sent twice', async () => {
    await openForm();
    fillIn();
    pickTime('开始时间', '08:30');
    expect(screen.getByText('计入服务时长 1.5 小时（按半小时计，单次最多 8 小时）')).toBeInTheDocument();
    const answer = deferred<ServiceRecord>();
    logRecordMock.mockReturnValue(answer.promise);

    fireEvent.click(submitButton());

    await waitFor(() => expect(submitButton()).toBeDisabled());
    fireEvent.click(submitButton());
    expect(logRecordMock).toHaveBeenCalledTimes(1);
    expect(logRecordMock).toHaveBeenCalledWith({
      source: { type: 'post', id: 'post-1' },
      startedAt: at(8, 30),
      endedAt: at(10),
      content: '巡查 3 栋楼道，清理杂物 2 处',
      beneficiary: '阳光花园 3 栋居民',
    });
    // While it is sent, the pickers do not change what is being sent.
    pickTime('开始时间', '09:00');
    expect(picker('开始时间')).toHaveAccessibleName('开始时间：08:30');

    answer.resolve(aRecord());
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，待社区核实' })));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/record/mine/index' }), { timeout: 3000 });
  });

  it('sends a session with no one thing behind it (集体活动) without an id', async () => {
    await openForm();
    fillIn();
    pick(picker('服务来源'), 1);
    logRecordMock.mockResolvedValue(aRecord({ source: { type: 'activity', id: null, title: null } }));

    fireEvent.click(submitButton());

    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled(), { timeout: 3000 });
    expect(logRecordMock).toHaveBeenCalledTimes(1);
    const body = logRecordMock.mock.calls[0]?.[0];
    expect(body?.source.type).toBe('activity');
    expect(body?.source.id).toBeUndefined();
  });

  it('asks a member without a confirmed report to report first, with no form', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<RecordFormPage />);

    expect(await screen.findByText(/请先完成社区报到/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提交服务记录' })).not.toBeInTheDocument();
    // The lock says where it opens.
    fireEvent.click(screen.getByRole('button', { name: '去社区报到' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index' });
  });
});

describe('an unsent service record', () => {
  it('is kept as a draft, restored when the form is opened again, and gone once sent', async () => {
    await openForm();
    fillIn();
    pickTime('开始时间', '08:30');
    cleanup();

    await openForm();
    expect(picker('服务来源')).toHaveAccessibleName(`服务来源：${SOURCES[0]}`);
    expect(picker('开始时间')).toHaveAccessibleName('开始时间：08:30');
    expect(screen.getByRole('textbox', { name: '服务内容' })).toHaveValue('巡查 3 栋楼道，清理杂物 2 处');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));

    logRecordMock.mockResolvedValue(aRecord());
    fireEvent.click(submitButton());
    await waitFor(() => expect(logRecordMock).toHaveBeenCalledTimes(1));
    cleanup();

    await openForm();
    expect(screen.getByRole('textbox', { name: '服务内容' })).toHaveValue('');
  });

  it('is not shown to another account on this phone', async () => {
    await openForm();
    fillIn();
    cleanup();

    const other = aReportedMember();
    jest.mocked(getMe).mockResolvedValue({ ...other, user: { ...other.user, id: 'someone-else' } });
    await openForm();
    expect(screen.getByRole('textbox', { name: '服务内容' })).toHaveValue('');
  });
});
