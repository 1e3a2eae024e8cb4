import { describe, expect, it, vi } from 'vitest';
import { setup, useFakeTimersPerTest } from './connection-manager-fixture';

useFakeTimersPerTest();

describe('createConnectionManager: tokens and authentication', () => {
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
