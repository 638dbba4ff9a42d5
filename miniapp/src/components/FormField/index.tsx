import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

interface FormFieldProps {
  label: string;
  /** The form field's name (phone, password, name); also the input's name on h5. */
  name: string;
  value: string;
  placeholder: string;
  onInput: (value: string) => void;
  /** The keyboard's done key (Enter on h5). */
  onConfirm?: () => void;
  /** Shown under the input, in Chinese. */
  error?: string;
  hint?: string;
  kind?: 'text' | 'phone' | 'password' | 'new-password' | 'name' | 'code';
  maxlength?: number;
  disabled?: boolean;
  /** Beside the input, on its right: a button that belongs to the field (获取验证码). */
  action?: ReactNode;
  /** Count the characters typed against `maxlength` under the input (a title that has a limit). */
  counted?: boolean;
}

/** Under a field: its error, else its hint; and, for a counted one, how much of its limit is used. */
export function FieldFoot({ error, hint, count }: { error?: string; hint?: string; count?: string }) {
  const message = error ? <Text className='field__error'>{error}</Text> : hint ? <Text className='field__hint'>{hint}</Text> : null;
  if (count === undefined) return message;
  return (
    <View className='field__foot'>
      {message ?? <Text className='field__hint' />}
      <Text className='field__count'>{count}</Text>
    </View>
  );
}

/** `12/40`: characters (not UTF-16 units) of `value` against `max`. */
export const countOf = (value: string, max: number) => `${Array.from(value).length}/${max}`;

/** The browser's autofill and keyboard hints for each kind (h5 only; WeChat has its own). */
const NATIVE: Record<NonNullable<FormFieldProps['kind']>, Record<string, string>> = {
  text: {},
  phone: { autocomplete: 'tel', inputmode: 'numeric' },
  password: { autocomplete: 'current-password' },
  'new-password': { autocomplete: 'new-password' },
  name: { autocomplete: 'name' },
  // An SMS verification code: the phone's keyboard offers the code it just received.
  code: { autocomplete: 'one-time-code', inputmode: 'numeric' },
};

/** A labelled input with its error under it. On h5 the input is a real `<input>` named by `label`. */
export function FormField({
  label,
  name,
  value,
  placeholder,
  onInput,
  onConfirm,
  error,
  hint,
  kind = 'text',
  maxlength = 140,
  disabled = false,
  action,
  counted = false,
}: FormFieldProps) {
  const isPassword = kind === 'password' || kind === 'new-password';
  // On h5 the Input is a custom element wrapping an <input>, and Taro copies string props onto
  // both: name and placeholder go to the inner <input> alone, so that a lookup by placeholder (or
  // name) finds one element, the one that takes the text.
  const web = process.env.TARO_ENV === 'h5';
  const nativeProps = web
    ? {
        ...NATIVE[kind],
        name,
        placeholder,
        'aria-label': label,
        'aria-invalid': error ? 'true' : 'false',
      }
    : undefined;
  const input = (
    <Input
      className='field__input'
      name={web ? undefined : name}
      value={value}
      placeholder={web ? undefined : placeholder}
      placeholderClass='field__placeholder'
      password={isPassword}
      // weapp's number keyboard for phones; on h5 a text input with a numeric keyboard hint,
      // since type=number there mangles long digit strings.
      type={(kind === 'phone' || kind === 'code') && !web ? 'number' : 'text'}
      maxlength={maxlength}
      disabled={disabled}
      nativeProps={nativeProps}
      onInput={(event) => onInput(event.detail.value)}
      onConfirm={onConfirm}
    />
  );
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {action ? (
        <View className='field__row'>
          {input}
          {action}
        </View>
      ) : (
        input
      )}
      <FieldFoot error={error} hint={hint} count={counted ? countOf(value, maxlength) : undefined} />
    </View>
  );
}
