import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { settle } from './helpers';
import { burst, limiter, T0, take, useFakeTimersAtT0 } from './rate-limiter-fixture';

function stamps(store: ReturnType<typeof createMemoryStore>, bucket: 'bars' | 'general'): number[] {
  const saved = store.dump().limiter?.[bucket] as { sent: number[] } | undefined;
  return saved?.sent ?? [];
}

describe('rate limiter: persistence', () => {
  useFakeTimersAtT0();

  it('persists a slot still in flight as if it completed at the time of the write', async () => {
    const store = createMemoryStore();
    const l = limiter({ store, safetyMargin: 0 });
    await l.acquire('general', 'routine');
    await vi.advanceTimersByTimeAsync(700);
    await l.flush();
    expect(stamps(store, 'general')).toEqual([T0 + 700]);
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
});
