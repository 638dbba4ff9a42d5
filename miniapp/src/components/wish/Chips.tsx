import { Text, View } from '@tarojs/components';
import { aria, control } from '../../utils/a11y';
import './wish.css';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

interface ChipsProps<T extends string> {
  options: readonly ChipOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Names the group for screen readers (h5). */
  label: string;
}

/** One choice among a few, as a row of chips (a radio group). */
export function Chips<T extends string>({ options, value, onChange, disabled, label }: ChipsProps<T>) {
  return (
    <View className='wish-chips' {...aria({ role: 'radiogroup', 'aria-label': label })}>
      {options.map((option) => {
        const on = option.value === value;
        return (
          <View
            key={option.value}
            className={`wish-chip${on ? ' wish-chip--on' : ''}`}
            onClick={disabled ? undefined : () => onChange(option.value)}
            {...control('radio', { 'aria-checked': on })}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
