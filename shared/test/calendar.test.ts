import { chinaDayStart, chinaToday, onChinaClock, termEnd } from '../src/domain/calendar';

describe("China's calendar", () => {
  it("reads the day in China, which begins at 16:00 UTC of the day before", () => {
    expect(chinaToday(new Date('2026-12-06T15:59:59.999Z'))).toBe('2026-12-06');
    expect(chinaToday(new Date('2026-12-06T16:00:00.000Z'))).toBe('2026-12-07');
    expect(chinaDayStart('2026-12-07').toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(onChinaClock(new Date('2026-12-06T01:30:00Z')).slice(0, 16)).toBe('2026-12-06T09:30');
  });

  it('ends a term on the day before its anniversary, or the month\'s last day when the anniversary has none', () => {
    expect(termEnd('2026-12-01', 3)).toBe('2029-11-30');
    expect(termEnd('2026-01-01', 1)).toBe('2026-12-31');
    expect(termEnd('2025-03-01', 3)).toBe('2028-02-29');
    expect(termEnd('2024-03-01', 1)).toBe('2025-02-28');
    expect(termEnd('2028-02-29', 1)).toBe('2029-02-28');
    expect(termEnd('2028-02-29', 4)).toBe('2032-02-28');
  });
});
