import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { lastMonths, monthOf, monthsBetween } from '@huijia/shared';
import { PickerField } from '../service/PickerField';
import { Chips } from '../wish/Chips';
import './index.css';

/** Whole months, `YYYY-MM`, both ends included. */
export interface MonthRange {
  from: string;
  to: string;
}

type Preset = 'this_month' | 'last_3' | 'last_12' | 'this_year';

const PRESET_LABELS: Record<Preset, string> = {
  this_month: '本月',
  last_3: '近3个月',
  last_12: '近12个月',
  this_year: '今年',
};

function presetRange(preset: Preset, now: Date): MonthRange {
  switch (preset) {
    case 'this_month':
      return lastMonths(now, 1);
    case 'last_3':
      return lastMonths(now, 3);
    case 'last_12':
      return lastMonths(now, 12);
    case 'this_year': {
      const to = monthOf(now);
      return { from: `${to.slice(0, 4)}-01`, to };
    }
  }
}

const PRESETS = Object.keys(PRESET_LABELS) as Preset[];

/** "2025年12月 – 2026年11月", or one month alone. */
export function monthRangeText({ from, to }: MonthRange): string {
  const text = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
  return from === to ? text(from) : `${text(from)} – ${text(to)}`;
}

interface MonthRangePickerProps {
  value: MonthRange;
  onChange: (range: MonthRange) => void;
  /** The longest range that may be chosen, in months. */
  maxMonths: number;
  /** The earliest month offered; by default January five years back. */
  earliest?: string;
  disabled?: boolean;
}

/**
 * A range of whole months: one tap on a preset (本月, 近3个月, 近12个月, 今年), or a start and an
 * end month picked apart. A range that ends before it starts, or is longer than `maxMonths`, is
 * said under the pickers and not passed on.
 */
export function MonthRangePicker({ value, onChange, maxMonths, earliest, disabled = false }: MonthRangePickerProps) {
  const now = new Date();
  const latest = monthOf(now);
  const first = earliest ?? `${Number(latest.slice(0, 4)) - 5}-01`;
  const [draft, setDraft] = useState<MonthRange>(value);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the range's months, not each new object holding them
  useEffect(() => setDraft(value), [value.from, value.to]);

  const preset = PRESETS.find((key) => {
    const range = presetRange(key, now);
    return range.from === value.from && range.to === value.to;
  });

  let error: string | undefined;
  if (draft.from > draft.to) error = '起始月份不能晚于结束月份';
  else if (monthsBetween(draft.from, draft.to).length > maxMonths) error = `最长可选 ${maxMonths} 个月`;

  const pick = (range: MonthRange) => {
    setDraft(range);
    const valid = range.from <= range.to && monthsBetween(range.from, range.to).length <= maxMonths;
    if (valid && (range.from !== value.from || range.to !== value.to)) onChange(range);
  };

  return (
    <View className='month-range'>
      <Chips
        label='快捷选择'
        options={PRESETS.map((key) => ({ value: key, label: PRESET_LABELS[key] }))}
        value={preset ?? null}
        disabled={disabled}
        onChange={(key) => pick(presetRange(key, now))}
      />
      <View className='month-range__pickers'>
        <PickerField
          mode='date'
          fields='month'
          label='起始月份'
          placeholder='请选择'
          value={draft.from}
          start={first}
          end={latest}
          disabled={disabled}
          onChange={(from) => pick({ ...draft, from: from.slice(0, 7) })}
        />
        <Text className='month-range__dash'>至</Text>
        <PickerField
          mode='date'
          fields='month'
          label='结束月份'
          placeholder='请选择'
          value={draft.to}
          start={first}
          end={latest}
          disabled={disabled}
          onChange={(to) => pick({ ...draft, to: to.slice(0, 7) })}
        />
      </View>
      {error && <Text className='field__error month-range__error'>{error}</Text>}
    </View>
  );
}
