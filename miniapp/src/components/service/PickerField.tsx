import { Picker, Text, View } from '@tarojs/components';
import { control } from '../../utils/a11y';
import '../FormField/index.css';
import './service.css';

interface Common {
  label: string;
  /** What the field shows while nothing is chosen. */
  placeholder: string;
  error?: string;
  disabled?: boolean;
}

type PickerFieldProps = Common &
  (
    | {
        mode: 'date' | 'time';
        value: string;
        start?: string;
        end?: string;
        /** A date picker's finest column: `month` picks `YYYY-MM`. */
        fields?: 'month' | 'day';
        onChange: (value: string) => void;
      }
    | { mode: 'selector'; options: readonly string[]; index: number; onChange: (index: number) => void }
  );

/** Taro's Picker (date, month, time, or one of a list) shown as a labelled form field. */
export function PickerField(props: PickerFieldProps) {
  const { label, placeholder, error, disabled = false } = props;
  const shown = props.mode === 'selector' ? (props.options[props.index] ?? '') : props.value;
  const display = (
    <View
      className={`svc-picker${shown ? '' : ' svc-picker--empty'}`}
      {...control('button', { 'aria-label': `${label}：${shown || placeholder}` })}
    >
      <Text>{shown || placeholder}</Text>
      <Text className='svc-picker__arrow'>›</Text>
    </View>
  );
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {props.mode === 'selector' ? (
        <Picker
          mode='selector'
          range={props.options as string[]}
          value={Math.max(0, props.index)}
          disabled={disabled}
          onChange={(event) => props.onChange(Number(event.detail.value))}
        >
          {display}
        </Picker>
      ) : (
        <Picker
          mode={props.mode}
          value={props.value}
          start={props.start}
          end={props.end}
          // Only when asked: on h5 an undefined `fields` would drop the day column of a date picker.
          {...(props.fields ? { fields: props.fields } : {})}
          disabled={disabled}
          onChange={(event) => props.onChange(String(event.detail.value))}
        >
          {display}
        </Picker>
      )}
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  );
}
