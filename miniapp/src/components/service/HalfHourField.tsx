import { PickerField } from './PickerField';

/** Every half hour of a day, `HH:mm`: service is counted in half-hours, so times are picked in them. */
export const HALF_HOURS: readonly string[] = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

/** The half hours, with `value` among them when it is not on one (written elsewhere, or before). */
const optionsFor = (value: string) => (HALF_HOURS.includes(value) || !value ? HALF_HOURS : [...HALF_HOURS, value].sort());

interface HalfHourFieldProps {
  label: string;
  placeholder: string;
  /** `HH:mm`. */
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}

/** A time of day picked from the half hours (a list, not the phone's minute wheel). */
export function HalfHourField({ value, onChange, ...field }: HalfHourFieldProps) {
  const options = optionsFor(value);
  return <PickerField mode='selector' {...field} options={options} index={options.indexOf(value)} onChange={(index) => onChange(options[index] ?? value)} />;
}
