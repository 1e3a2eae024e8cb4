import { describe, expect, it, vi } from 'vitest';
import { setup, useFakeTimersPerTest } from './connection-manager-fixture';

useFakeTimersPerTest();

describe('createConnectionManager: weekend closure', () => {
  it('backs off quietly while the hubs are closed for the weekend and comes back when they open', async () => {
    const { manager, hub, journal } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.failAllStarts(new Error('Unexpected server response: 503'));
    hub.last().close(new Error('Server returned an error on close: hubs closed'));
    expect(manager.status()).toBe('closed-weekend');
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(3600_000);
    // No storm: 0, 2, 10, 30, 60 s and then one per minute.
    const attempts = hub.transports.length - 1;
    expect(attempts).toBeGreaterThanOrEqual(60);
    expect(attempts).toBeLessThanOrEqual(64);
    expect(manager.status()).toBe('closed-weekend');
    // One journal line for the whole closure, not one per attempt.
    expect(journal.entries.filter((e) => e.message === 'user hub closed-weekend')).toHaveLength(1);
    hub.failAllStarts(null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manager.status()).toBe('connected');
    expect(Date.now() - t0).toBeLessThanOrEqual(3600_000 + 60_000);
  });

  it('keeps the closed-weekend label through failures that carry no status, until a connect works', async () => {
    const { manager, hub } = setup({ serverTimeoutMs: 24 * 3600_000 });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    // The real client reports a refused upgrade as a generic failure.
    hub.failAllStarts(new Error('WebSocket failed to connect.'));
    hub.last().close(new Error('Server returned an error on close: Hubs are closed (weekend).'));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(manager.status()).toBe('closed-weekend');
    hub.failAllStarts(null);
    await vi.advanceTimersByTimeAsync(72_000);
    expect(manager.status()).toBe('connected');
    hub.failAllStarts(new Error('WebSocket failed to connect.'));
    hub.last().close(new Error('WebSocket closed with status code: 1006'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(manager.status()).toBe('reconnecting');
  });
});
