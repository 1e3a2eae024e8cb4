import { describe, expect, it, vi } from 'vitest';
import { setup, useFakeTimersPerTest } from './connection-manager-fixture';

useFakeTimersPerTest();

describe('createConnectionManager: liveness (server timeout and pings)', () => {
  it('forces a reconnect when a connected hub is silent past the server timeout', async () => {
    const { manager, hub, health } = setup({ serverTimeoutMs: 30_000 });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(hub.transports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(health.some((h) => h.stale)).toBe(true);
    expect(hub.transports[0]?.stopped).toBe(true);
    // (fake timers run a 0 ms timer set inside a timer 1 ms later)
    await vi.advanceTimersByTimeAsync(1);
    expect(hub.transports).toHaveLength(2);
    expect(manager.status()).toBe('connected');
    expect(manager.health().stale).toBe(false);
  });

  it('stays connected on a quiet market as long as the server pings', async () => {
    const { manager, hub } = setup({ serverTimeoutMs: 30_000 });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    for (let k = 0; k < 20; k++) {
      await vi.advanceTimersByTimeAsync(15_000);
      hub.last().ping();
    }
    expect(hub.transports).toHaveLength(1);
    expect(manager.health().lastMessageAt).toBe(Date.now());
  });

  it('leaves silence to the client when the transport cannot see pings', async () => {
    const { manager, hub } = setup({ serverTimeoutMs: 30_000 }, { pingsVisible: false });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(hub.transports).toHaveLength(1);
    expect(manager.health().stale).toBe(false);
  });
});
