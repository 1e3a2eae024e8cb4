import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { Lane } from '../../../../src/core/resilience/lanes';
import { createRateLimiter, type RateLimiterOptions } from '../../../../src/core/resilience/rate-limiter';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeClock, fakeTimers, rejectionOf, settle } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);

function stamps(store: ReturnType<typeof createMemoryStore>, bucket: 'bars' | 'general'): number[] {
  const saved = store.dump().limiter?.[bucket] as { sent: number[] } | undefined;
  return saved?.sent ?? [];
}

function limiter(extra: Partial<RateLimiterOptions> = {}) {
  return createRateLimiter({ clock: fakeClock, timers: fakeTimers, ...extra });
}

/** Acquire and answer at once (a request with no latency): the slot is stamped now. */
async function take(l: ReturnType<typeof limiter>, bucket: 'bars' | 'general', lane: Lane, signal?: AbortSignal) {
  const slot = await l.acquire(bucket, lane, signal);
  slot.release();
}

/** Let promise chains run without moving the clock. */
const settled = () => vi.advanceTimersByTimeAsync(0);

/** Take `n` grants in a row that must all be immediate. */
async function burst(l: ReturnType<typeof limiter>, bucket: 'bars' | 'general', n: number, lane: Lane = 'routine') {
  for (let i = 0; i < n; i++) {
    const s = settle(take(l, bucket, lane));
    await settled();
    expect(s.result()?.status).toBe('fulfilled');
  }
}

describe('rate limiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

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

  it('persists a slot still in flight as if it completed at the time of the write', async () => {
    const store = createMemoryStore();
    const l = limiter({ store, safetyMargin: 0 });
    await l.acquire('general', 'routine');
    await vi.advanceTimersByTimeAsync(700);
    await l.flush();
    expect(stamps(store, 'general')).toEqual([T0 + 700]);
  });

  it('counts the history bucket and the general bucket separately', async () => {
    const l = limiter({ safetyMargin: 0 });
    await burst(l, 'bars', 50);
    await burst(l, 'general', 10);
    expect(l.stats().general.inWindow).toBe(10);
  });

  it('sends a queued enforcement request before routine and reconciliation requests queued earlier', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } });
    await burst(l, 'general', 1);
    const order: string[] = [];
    const track = (lane: Lane, id: string) => take(l, 'general', lane).then(() => order.push(id));
    const all = [
      track('routine', 'routine-1'),
      track('reconciliation', 'recon-1'),
      track('routine', 'routine-2'),
      track('enforcement', 'flatten'),
    ];
    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all(all);
    expect(order).toEqual(['flatten', 'recon-1', 'routine-1', 'routine-2']);
  });

  it('rejects with queue-full once a lane queue is at its bound and settles every request (no unbounded memory)', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } }, maxQueue: 5 });
    await burst(l, 'general', 1);
    const results = Array.from({ length: 100 }, () => settle(take(l, 'general', 'routine')));
    await settled();
    const rejected = results.filter((r) => r.result()?.status === 'rejected');
    expect(rejected).toHaveLength(95);
    const first = rejected[0];
    if (!first) throw new Error('no rejection');
    const reason = rejectionOf(first);
    expect(reason).toBeInstanceOf(GatewayError);
    expect((reason as GatewayError).kind).toBe('queue-full');
    expect(l.stats().general.queued.routine).toBe(5);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(results.filter((r) => r.result()?.status === 'fulfilled')).toHaveLength(5);
    expect(l.stats().general.rejectedQueueFull).toBe(95);
  });

  it('still queues an enforcement request when the routine queue is full', async () => {
    const l = limiter({ limits: { general: { max: 1, windowMs: 1_000 } }, safetyMargin: 0, maxQueue: { routine: 2 } });
    await burst(l, 'general', 1);
    const routine = [1, 2, 3].map(() => settle(take(l, 'general', 'routine')));
    const flatten = settle(take(l, 'general', 'enforcement'));
    await settled();
    expect(routine[2]?.result()?.status).toBe('rejected');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flatten.result()?.status).toBe('fulfilled');
    expect(routine[0]?.result()).toBeUndefined();
  });

  it('keeps the last 10 % of the general window for enforcement: routine traffic cannot starve a flatten', async () => {
    const l = limiter();
    expect(l.stats().general.enforcementReserve).toBe(18);
    await burst(l, 'general', 162, 'routine');
    const routine = settle(take(l, 'general', 'routine'));
    const recon = settle(take(l, 'general', 'reconciliation'));
    await settled();
    expect(routine.result()).toBeUndefined();
    expect(recon.result()).toBeUndefined();
    await burst(l, 'general', 18, 'enforcement');
    const overflow = settle(take(l, 'general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(overflow.result()).toBeUndefined();
    expect(routine.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(overflow.result()?.status).toBe('fulfilled');
    expect(recon.result()?.status).toBe('fulfilled');
    expect(routine.result()?.status).toBe('fulfilled');
  });

  it('lets an enforcement request through at once while lower lanes wait for the window', async () => {
    const l = limiter({
      safetyMargin: 0,
      limits: { general: { max: 10, windowMs: 1_000 } },
      enforcementReserve: { general: 2 },
    });
    await burst(l, 'general', 8, 'routine');
    const waiting = settle(take(l, 'general', 'routine'));
    await settled();
    expect(waiting.result()).toBeUndefined();
    await burst(l, 'general', 2, 'enforcement');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(waiting.result()?.status).toBe('fulfilled');
  });

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

  it('persists sent stamps (debounced) so a restarted worker cannot burst past the real limit', async () => {
    const store = createMemoryStore();
    const first = limiter({ store, safetyMargin: 0, persistDebounceMs: 500 });
    await burst(first, 'bars', 40);
    expect(store.dump().limiter).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    expect(stamps(store, 'bars')).toHaveLength(40);

    await vi.advanceTimersByTimeAsync(10_000);
    const restarted = limiter({ store, safetyMargin: 0 });
    await restarted.restore();
    expect(restarted.stats().bars.inWindow).toBe(40);
    await burst(restarted, 'bars', 10);
    const eleventh = settle(take(restarted, 'bars', 'routine'));
    await vi.advanceTimersByTimeAsync(19_499);
    expect(eleventh.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(eleventh.result()?.status).toBe('fulfilled');
  });

  it('restores a 429 pause and clamps stamps from the future (clock moved back) to now', async () => {
    const store = createMemoryStore();
    await store.put('limiter', 'general', { sent: [T0 + 3_600_000], pausedUntil: T0 + 2_000 });
    const l = limiter({ store, safetyMargin: 0, limits: { general: { max: 1, windowMs: 60_000 } } });
    await l.restore();
    expect(l.stats().general.pausedUntil).toBe(T0 + 2_000);
    const next = settle(take(l, 'general', 'routine'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(next.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.result()?.status).toBe('fulfilled');
  });

  it('writes pending stamps at once on flush', async () => {
    const store = createMemoryStore();
    const l = limiter({ store });
    await burst(l, 'general', 3);
    await l.flush();
    expect(stamps(store, 'general')).toEqual([T0, T0, T0]);
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

  it('counts grants and the deepest queue seen', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 2, windowMs: 1_000 } } });
    await burst(l, 'general', 2);
    const queued = [settle(take(l, 'general', 'routine')), settle(take(l, 'general', 'routine'))];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queued.every((q) => q.result()?.status === 'fulfilled')).toBe(true);
    expect(l.stats().general).toMatchObject({ granted: 4, maxQueued: 2, rejectedQueueFull: 0 });
  });

  it('refuses a safety margin outside [0, 1)', () => {
    expect(() => limiter({ safetyMargin: 1 })).toThrow(RangeError);
    expect(() => limiter({ safetyMargin: -0.1 })).toThrow(RangeError);
  });
});
