import { useEffect, useState } from 'react';

/**
 * The time, again every `everyMs`: what a page shows by the clock (签到中 after the window opens,
 * a countdown) moves on while it stays open.
 */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
