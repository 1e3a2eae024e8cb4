import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBreakerRegistry } from '../../../../src/core/resilience/breaker-registry';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeClock } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);

describe('breaker registry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one independent breaker per endpoint group', () => {
    const registry = createBreakerRegistry({ clock: fakeClock });
    for (let i = 0; i < 5; i++) registry.forEndpoint('/api/Order/place').recordFailure();
    expect(registry.forEndpoint('/api/Order/cancel').state()).toBe('open');
    expect(registry.forEndpoint('/api/Position/searchOpen').state()).toBe('closed');
    expect(registry.snapshot().orders.state).toBe('open');
    expect(registry.snapshot().accounts.state).toBe('closed');
  });

  it('reports state changes with their group to subscribers (for the UI)', () => {
    const registry = createBreakerRegistry({ clock: fakeClock });
    const seen: string[] = [];
    registry.subscribe((group, to, from) => seen.push(`${group}:${from}->${to}`));
    for (let i = 0; i < 5; i++) registry.get('trades').recordFailure();
    vi.advanceTimersByTime(60_000);
    registry.get('trades').state();
    expect(seen).toEqual(['trades:closed->open', 'trades:open->half-open']);
  });

  it('persists state changes to store "breakers" and a restarted worker restores them', async () => {
    const store = createMemoryStore();
    const registry = createBreakerRegistry({ clock: fakeClock, store });
    for (let i = 0; i < 5; i++) registry.get('positions').recordFailure();
    await registry.flush();
    expect(store.dump().breakers?.positions).toEqual({ state: 'open', consecutiveFailures: 5, openedAt: T0 });

    vi.advanceTimersByTime(30_000);
    const restarted = createBreakerRegistry({ clock: fakeClock, store });
    const seen: string[] = [];
    restarted.subscribe((group, to) => seen.push(`${group}:${to}`));
    await restarted.restore();
    expect(seen).toEqual(['positions:open']);
    expect(() => restarted.get('positions').admit()).toThrow(/service unavailable/);
    vi.advanceTimersByTime(30_000);
    expect(restarted.get('positions').state()).toBe('half-open');
    expect(restarted.get('orders').state()).toBe('closed');
  });

  it('ignores unknown groups and malformed entries in the store', async () => {
    const store = createMemoryStore();
    await store.put('breakers', 'nonsense', { state: 'open', consecutiveFailures: 5, openedAt: T0 });
    await store.put('breakers', 'orders', { state: 42 });
    const registry = createBreakerRegistry({ clock: fakeClock, store });
    await registry.restore();
    expect(registry.get('orders').state()).toBe('closed');
  });
});
