import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenManager } from '../../../../src/core/auth/token-manager';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { API_KEY, HOUR, setup, T0, USER } from './token-fixture';

/**
 * A key that the server stops accepting (revoked on the TopstepX site, or mistyped) must not
 * be tried ~700 times an hour: the hubs, the poller and the watchdog all ask for a token.
 */
const refused = () => new GatewayError('auth', 'login refused: invalid API key', { errorCode: 3 });
const MINUTE = 60_000;

/** Ask for a token every second for `ms` (what the hubs, poller and watchdog add up to). */
async function keepAsking(manager: () => TokenManager, ms: number, onSecond?: (t: number) => void): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    onSecond?.(t);
    await manager()
      .getToken()
      .catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
  }
}

describe('token manager: a revoked or wrong key', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Signed in, then the key is revoked and the token with it. */
  async function revoked(store = createMemoryStore()) {
    const s = setup({}, store);
    await s.manager.setCredentials(USER, API_KEY);
    const dead = await s.manager.getToken();
    s.auth.login.mockImplementation(async () => {
      throw refused();
    });
    await s.manager.onUnauthorized(dead).catch(() => undefined);
    return s;
  }

  it('tries a refused key again on a slow schedule: after 1, 2, 4, 8, 16 and then every 30 minutes', async () => {
    const s = await revoked();
    const at: number[] = [];
    s.auth.login.mockImplementation(async () => {
      at.push(Math.round((Date.now() - T0) / MINUTE));
      throw refused();
    });
    await keepAsking(() => s.manager, 2 * HOUR);
    expect(at).toEqual([1, 3, 7, 15, 31, 61, 91]);
    expect(s.manager.state()).toBe('reenter-key');
  });

  it('keeps that schedule across worker restarts (a stopped worker wakes every 30 s)', async () => {
    const store = createMemoryStore();
    const first = await revoked(store);
    let current = first;
    let logins = 0;
    const restart = () => {
      current.manager.dispose();
      current = setup({}, store);
      current.auth.login.mockImplementation(async () => {
        logins++;
        throw refused();
      });
    };
    await keepAsking(
      () => current.manager,
      HOUR,
      (t) => {
        if (t % 30_000 === 0) restart();
      },
    );
    expect(logins).toBeLessThanOrEqual(6);
    expect(current.manager.state()).toBe('reenter-key');
  });

  it('stays at reenter-key while it retries in the background, so views and notifications do not flicker', async () => {
    const s = await revoked();
    const seen: string[] = [];
    s.manager.subscribe((state) => seen.push(state));
    await keepAsking(() => s.manager, 10 * MINUTE);
    expect(seen).toEqual([]);
    expect(s.manager.state()).toBe('reenter-key');
  });

  it('comes back by itself when the server accepts the key again at a scheduled retry', async () => {
    const s = await revoked();
    await vi.advanceTimersByTimeAsync(MINUTE);
    s.auth.login.mockImplementation(async () => 'header.eyJleHAiOjk5OTk5OTk5OTl9.sig');
    expect(await s.manager.getToken()).toBe('header.eyJleHAiOjk5OTk5OTk5OTl9.sig');
    expect(s.manager.state()).toBe('valid');
  });

  it('tries a newly entered key at once and forgets the old schedule', async () => {
    const store = createMemoryStore();
    await revoked(store);
    const restarted = setup({}, store);
    await restarted.manager.restore();
    expect(restarted.manager.state()).toBe('reenter-key');
    await restarted.manager.setCredentials(USER, API_KEY);
    expect(restarted.manager.state()).toBe('valid');
    // A later refusal starts the schedule from its first step again.
    const dead = await restarted.manager.getToken();
    restarted.auth.login.mockImplementation(async () => {
      throw refused();
    });
    await restarted.manager.onUnauthorized(dead).catch(() => undefined);
    const calls = restarted.auth.login.mock.calls.length;
    await vi.advanceTimersByTimeAsync(MINUTE);
    await restarted.manager.getToken().catch(() => undefined);
    expect(restarted.auth.login.mock.calls.length).toBe(calls + 1);
  });

  it('still retries a network failure within seconds (only a refusal is slow)', async () => {
    const s = setup();
    await s.manager.setCredentials(USER, API_KEY);
    const dead = await s.manager.getToken();
    s.auth.login.mockImplementation(async () => {
      throw new GatewayError('transient', 'network failure');
    });
    await s.manager.onUnauthorized(dead).catch(() => undefined);
    await keepAsking(() => s.manager, MINUTE);
    expect(s.auth.login.mock.calls.length).toBeGreaterThanOrEqual(12);
  });
});
