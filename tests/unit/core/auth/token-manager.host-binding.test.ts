import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { API_KEY, HOUR, jwt, setup, T0, USER } from './token-fixture';

/**
 * The key and the session token belong to the gateway they were entered for. A guard built
 * for another gateway (the trader switched from the simulator to TopstepX, or the other way)
 * must never send them there: it forgets them and asks for the key again.
 */
const TOPSTEPX = 'https://api.topstepx.com|https://rtc.topstepx.com|https://rtc.topstepx.com';
const SIMULATOR = 'http://127.0.0.1:5055|http://127.0.0.1:5055|http://127.0.0.1:5055';

describe('token manager: secrets bound to their gateway', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never uses a key or token saved for another gateway: it forgets them and asks for the key again', async () => {
    const store = createMemoryStore();
    const simulator = setup({ boundTo: SIMULATOR }, store);
    await simulator.manager.setCredentials(USER, API_KEY);
    const token = await simulator.manager.getToken();
    simulator.manager.dispose();

    const topstepx = setup({ boundTo: TOPSTEPX }, store);
    await expect(topstepx.manager.getToken()).rejects.toMatchObject({ kind: 'auth' });
    expect(topstepx.manager.state()).toBe('reenter-key');
    expect(topstepx.auth.login).not.toHaveBeenCalled();
    expect(topstepx.auth.validate).not.toHaveBeenCalled();
    // Forgotten at rest too: going back to the simulator does not bring them back either.
    expect(await topstepx.vault.get('api-credentials')).toBeUndefined();
    expect(await topstepx.vault.get('session-token')).toBeUndefined();
    const back = setup({ boundTo: SIMULATOR }, store);
    await expect(back.manager.getToken()).rejects.toMatchObject({ kind: 'auth' });
    expect(back.auth.login).not.toHaveBeenCalled();
    expect(token).toBe(jwt(T0 + 24 * HOUR, 't1'));
  });

  it('keeps using its own secrets after a restart for the same gateway', async () => {
    const store = createMemoryStore();
    const first = setup({ boundTo: TOPSTEPX }, store);
    await first.manager.setCredentials(USER, API_KEY);
    const token = await first.manager.getToken();
    const restarted = setup({ boundTo: TOPSTEPX }, store);
    expect(await restarted.manager.getToken()).toBe(token);
    expect(restarted.manager.state()).toBe('valid');
  });

  it('signs in on the new gateway with a key entered for it', async () => {
    const store = createMemoryStore();
    await setup({ boundTo: SIMULATOR }, store).manager.setCredentials(USER, API_KEY);
    const topstepx = setup({ boundTo: TOPSTEPX }, store);
    await topstepx.manager.restore();
    await topstepx.manager.setCredentials(USER, API_KEY);
    expect(topstepx.manager.state()).toBe('valid');
    const restarted = setup({ boundTo: TOPSTEPX }, store);
    await restarted.manager.getToken();
    expect(restarted.auth.login).not.toHaveBeenCalled();
  });

  it('does not let a sign-in still in flight when the guard was disposed store its token', async () => {
    const store = createMemoryStore();
    const old = setup({ boundTo: SIMULATOR }, store);
    await old.manager.setCredentials(USER, API_KEY);
    let release: (token: string) => void = () => undefined;
    old.auth.login.mockImplementationOnce(() => new Promise<string>((r) => (release = r)));
    const dead = await old.manager.getToken();
    const late = old.manager.onUnauthorized(dead).catch(() => 'superseded');
    await vi.waitFor(() => expect(old.auth.login).toHaveBeenCalledTimes(2));
    old.manager.dispose();
    release(jwt(T0 + 24 * HOUR, 'late'));
    expect(await late).toBe('superseded');
    expect(await old.vault.get('session-token')).toBeUndefined();
  });
});
