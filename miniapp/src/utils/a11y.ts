/** The roles of the app's tappable views, which a keyboard must reach and press like buttons. */
export type ControlRole = 'button' | 'tab' | 'switch' | 'checkbox' | 'radio';

/**
 * ARIA for a tappable view on h5, where Taro's components are custom elements (`taro-view-core`)
 * that carry no role of their own, so neither a screen reader nor a browser test can tell them for
 * controls: the role, the states in `states`, and a place in the Tab order (Enter and Space press
 * it, see `pressWithKeys`). Nothing on weapp: WeChat ignores these.
 */
export function control(role: ControlRole, states: Record<string, string | boolean> = {}): Record<string, string | number> {
  if (process.env.TARO_ENV !== 'h5') return {};
  const attributes: Record<string, string | number> = { role, tabIndex: states['aria-disabled'] === true ? -1 : 0 };
  for (const [name, value] of Object.entries(states)) attributes[name] = String(value);
  return attributes;
}

/**
 * `attributes` (a role, a label) on h5, where Taro's views are custom elements that carry no role
 * of their own; nothing on weapp, where WeChat ignores them.
 */
export function aria(attributes: Record<string, string>): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? attributes : {};
}

/** A tappable view that acts as a button. */
export function buttonAria(disabled = false): Record<string, string | number> {
  return control('button', disabled ? { 'aria-disabled': true } : {});
}

/** A toggle chip (a checkbox in a group). */
export function checkboxAria(checked: boolean): Record<string, string | number> {
  return control('checkbox', { 'aria-checked': checked });
}

const PRESSABLE = '[role="button"],[role="tab"],[role="switch"],[role="checkbox"],[role="radio"]';

/**
 * Enter and Space press the focused control on h5, as they press a real button: Taro's views only
 * hear clicks. Called once when the web app starts.
 */
export function pressWithKeys(document: Document): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = event.target as HTMLElement | null;
    if (!target?.matches(PRESSABLE) || target.getAttribute('aria-disabled') === 'true') return;
    event.preventDefault();
    target.click();
  });
}
