import {
  addMonths,
  averageOf,
  completionRate,
  hoursOf,
  lastMonths,
  monthOf,
  monthsBetween,
  percent,
  periodOf,
  reportingRate,
  serviceRate,
} from '../src';

describe('the figures, by hand', () => {
  it('rates are shares to four places, 0 when there is nothing to divide by', () => {
    expect(reportingRate(6, 10)).toBe(0.6);
    expect(serviceRate(1, 3)).toBe(0.3333);
    expect(completionRate(2, 10)).toBe(0.2);
    expect(reportingRate(0, 0)).toBe(0);
    expect(percent(0.3333)).toBe('33.3%');
    expect(percent(1)).toBe('100%');
  });

  it('hours to one decimal, and a mean rating only when there is one', () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
    expect(averageOf(9, 2)).toBe(4.5);
    expect(averageOf(0, 0)).toBeNull();
  });
});

describe('months of the figures, in China time', () => {
  it('puts an instant in the month it is in Beijing', () => {
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
  });

  it('counts and steps months across years', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(lastMonths(new Date('2026-11-23T12:00:00Z'), 12)).toEqual({ from: '2025-12', to: '2026-11' });
  });

  it('fills a period asked with one end or none', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(periodOf({ from: '2026-01', to: '2026-03' }, now, 12)).toEqual({ from: '2026-01', to: '2026-03' });
    expect(periodOf({}, now, 12)).toEqual({ from: '2025-12', to: '2026-11' });
    expect(periodOf({ to: '2026-06' }, now, 12)).toEqual({ from: '2025-07', to: '2026-06' });
    expect(periodOf({ from: '2026-06' }, now, 12)).toEqual({ from: '2026-06', to: '2026-11' });
    expect(periodOf({ from: '2027-02' }, now, 12)).toEqual({ from: '2027-02', to: '2027-02' });
  });
});
