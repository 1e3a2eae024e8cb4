import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Lane } from '../../../../src/core/resilience/lanes';
import { createRateLimiter, type RateLimiterOptions } from '../../../../src/core/resilience/rate-limiter';
import { fakeClock, fakeTimers, settle } from './helpers';

/** Shared setup for the rate limiter suites: a limiter on fake timers and helpers to take slots. */

export const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);

/** Every test in the calling describe runs on fake timers starting at T0. */
export function useFakeTimersAtT0(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export function limiter(extra: Partial<RateLimiterOptions> = {}) {
  return createRateLimiter({ clock: fakeClock, timers: fakeTimers, ...extra });
}

/** Acquire and answer at once (a request with no latency): the slot is stamped now. */
export async function take(
  l: ReturnType<typeof limiter>,
  bucket: 'bars' | 'general',
  lane: Lane,
  signal?: AbortSignal,
) {
  const slot = await l.acquire(bucket, lane, signal);
  slot.release();
}

/** Let promise chains run without moving the clock. */
export const settled = () => vi.advanceTimersByTimeAsync(0);

/** Take `n` grants in a row that must all be immediate. */
export async function burst(
  l: ReturnType<typeof limiter>,
  bucket: 'bars' | 'general',
  n: number,
  lane: Lane = 'routine',
) {
  for (let i = 0; i < n; i++) {
    const s = settle(take(l, bucket, lane));
    await settled();
    expect(s.result()?.status).toBe('fulfilled');
  }
}
