import { describe, expect, it, vi } from 'vitest';
import { fakeTimers, rejectionOf, settle } from './helpers';
import { burst, limiter, settled, T0, take, useFakeTimersAtT0 } from './rate-limiter-fixture';

describe('rate limiter: 429 pauses, aborts and dispose', () => {
  useFakeTimersAtT0();

  it('issues nothing in a bucket paused by a 429 Retry-After until the pause ends, even with room in the window', async () => {
    const l = limiter();
    l.pause('general', 5_000);
    const waited = settle(take(l, 'general', 'enforcement'));
    const bars = settle(take(l, 'bars', 'routine'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(waited.result()).toBeUndefined();
    expect(bars.result()?.status).toBe('fulfilled');
    await vi.advanceTimersByTimeAsync(1);
    expect(waited.result()?.status).toBe('fulfilled');
  });

  it('holds requests already queued for the window until a later 429 pause ends', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } });
    await burst(l, 'general', 1);
    const queued = settle(take(l, 'general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(500);
    l.pause('general', 800);
    await vi.advanceTimersByTimeAsync(799);
    expect(queued.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(queued.result()?.status).toBe('fulfilled');
    expect(Date.now() - T0).toBe(1_300);
  });

  it('rejects an aborted wait with kind aborted and gives its place to the next request', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } });
    await burst(l, 'general', 1);
    const controller = new AbortController();
    const aborted = settle(take(l, 'general', 'enforcement', controller.signal));
    const next = settle(take(l, 'general', 'routine'));
    controller.abort();
    await settled();
    expect(rejectionOf(aborted).kind).toBe('aborted');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(next.result()?.status).toBe('fulfilled');
    expect(l.stats().general.aborted).toBe(1);
    expect(l.stats().general.inWindow).toBe(1);
  });

  it('rejects at once when the signal is already aborted, without taking a slot', async () => {
    const l = limiter();
    const controller = new AbortController();
    controller.abort();
    await expect(l.acquire('general', 'routine', controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
    expect(l.stats().general.inWindow).toBe(0);
  });

  it('rejects every queued request with kind aborted when disposed', async () => {
    const l = limiter({ safetyMargin: 0, limits: { bars: { max: 1, windowMs: 30_000 } } });
    await burst(l, 'bars', 1);
    const waiting = settle(take(l, 'bars', 'routine'));
    l.dispose();
    await settled();
    expect(rejectionOf(waiting).kind).toBe('aborted');
    await expect(l.acquire('bars', 'routine')).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('rate limiter: a huge Retry-After', () => {
  useFakeTimersAtT0();
  const MONTH = 30 * 24 * 3_600_000;

  /** The fake timers, counting every timer the limiter arms. */
  function countingTimers() {
    let armed = 0;
    return {
      timers: {
        setTimeout: (fn: () => void, ms: number) => {
          armed++;
          return fakeTimers.setTimeout(fn, ms);
        },
        clearTimeout: fakeTimers.clearTimeout,
      },
      armed: () => armed,
    };
  }

  it('honours a Retry-After of a month for one rate window at most', async () => {
    const l = limiter();
    expect(l.pause('general', MONTH, 'routine')).toBe(60_000);
    expect(l.stats().general.pausedUntil).toBe(T0 + 60_000);
    const waited = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(waited.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(waited.result()?.status).toBe('fulfilled');
  });

  it('wakes once at the end of a long pause, not hundreds of times a second', async () => {
    const counting = countingTimers();
    const l = limiter({ timers: counting.timers });
    l.pause('general', MONTH);
    const waited = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(waited.result()).toBeUndefined();
    expect(counting.armed()).toBeLessThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(waited.result()?.status).toBe('fulfilled');
    expect(counting.armed()).toBeLessThanOrEqual(3);
  });

  it('keeps the enforcement lane going on its own budget while routine traffic is paused by a 429', async () => {
    const l = limiter({ enforcementReserve: { general: 3 } });
    l.pause('general', MONTH, 'routine');
    await burst(l, 'general', 3, 'enforcement');
    const fourth = settle(take(l, 'general', 'enforcement'));
    const routine = settle(take(l, 'general', 'routine'));
    await settled();
    expect(fourth.result()).toBeUndefined();
    expect(routine.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fourth.result()?.status).toBe('fulfilled');
    expect(routine.result()?.status).toBe('fulfilled');
  });

  it('pauses the enforcement lane too when the 429 answered an enforcement call, for one window at most', async () => {
    const l = limiter();
    l.pause('general', MONTH, 'enforcement');
    const flatten = settle(take(l, 'general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(flatten.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(flatten.result()?.status).toBe('fulfilled');
  });
});
