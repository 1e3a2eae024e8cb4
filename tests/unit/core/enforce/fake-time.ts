import { afterEach, beforeEach, vi } from 'vitest';
import { T0 } from './harness';

/** Every test in the calling suite runs on vitest fake timers with Date.now at T0. Call once at the top of a file. */
export function useFakeTimeAtT0(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
