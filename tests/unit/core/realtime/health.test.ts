import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../../src/core/ports';
import { createHealthAggregator, createHubMonitor, healthEvent, isBlind } from '../../../../src/core/realtime/health';
import type { GuardHealth, HubHealth } from '../../../../src/core/state/events';

const clock = { now: () => Date.now() };
const T0 = Date.UTC(2026, 10, 25, 15, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const hubHealth = (status: HubHealth['status'], stale = false): HubHealth => ({
  status,
  since: Date.now(),
  lastMessageAt: null,
  stale,
});

describe('createHubMonitor', () => {
  function monitor(serverTimeoutMs = 30_000) {
    const changes: HubHealth[] = [];
    let stale = 0;
    const m = createHubMonitor({
      clock,
      timers: systemTimers,
      serverTimeoutMs,
      onChange: (h) => changes.push(h),
      onStale: () => {
        stale += 1;
      },
    });
    return { m, changes, staleCount: () => stale };
  }

  it('marks a connected hub stale after the server timeout of silence, once', async () => {
    const { m, staleCount } = monitor();
    m.setStatus('connected');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(m.health().stale).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(m.health().stale).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(staleCount()).toBe(1);
  });

  it('measures silence from the last message, pings included', async () => {
    const { m, staleCount } = monitor();
    m.setStatus('connected');
    await vi.advanceTimersByTimeAsync(20_000);
    m.message();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(staleCount()).toBe(0);
    expect(m.health().lastMessageAt).toBe(T0 + 20_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(staleCount()).toBe(1);
  });

  it('clears staleness when a message arrives and emits the change', async () => {
    const { m, changes } = monitor();
    m.setStatus('connected');
    await vi.advanceTimersByTimeAsync(30_000);
    m.message();
    expect(m.health().stale).toBe(false);
    expect(changes.map((c) => c.stale)).toEqual([false, true, false]);
  });

  it('does not watch a hub that is not connected', async () => {
    const { m, staleCount } = monitor();
    m.setStatus('reconnecting');
    await vi.advanceTimersByTimeAsync(300_000);
    expect(staleCount()).toBe(0);
  });

  it('ignores silence when told the transport cannot see pings', async () => {
    const { m, staleCount } = monitor();
    m.watchSilence(false);
    m.setStatus('connected');
    await vi.advanceTimersByTimeAsync(300_000);
    expect(staleCount()).toBe(0);
  });
});

describe('createHealthAggregator', () => {
  function aggregator() {
    const seen: GuardHealth[] = [];
    const a = createHealthAggregator({ clock, onChange: (h) => seen.push(h) });
    return { a, seen };
  }

  it('is blind from the start until a token is valid and the user hub is connected', async () => {
    const { a } = aggregator();
    expect(a.current().blindSince).toBe(T0);
    await vi.advanceTimersByTimeAsync(5000);
    a.setToken('valid');
    expect(a.current().blindSince).toBe(T0);
    a.update('user', hubHealth('connected'));
    expect(a.current().blindSince).toBeNull();
  });

  it('keeps the first moment of blindness across further trouble', async () => {
    const { a } = aggregator();
    a.setToken('valid');
    a.update('user', hubHealth('connected'));
    await vi.advanceTimersByTimeAsync(1000);
    a.update('user', hubHealth('reconnecting'));
    const since = a.current().blindSince;
    expect(since).toBe(T0 + 1000);
    await vi.advanceTimersByTimeAsync(1000);
    a.setToken('failed');
    expect(a.current().blindSince).toBe(since);
  });

  it('counts a stale user hub and a logged-out hub as blind, a market outage not', () => {
    expect(isBlind({ token: 'valid', user: hubHealth('connected', true) })).toBe(true);
    expect(isBlind({ token: 'valid', user: hubHealth('logged-out') })).toBe(true);
    expect(isBlind({ token: 'reenter-key', user: hubHealth('connected') })).toBe(true);
    expect(isBlind({ token: 'refreshing', user: hubHealth('connected') })).toBe(false);
    const { a } = aggregator();
    a.setToken('valid');
    a.update('user', hubHealth('connected'));
    a.update('market', hubHealth('closed-weekend'));
    expect(a.current().blindSince).toBeNull();
  });

  it('emits on every change and only on change', () => {
    const { a, seen } = aggregator();
    a.setToken('valid');
    a.setToken('valid');
    const connected = hubHealth('connected');
    a.update('user', connected);
    a.update('user', { ...connected, lastMessageAt: Date.now() });
    a.update('market', hubHealth('connecting'));
    expect(seen.map((h) => [h.token, h.user.status, h.market.status])).toEqual([
      ['valid', 'disconnected', 'disconnected'],
      ['valid', 'connected', 'disconnected'],
      ['valid', 'connected', 'connecting'],
    ]);
  });

  it('wraps health in a DomainEvent for the reducer and the UI', () => {
    const { a } = aggregator();
    expect(healthEvent(a.current(), 5)).toEqual({
      kind: 'health',
      source: 'local',
      receivedAt: 5,
      health: a.current(),
    });
  });
});
