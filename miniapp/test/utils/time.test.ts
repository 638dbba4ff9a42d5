import { describeDeadline, formatClock, formatDate, formatDay, formatTime } from '../../src/utils/time';

// Local times: the tests build their instants the way the phone reads them.
const at = (month: number, day: number, hours = 9, minutes = 30, year = 2026) =>
  new Date(year, month - 1, day, hours, minutes).toISOString();
const NOW = new Date(2026, 10, 24, 9, 30);

describe('times as every page shows them', () => {
  it('writes a day, a clock and both, with the year only when it is not this one', () => {
    expect(formatDay(at(11, 4))).toBe('11月4日');
    expect(formatClock(at(11, 4, 7, 5))).toBe('07:05');
    expect(formatTime(at(11, 4, 7, 5), NOW)).toBe('11月4日 07:05');
    expect(formatTime(at(12, 31, 23, 59, 2025), NOW)).toBe('2025年12月31日 23:59');
    // A calendar day as kept (a term, a due date): with its year, as it may be years away.
    expect(formatDate('2029-11-30')).toBe('2029年11月30日');
  });

  it('says how far a deadline is, and marks it urgent when under two days or past', () => {
    expect(describeDeadline(at(11, 30), NOW)).toEqual({ text: '11月30日 09:30（还剩 6 天）', urgent: false });
    expect(describeDeadline(at(11, 25, 21, 30), NOW)).toEqual({ text: '11月25日 21:30（还剩 2 天）', urgent: true });
    expect(describeDeadline(at(11, 24, 12, 0), NOW)).toEqual({ text: '11月24日 12:00（还剩 3 小时）', urgent: true });
    expect(describeDeadline(at(11, 21), NOW)).toEqual({ text: '11月21日 09:30（已超期 3 天）', urgent: true });
  });

  it('counts part of a day as a day: a 7-day deadline set a minute ago has 7 days left', () => {
    expect(describeDeadline(at(12, 1, 9, 29), NOW).text).toBe('12月1日 09:29（还剩 7 天）');
  });
});
