import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * A small value kept in storage across launches that pages read as it changes: whoever sets it
 * tells every mounted page (Taro's event centre), so a switch in 我的 reaches the pages below it.
 */
export interface StoredValue<T> {
  get: () => T;
  set: (value: T) => void;
  /** The value, kept current while the component is mounted. */
  use: () => T;
}

/** The value behind `event`, kept current while the component is mounted. */
function useWatched<T>(event: string, get: () => T): T {
  const [value, setValue] = useState(get);
  useEffect(() => {
    const changed = (next: T) => setValue(() => next);
    Taro.eventCenter.on(event, changed);
    return () => {
      Taro.eventCenter.off(event, changed);
    };
  }, [event]);
  return value;
}

export function storedValue<T>(key: string, parse: (stored: unknown) => T): StoredValue<T> {
  const event = `stored:${key}`;

  const get = (): T => {
    try {
      return parse(Taro.getStorageSync(key));
    } catch {
      return parse(undefined);
    }
  };

  const set = (value: T): void => {
    try {
      if (value === null || value === undefined) Taro.removeStorageSync(key);
      else Taro.setStorageSync(key, value);
    } catch {
      // Storage full or unavailable: the value still applies until the app is closed.
    }
    Taro.eventCenter.trigger(event, value);
  };

  const use = (): T => useWatched(event, get);

  return { get, set, use };
}

/** Like `storedValue`, for a value that lives only while the app runs (a count that would be stale on the next launch). */
export function memoryValue<T>(name: string, initial: T): StoredValue<T> {
  const event = `memory:${name}`;
  let current = initial;
  const get = (): T => current;
  const set = (value: T): void => {
    current = value;
    Taro.eventCenter.trigger(event, value);
  };
  return { get, set, use: () => useWatched(event, get) };
}
