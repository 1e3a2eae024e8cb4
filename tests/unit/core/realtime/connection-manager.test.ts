import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../../src/core/ports';
import {
  type ConnectionEvent,
  type ConnectionManagerOptions,
  createConnectionManager,
  nextStatus,
} from '../../../../src/core/realtime/connection-manager';
import type { HubHealth, HubStatus } from '../../../../src/core/state/events';
import { createMemoryJournal } from '../../../../src/core/state/journal';
import { createFakeHub, createFakeTokens } from './fake-hub';

const clock = { now: () => Date.now() };

function setup(overrides: Partial<ConnectionManagerOptions> = {}, hubOptions: { pingsVisible?: boolean } = {}) {
  const hub = createFakeHub(hubOptions);
  const tokens = createFakeTokens();
  const journal = createMemoryJournal();
  const events: Array<{ event: string; args: unknown[] }> = [];
  const health: HubHealth[] = [];
  const connected: boolean[] = [];
  const manager = createConnectionManager({
    hub: 'user',
    url: 'http://127.0.0.1:5000/hubs/user',
    transportFactory: hub.factory,
    tokens,
    clock,
    timers: systemTimers,
    random: () => 0.5,
    jitterRatio: 0,
    onEvent: (event, args) => events.push({ event, args }),
    onHealth: (h) => health.push(h),
    onConnected: (info) => connected.push(info.reconnected),
    journal,
    ...overrides,
  });
  return { hub, tokens, journal, events, health, connected, manager };
}

/** Relative times (ms after start) at which transports were created. */
function attemptTimes(transports: Array<{ createdAt: number }>, t0: number): number[] {
  return transports.map((t) => t.createdAt - t0);
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 15, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

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

describe('createConnectionManager', () => {
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

  it('asks the token provider for a fresh token on every reconnect', async () => {
    const { manager, hub, tokens } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    for (let k = 0; k < 3; k++) {
      hub.last().close(new Error('dropped'));
      await vi.advanceTimersByTimeAsync(15_000);
    }
    const used = await Promise.all(hub.transports.map((t) => t.options.accessTokenFactory()));
    expect(used).toEqual(['token-1', 'token-2', 'token-3', 'token-4']);
    expect(tokens.issued).toHaveLength(4);
  });

  it('subscribes at once when connected, ignores duplicates, unsubscribes and forgets removed ones', async () => {
    const { manager, hub } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    const spec = { method: 'SubscribeTrades', args: [9], unsubscribeMethod: 'UnsubscribeTrades' };
    manager.addSubscription(spec);
    manager.addSubscription(spec);
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeTrades', args: [9] }]);
    manager.removeSubscription('SubscribeTrades', [9]);
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked.at(-1)).toEqual({ method: 'UnsubscribeTrades', args: [9] });
    hub.last().close(new Error('dropped'));
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked).toEqual([]);
    expect(manager.subscriptions()).toEqual([]);
  });

  it('renews the connection before the token expires', async () => {
    const expiresAt = Date.now() + 3600_000;
    const { manager, hub, connected } = setup({
      tokenExpiresAt: () => expiresAt,
      renewBeforeMs: 600_000,
      serverTimeoutMs: 24 * 3600_000,
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(3000_000 - 1);
    expect(hub.transports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(hub.transports).toHaveLength(2);
    expect(hub.transports[0]?.stopped).toBe(true);
    expect(manager.status()).toBe('connected');
    expect(connected).toEqual([false, true]);
    // The abandoned connection's late close does not trigger another reconnect.
    hub.transports[0]?.close(new Error('closed by stop'));
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.transports).toHaveLength(2);
  });

  it('treats GatewayLogout as blind: logged-out, re-authenticates, then reconnects', async () => {
    const { manager, hub, tokens, health, journal } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.last().emit('GatewayLogout');
    expect(manager.status()).toBe('logged-out');
    expect(health.map((h) => h.status)).toContain('logged-out');
    expect(hub.transports[0]?.stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.unauthorized).toEqual(['token-1']);
    expect(manager.status()).toBe('connected');
    expect(hub.transports).toHaveLength(2);
    expect(journal.entries.map((e) => e.message)).toContain('user hub logged-out');
  });

  it('stays logged-out and asks again quietly while re-authentication fails', async () => {
    const { manager, hub, tokens, journal } = setup({ serverTimeoutMs: 24 * 3600_000 });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    tokens.failReauth = true;
    hub.last().emit('GatewayLogout');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(manager.status()).toBe('logged-out');
    expect(tokens.unauthorized.length).toBeGreaterThan(3);
    expect(journal.entries.filter((e) => e.message === 'user hub logged-out')).toHaveLength(1);
    tokens.failReauth = false;
    await vi.advanceTimersByTimeAsync(60_000 * 1.2);
    expect(manager.status()).toBe('connected');
  });

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

  it('re-authenticates on the second failure of a streak and then every tenth (a silently revoked token)', async () => {
    const { manager, hub, tokens } = setup({ serverTimeoutMs: 24 * 3600_000 });
    hub.failAllStarts(new Error('WebSocket failed to connect.'));
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.unauthorized).toHaveLength(0);
    // Attempt k fails with k failures behind it; k = 1, 10, 20 ... make attempt k + 1 re-authenticate.
    await vi.advanceTimersByTimeAsync(2000);
    expect(tokens.unauthorized).toEqual(['token-2']);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    const n = hub.transports.length;
    const expected = [1, 10, 20, 30, 40].filter((k) => k <= n - 2).length;
    expect(n).toBeGreaterThan(31);
    expect(tokens.unauthorized).toHaveLength(expected);
    expect(expected).toBe(4);
  });

  it('re-authenticates before the next attempt when the upgrade is refused with 401', async () => {
    const { manager, hub, tokens } = setup();
    hub.failNextStarts(new Error('Unexpected server response: 401'));
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.unauthorized).toEqual(['token-1']);
    expect(manager.status()).toBe('connected');
    await expect(hub.last().options.accessTokenFactory()).resolves.toBe('token-2');
  });

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

  it('passes every hub event through with its raw arguments and survives a throwing handler', async () => {
    let calls = 0;
    const { manager, hub, journal } = setup({
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.last().emit('GatewayUserOrder', { id: 1 });
    hub.last().emit('GatewayUserTrade', 5, { id: 2 });
    expect(calls).toBe(2);
    expect(manager.status()).toBe('connected');
    expect(journal.entries.some((e) => e.message === 'user hub event handler failed')).toBe(true);
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

  it('reconnects when resubscribing fails', async () => {
    const { manager, hub } = setup();
    manager.addSubscription({ method: 'SubscribeAccounts', args: [] });
    hub.failInvokeOf('SubscribeAccounts');
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.transports.length).toBeGreaterThanOrEqual(2);
    hub.failInvokeOf(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(manager.status()).toBe('connected');
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeAccounts', args: [] }]);
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

  it('redacts a token quoted in an error text before it reaches the journal', async () => {
    const { manager, hub, journal } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub
      .last()
      .close(new Error('WebSocket wss://rtc/hubs/user?id=1&access_token=eyJ.secret.sig failed; Bearer eyJ.other'));
    const text = JSON.stringify(journal.entries);
    expect(text).toContain('access_token=[redacted]');
    expect(text).not.toContain('eyJ');
  });

  it('starts the backoff from 0 again when a long-lived connection is renewed and the renewal fails', async () => {
    const expiresAt = Date.now() + 3600_000;
    const { manager, hub } = setup({ tokenExpiresAt: () => expiresAt, serverTimeoutMs: 24 * 3600_000 });
    hub.failNextStarts(new Error('a'), new Error('b'), new Error('c'));
    manager.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(manager.status()).toBe('connected');
    hub.failNextStarts(new Error('renewal failed'));
    const before = hub.transports.length;
    await vi.advanceTimersByTimeAsync(3000_000);
    // renewal attempt fails, the retry comes at once (0 s), not after the old streak's 30 s
    await vi.advanceTimersByTimeAsync(1);
    expect(hub.transports.length).toBe(before + 2);
    expect(manager.status()).toBe('connected');
  });

  it('never puts the token in the journal', async () => {
    const { manager, hub, journal } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.last().close(new Error('dropped'));
    hub.last().emit('GatewayLogout');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(JSON.stringify(journal.entries)).not.toMatch(/token-\d/);
  });
});
