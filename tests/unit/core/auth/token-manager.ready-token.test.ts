import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { API_KEY, HOUR, setup, T0, USER } from './token-fixture';

/**
 * `readyToken`: the token getToken would hand out at once, without a wait, so the REST client
 * can send the enforcer's close within the decision's task. Never a token getToken would not
 * hand out: none before the stored session is loaded, inside the refresh buffer, while a
 * sign-in runs, or once the server refused it.
 */
describe('token manager: the token ready now', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the fresh token getToken hands out, and nothing before any sign-in', async () => {
    const { manager } = setup();
    expect(manager.readyToken?.()).toBeUndefined();
    await manager.setCredentials(USER, API_KEY);
    expect(manager.readyToken?.()).toBe(await manager.getToken());
  });

  it('is nothing until a restarted worker has loaded its stored session, then that token', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    const token = await first.manager.getToken();
    const restarted = setup({}, store);
    expect(restarted.manager.readyToken?.()).toBeUndefined();
    await restarted.manager.restore();
    expect(restarted.manager.readyToken?.()).toBe(token);
  });

  it('is nothing inside the refresh buffer (getToken refreshes first) and nothing while that refresh runs', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    vi.setSystemTime(T0 + 23 * HOUR);
    expect(manager.readyToken?.()).toBeUndefined();
    let answer: (token: string) => void = () => {};
    auth.validate.mockImplementationOnce(() => new Promise<string>((resolve) => (answer = resolve)));
    const refreshing = manager.getToken();
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.readyToken?.()).toBeUndefined();
    answer('renewed-token-without-claims');
    expect(await refreshing).toBe('renewed-token-without-claims');
    expect(manager.readyToken?.()).toBe('renewed-token-without-claims');
  });

  it('never is a token the server refused (HTTP 401)', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const refused = await manager.getToken();
    auth.login.mockImplementationOnce(() => new Promise<string>(() => {}));
    void manager.onUnauthorized(refused).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.readyToken?.()).toBeUndefined();
  });
});
