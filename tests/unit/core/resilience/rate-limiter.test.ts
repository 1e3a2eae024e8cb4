import { describe, expect, it, vi } from 'vitest';
import { settle } from './helpers';
import { burst, limiter, T0, take, useFakeTimersAtT0 } from './rate-limiter-fixture';

/** The sliding window, the safety margin and slot accounting. Other suites: lanes, pauses and aborts, persistence. */

describe('rate limiter: sliding window and slots', () => {
  useFakeTimersAtT0();

  it('allows 49 history requests at once when the limit is 50 per 30 s and no margin is kept', async () => {
    const l = limiter({ safetyMargin: 0 });
    await burst(l, 'bars', 49);
    expect(l.stats().bars.inWindow).toBe(49);
  });

  it('keeps a 10 % safety margin by default: 45 of 50 bars and 180 of 200 general requests per window', async () => {
    const l = limiter();
    expect(l.stats().bars.capacity).toBe(45);
    expect(l.stats().general.capacity).toBe(180);
    await burst(l, 'bars', 45);
    const next = settle(take(l, 'bars', 'routine'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(next.result()).toBeUndefined();
  });

  it('throttles the request past the limit until the oldest one leaves the 30 s window', async () => {
    const l = limiter({ safetyMargin: 0 });
    await burst(l, 'bars', 50);
    const waited = settle(take(l, 'bars', 'routine'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(waited.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(waited.result()?.status).toBe('fulfilled');
    expect(Date.now() - T0).toBe(30_000);
  });

  it('slides the window: stamps older than 30 s no longer count', async () => {
    const l = limiter({ safetyMargin: 0 });
    await burst(l, 'bars', 25);
    await vi.advanceTimersByTimeAsync(15_000);
    await burst(l, 'bars', 25);
    await vi.advanceTimersByTimeAsync(15_100);
    expect(l.stats().bars.inWindow).toBe(25);
    await burst(l, 'bars', 25);
  });

  it('counts a slot from when the response came in, not from the grant, as the server counts arrivals', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } });
    const slot = await l.acquire('general', 'routine');
    const next = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(500);
    expect(l.stats().general.inFlight).toBe(1);
    slot.release();
    await vi.advanceTimersByTimeAsync(999);
    expect(next.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.result()?.status).toBe('fulfilled');
    expect(Date.now() - T0).toBe(1_500);
  });

  it('treats a slot that is never released as completed after maxInFlightMs, so a leak cannot block forever', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } }, maxInFlightMs: 5_000 });
    await l.acquire('general', 'routine');
    const next = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(5_999);
    expect(next.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.result()?.status).toBe('fulfilled');
  });

  it('ignores a second release of the same slot', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 2, windowMs: 1_000 } } });
    const slot = await l.acquire('general', 'routine');
    slot.release();
    await vi.advanceTimersByTimeAsync(600);
    slot.release();
    await take(l, 'general', 'routine');
    const third = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(399);
    expect(third.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(third.result()?.status).toBe('fulfilled');
  });

  it('counts the history bucket and the general bucket separately', async () => {
    const l = limiter({ safetyMargin: 0 });
    await burst(l, 'bars', 50);
    await burst(l, 'general', 10);
    expect(l.stats().general.inWindow).toBe(10);
  });

  it('counts grants and the deepest queue seen', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 2, windowMs: 1_000 } } });
    await burst(l, 'general', 2);
    const queued = [settle(take(l, 'general', 'routine')), settle(take(l, 'general', 'routine'))];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queued.every((q) => q.result()?.status === 'fulfilled')).toBe(true);
    expect(l.stats().general).toMatchObject({ granted: 4, maxQueued: 2, rejectedQueueFull: 0 });
  });

  it('hands out at once, without a wait, the slot acquire would grant at once, and nothing when acquire would wait', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 2, windowMs: 1_000 } } });
    const first = l.tryAcquire('general', 'routine');
    expect(first).toBeDefined();
    first?.release();
    await burst(l, 'general', 1);
    // The window is full: acquire would wait, so nothing is handed out and nothing is counted.
    expect(l.tryAcquire('general', 'routine')).toBeUndefined();
    const queued = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queued.result()?.status).toBe('fulfilled');
    expect(l.stats().general.granted).toBe(3);
    // A 429 pause holds it as it holds acquire; a shut-down limiter hands out nothing.
    l.pause('general', 500, 'routine');
    expect(l.tryAcquire('general', 'routine')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(l.tryAcquire('general', 'routine')).toBeDefined();
    l.dispose();
    expect(l.tryAcquire('general', 'enforcement')).toBeUndefined();
  });

  it('refuses a safety margin outside [0, 1)', () => {
    expect(() => limiter({ safetyMargin: 1 })).toThrow(RangeError);
    expect(() => limiter({ safetyMargin: -0.1 })).toThrow(RangeError);
  });
});
