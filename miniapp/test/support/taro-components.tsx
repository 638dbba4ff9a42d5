// Stands in for `@tarojs/components` in the component tests (jest's moduleNameMapper sends it
// here): each Taro component the tested code renders becomes the plain DOM element it is on h5,
// with the props the app relies on (disabled, value, onInput's `{ detail: { value } }`, ...).
// Roles and aria-* attributes pass through, as Taro passes them to its h5 elements.
import type { ChangeEvent, CSSProperties, KeyboardEvent, ReactNode } from 'react';

interface Common {
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
  onClick?: () => void;
  [attribute: string]: unknown;
}

/** role, aria-*, data-* and tabIndex: what a test, a screen reader or a keyboard reads. */
function passThrough(props: Record<string, unknown>): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(props)) {
    if ((key === 'role' || key.startsWith('aria-') || key.startsWith('data-')) && typeof value === 'string') {
      kept[key] = value;
    }
    if (key === 'tabIndex' && typeof value === 'number') kept[key] = value;
  }
  return kept;
}

/** Taro's `nativeProps` go onto the inner <input>; React spells two of them in camel case. */
function nativeAttributes(nativeProps: unknown): Record<string, string> {
  if (typeof nativeProps !== 'object' || nativeProps === null) return {};
  const renamed: Record<string, string> = { autocomplete: 'autoComplete', inputmode: 'inputMode' };
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(nativeProps)) {
    if (typeof value === 'string') attributes[renamed[key] ?? key] = value;
  }
  return attributes;
}

export function View({ className, style, children, onClick, ...rest }: Common) {
  return (
    <div className={className} style={style} onClick={onClick} {...passThrough(rest)}>
      {children}
    </div>
  );
}

export function Text({ className, style, children, onClick, ...rest }: Common) {
  return (
    <span className={className} style={style} onClick={onClick} {...passThrough(rest)}>
      {children}
    </span>
  );
}

export function Label({ className, children, ...rest }: Common) {
  return (
    <label className={className} {...passThrough(rest)}>
      {children}
    </label>
  );
}

export function ScrollView({ className, style, children, ...rest }: Common) {
  return (
    <div className={className} style={style} {...passThrough(rest)}>
      {children}
    </div>
  );
}

export function Image({ className, style, onClick, src, ...rest }: Common & { src?: string }) {
  return <img className={className} style={style} src={src} alt='' onClick={onClick} {...passThrough(rest)} />;
}

/** What WeChat's own dialog answers next to an open-type getPhoneNumber button (a test sets it). */
export const phoneNumberDialog: { detail: { code?: string; errMsg: string } } = { detail: { code: 'phone-code', errMsg: 'getPhoneNumber:ok' } };

export function Button({
  className,
  children,
  onClick,
  disabled,
  openType,
  onGetPhoneNumber,
  ...rest
}: Common & { disabled?: boolean; openType?: string; onGetPhoneNumber?: (event: { detail: object }) => void }) {
  // An open-type getPhoneNumber button asks WeChat, which answers the button, not the tap.
  const tap = openType === 'getPhoneNumber' ? () => onGetPhoneNumber?.({ detail: { ...phoneNumberDialog.detail } }) : onClick;
  return (
    <button type='button' className={className} disabled={Boolean(disabled)} onClick={tap} {...passThrough(rest)}>
      {children}
    </button>
  );
}

interface FieldProps {
  className?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  disabled?: boolean;
  nativeProps?: unknown;
  onInput?: (event: { detail: { value: string } }) => void;
  onConfirm?: (event: { detail: { value: string } }) => void;
}

export function Input(props: FieldProps & { password?: boolean }) {
  const { className, name, value, placeholder, maxlength, disabled, nativeProps, onInput, onConfirm, password } = props;
  return (
    <input
      className={className}
      type={password ? 'password' : 'text'}
      name={name}
      placeholder={placeholder}
      value={value ?? ''}
      maxLength={maxlength}
      disabled={Boolean(disabled)}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onInput?.({ detail: { value: event.target.value } })}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') onConfirm?.({ detail: { value: event.currentTarget.value } });
      }}
      {...nativeAttributes(nativeProps)}
    />
  );
}

export function Textarea(props: FieldProps) {
  const { className, name, value, placeholder, maxlength, disabled, nativeProps, onInput } = props;
  return (
    <textarea
      className={className}
      name={name}
      placeholder={placeholder}
      value={value ?? ''}
      maxLength={maxlength}
      disabled={Boolean(disabled)}
      onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onInput?.({ detail: { value: event.target.value } })}
      {...nativeAttributes(nativeProps)}
    />
  );
}

interface PickerProps {
  mode?: 'selector' | 'date' | 'time';
  disabled?: boolean;
  children?: ReactNode;
  onChange?: (event: { detail: { value: string | number } }) => void;
}

/**
 * The picker's face (its children) and a hidden input standing for the wheel the user turns:
 * `pick` in ./render.ts sets it. A selector answers the index chosen, date and time the text.
 */
export function Picker({ mode = 'selector', disabled, children, onChange }: PickerProps) {
  return (
    <div data-picker={mode}>
      {children}
      <input
        hidden
        data-picker-value=''
        disabled={Boolean(disabled)}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const chosen = event.target.value;
          // Blank again, so that choosing the option already shown still answers (as the wheel does).
          event.target.value = '';
          if (!disabled) onChange?.({ detail: { value: mode === 'selector' ? Number(chosen) : chosen } });
        }}
      />
    </div>
  );
}
