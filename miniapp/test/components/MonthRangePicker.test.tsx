import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { type MonthRange, MonthRangePicker, monthRangeText } from '../../src/components/MonthRangePicker';
import { freezeClock, pick } from '../support/helpers';

beforeEach(() => {
  // 20 November 2026 in China.
  freezeClock(new Date('2026-11-20T04:00:00.000Z'));
});

afterEach(() => {
  jest.useRealTimers();
});

/** The picker on a page that keeps the range it is given; `changes` are what the page was told. */
function renderPicker(initial: MonthRange, options: { disabled?: boolean } = {}) {
  const changes: MonthRange[] = [];
  function Page() {
    const [range, setRange] = useState(initial);
    return (
      <MonthRangePicker
        value={range}
        maxMonths={24}
        disabled={options.disabled}
        onChange={(next) => {
          changes.push(next);
          setRange(next);
        }}
      />
    );
  }
  render(<Page />);
  return changes;
}

const preset = (label: string) => within(screen.getByRole('radiogroup', { name: '快捷选择' })).getByRole('radio', { name: label });
const picker = (label: string) => screen.getByRole('button', { name: new RegExp(`^${label}：`) });

describe('MonthRangePicker presets', () => {
  it('marks the preset the range is', () => {
    renderPicker({ from: '2026-09', to: '2026-11' });
    expect(preset('近3个月')).toHaveAttribute('aria-checked', 'true');
    expect(preset('本月')).toHaveAttribute('aria-checked', 'false');
  });

  it.each([
    ['本月', { from: '2026-11', to: '2026-11' }],
    ['近3个月', { from: '2026-09', to: '2026-11' }],
    ['近12个月', { from: '2025-12', to: '2026-11' }],
    ['今年', { from: '2026-01', to: '2026-11' }],
  ])('%s chooses whole months up to this one', (label, range) => {
    const changes = renderPicker({ from: '2024-01', to: '2024-06' });
    fireEvent.click(preset(label));
    expect(changes).toEqual([range]);
    expect(preset(label)).toHaveAttribute('aria-checked', 'true');
    expect(picker('起始月份')).toHaveAccessibleName(`起始月份：${range.from}`);
  });

  it('does not tell the page again about the range it already has', () => {
    const changes = renderPicker({ from: '2026-11', to: '2026-11' });
    fireEvent.click(preset('本月'));
    expect(changes).toEqual([]);
  });

  it('marks no preset for a range picked by hand', () => {
    renderPicker({ from: '2026-02', to: '2026-05' });
    expect(screen.getAllByRole('radio').filter((chip) => chip.getAttribute('aria-checked') === 'true')).toEqual([]);
  });
});

describe('MonthRangePicker ranges picked by hand', () => {
  it('passes on a start and an end picked apart', () => {
    const changes = renderPicker({ from: '2026-09', to: '2026-11' });
    pick(picker('起始月份'), '2026-03');
    pick(picker('结束月份'), '2026-08');
    expect(changes).toEqual([
      { from: '2026-03', to: '2026-11' },
      { from: '2026-03', to: '2026-08' },
    ]);
  });

  it('refuses a start after the end, says why, and keeps the last good range', () => {
    const changes = renderPicker({ from: '2026-01', to: '2026-06' });
    pick(picker('起始月份'), '2026-08');
    expect(screen.getByText('起始月份不能晚于结束月份')).toBeInTheDocument();
    expect(changes).toEqual([]);
  });

  it('refuses a range over 24 months, and takes exactly 24', () => {
    const changes = renderPicker({ from: '2025-01', to: '2026-11' });
    pick(picker('起始月份'), '2024-11');
    expect(screen.getByText('最长可选 24 个月')).toBeInTheDocument();
    expect(changes).toEqual([]);

    pick(picker('起始月份'), '2024-12');
    expect(screen.queryByText('最长可选 24 个月')).not.toBeInTheDocument();
    expect(changes).toEqual([{ from: '2024-12', to: '2026-11' }]);
  });

  it('passes the range on once the other end makes it valid', () => {
    const changes = renderPicker({ from: '2026-01', to: '2026-06' });
    pick(picker('起始月份'), '2026-08');
    pick(picker('结束月份'), '2026-10');
    expect(screen.queryByText('起始月份不能晚于结束月份')).not.toBeInTheDocument();
    expect(changes).toEqual([{ from: '2026-08', to: '2026-10' }]);
  });

  it('changes nothing while disabled', () => {
    const changes = renderPicker({ from: '2026-01', to: '2026-06' }, { disabled: true });
    fireEvent.click(preset('本月'));
    pick(picker('起始月份'), '2026-03');
    expect(changes).toEqual([]);
  });
});

describe('monthRangeText', () => {
  it('says a range, or one month alone', () => {
    expect(monthRangeText({ from: '2025-12', to: '2026-11' })).toBe('2025年12月 – 2026年11月');
    expect(monthRangeText({ from: '2026-03', to: '2026-03' })).toBe('2026年3月');
  });
});
