import { Text, Textarea, View } from '@tarojs/components';
import { countOf, FieldFoot } from '../FormField';
import './wish.css';

interface TextAreaFieldProps {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  onInput: (value: string) => void;
  maxlength: number;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

/** A labelled multi-line input with a character count and its error under it. */
export function TextAreaField({
  label,
  name,
  value,
  placeholder,
  onInput,
  maxlength,
  error,
  hint,
  disabled = false,
}: TextAreaFieldProps) {
  // As FormField: on h5 name and placeholder go to the inner <textarea> alone.
  const web = process.env.TARO_ENV === 'h5';
  const nativeProps = web
    ? { name, placeholder, 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' }
    : undefined;
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      <Textarea
        className='field__input wish-textarea'
        name={web ? undefined : name}
        value={value}
        placeholder={web ? undefined : placeholder}
        placeholderClass='field__placeholder'
        maxlength={maxlength}
        disabled={disabled}
        nativeProps={nativeProps}
        onInput={(event) => onInput(event.detail.value)}
      />
      <FieldFoot error={error} hint={hint} count={countOf(value, maxlength)} />
    </View>
  );
}
