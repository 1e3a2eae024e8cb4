import { describe, expect, it, vi } from 'vitest';
import { rejectionOf, settle } from './helpers';
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
    l.pause('general', 3_000);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(queued.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(queued.result()?.status).toBe('fulfilled');
    expect(Date.now() - T0).toBe(3_500);
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
