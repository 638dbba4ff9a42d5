import { IS_H5 } from './platform';

/**
 * ARIA for a tappable element on h5, where Taro's components are custom elements
 * (`taro-button-core`, `taro-view-core`) that carry no role of their own, so neither a screen
 * reader nor a browser test can tell them for buttons. Nothing on weapp: WeChat ignores these.
 */
export function buttonAria(disabled = false): Record<string, string> {
  if (!IS_H5) return {};
  return disabled ? { role: 'button', 'aria-disabled': 'true' } : { role: 'button' };
}

/** ARIA for a toggle chip (a checkbox in a group) on h5. */
export function checkboxAria(checked: boolean): Record<string, string> {
  return IS_H5 ? { role: 'checkbox', 'aria-checked': String(checked) } : {};
}
