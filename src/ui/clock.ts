import { useEffect, useState } from 'preact/hooks';

/** Time source for views; tests pass a fixed one so countdowns are deterministic. */
export interface ViewClock {
  now(): number;
  /** Calls `fn` every `ms`; returns the stop function. */
  every(ms: number, fn: () => void): () => void;
}

export const systemViewClock: ViewClock = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const h = setInterval(fn, ms);
    return () => clearInterval(h);
  },
};

/** Re-renders once a second so countdowns move. */
export function useNow(clock: ViewClock): number {
  const [now, setNow] = useState(clock.now());
  useEffect(() => clock.every(1000, () => setNow(clock.now())), [clock]);
  return now;
}
