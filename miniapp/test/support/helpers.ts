import { fireEvent } from '@testing-library/react';

/** Types `value` into an input or textarea, as the user would (one input event). */
export function typeInto(field: HTMLElement, value: string): void {
  fireEvent.change(field, { target: { value } });
}

/**
 * Chooses `value` in the Picker whose face is `face` (a selector takes the option's index, a
 * date or time picker the text it would answer). Nothing happens on a disabled picker.
 */
export function pick(face: HTMLElement, value: string | number): void {
  const input = face.closest('[data-picker]')?.querySelector<HTMLInputElement>('input[data-picker-value]');
  if (!input) throw new Error('not inside a Picker');
  fireEvent.change(input, { target: { value: String(value) } });
}

/** A promise the test settles when it chooses: a request still running. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/**
 * Fixes the clock at `now` for `new Date()` and `Date.now()` alone: timers and promises run as
 * usual, so Testing Library's waiting still works.
 */
export function freezeClock(now: Date): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
