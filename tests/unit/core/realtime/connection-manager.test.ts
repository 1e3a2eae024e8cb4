import { describe, expect, it, vi } from 'vitest';
import { type ConnectionEvent, nextStatus } from '../../../../src/core/realtime/connection-manager';
import type { HubStatus } from '../../../../src/core/state/events';
import { setup, useFakeTimersPerTest } from './connection-manager-fixture';

/** The state machine, connecting, reconnect backoff and stop. Other suites: subscriptions, auth, weekend, liveness. */

/** Relative times (ms after start) at which transports were created. */
function attemptTimes(transports: Array<{ createdAt: number }>, t0: number): number[] {
  return transports.map((t) => t.createdAt - t0);
}

useFakeTimersPerTest();

describe('connection state machine', () => {
  const table: Array<[HubStatus, ConnectionEvent, HubStatus | null]> = [
    ['disconnected', 'start', 'connecting'],
    ['disconnected', 'lost', null],
    ['connecting', 'opened', 'connected'],
    ['connecting', 'failed', 'reconnecting'],
    ['connecting', 'refused', 'closed-weekend'],
    ['connecting', 'stop', 'disconnected'],
    ['connected', 'lost', 'reconnecting'],
    ['connected', 'stale', 'reconnecting'],
    ['connected', 'refused', 'closed-weekend'],
    ['connected', 'logout', 'logged-out'],
    ['connected', 'renew', 'connecting'],
    ['connected', 'start', null],
    ['reconnecting', 'retry', 'connecting'],
    ['reconnecting', 'opened', null],
    ['closed-weekend', 'retry', 'connecting'],
    ['logged-out', 'reauthenticated', 'connecting'],
    ['logged-out', 'retry', null],
    ['logged-out', 'stop', 'disconnected'],
  ];
  it.each(table)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });
});

describe('createConnectionManager: connecting, reconnecting and backing off', () => {
  it('connects with a fresh token over an http URL and reports connected', async () => {
    const { manager, hub, connected, tokens } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.status()).toBe('connected');
    expect(hub.transports).toHaveLength(1);
    expect(hub.last().options.url).toBe('http://127.0.0.1:5000/hubs/user');
    await expect(hub.last().options.accessTokenFactory()).resolves.toBe(tokens.issued[0]);
    expect(connected).toEqual([false]);
  });

  it('retries a failed first start at 0, 2, 10, 30, 60 s and then every 60 s for ever', async () => {
    const { manager, hub } = setup();
    hub.failAllStarts(new Error('WebSocket failed to connect'));
    const t0 = Date.now();
    manager.start();
    await vi.advanceTimersByTimeAsync(60_000 * 12);
    const times = attemptTimes(hub.transports, t0);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.slice(0, 5)).toEqual([0, 2000, 10_000, 30_000, 60_000]);
    expect(gaps.length).toBeGreaterThanOrEqual(12);
    for (const gap of gaps.slice(5)) expect(gap).toBe(60_000);
    expect(manager.status()).toBe('reconnecting');
  });

  it('keeps retrying after hours of failure and connects as soon as the server answers', async () => {
    const { manager, hub, connected } = setup();
    hub.failAllStarts(new Error('network down'));
    manager.start();
    await vi.advanceTimersByTimeAsync(3 * 3600_000);
    const before = hub.transports.length;
    expect(before).toBeGreaterThan(170);
    hub.failAllStarts(null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manager.status()).toBe('connected');
    expect(connected).toEqual([false]);
  });

  it('keeps each jittered delay within ±20 % of the policy', async () => {
    const draws = [0, 0.999, 0.25, 0.75, 0, 0.999, 0.5];
    let i = 0;
    const { manager, hub } = setup({ jitterRatio: 0.2, random: () => draws[i++ % draws.length] ?? 0.5 });
    hub.failAllStarts(new Error('down'));
    const t0 = Date.now();
    manager.start();
    await vi.advanceTimersByTimeAsync(600_000);
    const times = attemptTimes(hub.transports, t0);
    const gaps = times.slice(1).map((t, k) => t - (times[k] ?? 0));
    const bases = [0, 2000, 10_000, 30_000, 60_000, 60_000, 60_000];
    bases.forEach((base, k) => {
      const gap = gaps[k] ?? Number.NaN;
      expect(gap).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
      expect(gap).toBeLessThanOrEqual(Math.ceil(base * 1.2));
    });
    // Not all the same: jitter is really applied.
    expect(new Set(gaps.slice(4, 7)).size).toBeGreaterThan(1);
  });

  it('reconnects at once after a lost connection, resubscribes everything and reports a reconnect', async () => {
    const { manager, hub, connected } = setup();
    manager.addSubscription({ method: 'SubscribeAccounts', args: [] });
    manager.addSubscription({ method: 'SubscribeOrders', args: [7], unsubscribeMethod: 'UnsubscribeOrders' });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked.map((c) => c.method)).toEqual(['SubscribeAccounts', 'SubscribeOrders']);

    hub.last().close(new Error('WebSocket closed with status code: 1006'));
    expect(manager.status()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.status()).toBe('connected');
    expect(hub.transports).toHaveLength(2);
    expect(hub.last().invoked).toEqual([
      { method: 'SubscribeAccounts', args: [] },
      { method: 'SubscribeOrders', args: [7] },
    ]);
    expect(connected).toEqual([false, true]);
  });

  it('does not reset the backoff for a connection that drops right after opening', async () => {
    const { manager, hub } = setup({ stableAfterMs: 10_000, serverTimeoutMs: 3600_000 });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    const t0 = Date.now();
    for (const delay of [0, 2000, 10_000, 30_000]) {
      hub.last().close(new Error('flap'));
      await vi.advanceTimersByTimeAsync(delay);
      expect(manager.status()).toBe('connected');
    }
    const times = attemptTimes(hub.transports.slice(1), t0);
    expect(times).toEqual([0, 2000, 12_000, 42_000]);
  });

  it('stops for good on stop(): transport closed, no further retries', async () => {
    const { manager, hub } = setup();
    hub.failNextStarts(new Error('down'));
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.status()).toBe('connected');
    await manager.stop();
    expect(manager.status()).toBe('disconnected');
    expect(hub.last().stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(hub.transports).toHaveLength(2);
  });
});
