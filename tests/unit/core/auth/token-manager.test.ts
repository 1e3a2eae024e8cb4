import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jwtExpiry } from '../../../../src/core/auth/token-manager';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { expectNoSecrets, settle } from '../resilience/helpers';
import { API_KEY, errorLog, HOUR, jwt, setup, T0, transientError, USER } from './token-fixture';

const { errors, caught } = errorLog();

describe('token manager', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in with the API key and reports none → refreshing → valid', async () => {
    const { manager, auth, states } = setup();
    expect(manager.state()).toBe('none');
    await manager.setCredentials(USER, API_KEY);
    expect(auth.login).toHaveBeenCalledTimes(1);
    expect(states).toEqual(['refreshing', 'valid']);
    expect(manager.expiresAt()).toBe(T0 + 24 * HOUR);
  });

  it('falls back to a 24 h lifetime for a token without a readable exp', async () => {
    const { manager, auth } = setup();
    auth.login.mockResolvedValueOnce('opaque-token-without-claims');
    await manager.setCredentials(USER, API_KEY);
    expect(await manager.getToken()).toBe('opaque-token-without-claims');
    expect(manager.expiresAt()).toBe(T0 + 24 * HOUR);
  });

  it('refreshes 2 hours before expiry: not at 2 h 01 min left, yes at 1 h 59 min left', async () => {
    const { manager, auth } = setup();
    auth.login.mockResolvedValueOnce(jwt(T0 + 2 * HOUR + 60_000, 'short'));
    await manager.setCredentials(USER, API_KEY);
    expect(manager.needsRefresh()).toBe(false);
    vi.setSystemTime(T0 + 2 * 60_000);
    expect(manager.needsRefresh()).toBe(true);
  });

  it('hands out the cached token without calling the server while it is fresh', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const first = await manager.getToken();
    vi.setSystemTime(T0 + 21 * HOUR);
    expect(await manager.getToken()).toBe(first);
    expect(auth.validate).not.toHaveBeenCalled();
  });

  it('refreshes through validate inside the buffer and moves the expiry forward', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const first = await manager.getToken();
    vi.setSystemTime(T0 + 23 * HOUR);
    const second = await manager.getToken();
    expect(second).not.toBe(first);
    expect(auth.validate).toHaveBeenCalledWith(first);
    expect(auth.login).toHaveBeenCalledTimes(1);
    expect(manager.expiresAt()).toBe(T0 + 47 * HOUR);
  });

  it('runs one refresh for 10 concurrent callers and gives them all the same token', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    vi.setSystemTime(T0 + 23 * HOUR);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => manager.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(auth.validate).toHaveBeenCalledTimes(1);
  });

  it('signs in again with the stored key when validate fails', async () => {
    const { manager, auth, failures } = setup();
    await manager.setCredentials(USER, API_KEY);
    vi.setSystemTime(T0 + 23 * HOUR);
    failures.validate.push(new GatewayError('auth', 'validate: expired token', { errorCode: 3 }));
    const token = await manager.getToken();
    expect(auth.login).toHaveBeenCalledTimes(2);
    expect(jwtExpiry(token)).toBe(T0 + 47 * HOUR);
    expect(manager.state()).toBe('valid');
  });

  it('keeps using the old token while it is still valid when both refresh paths fail, and backs off before retrying', async () => {
    const { manager, auth, failures } = setup({ failureBackoffMs: 30_000 });
    await manager.setCredentials(USER, API_KEY);
    const old = await manager.getToken();
    vi.setSystemTime(T0 + 23 * HOUR);
    failures.validate.push(transientError());
    failures.login.push(transientError());
    expect(await manager.getToken()).toBe(old);
    expect(manager.state()).toBe('failed');
    expect(await manager.getToken()).toBe(old);
    expect(auth.validate).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + 23 * HOUR + 30_000);
    expect(await manager.getToken()).not.toBe(old);
    expect(manager.state()).toBe('valid');
  });

  it('throws an auth error, not an expired token, when the token has expired and sign-in fails', async () => {
    const { manager, failures } = setup();
    await manager.setCredentials(USER, API_KEY);
    vi.setSystemTime(T0 + 25 * HOUR);
    failures.login.push(transientError());
    const error = await caught(manager.getToken());
    expect(error.kind).toBe('transient');
    expect(manager.state()).toBe('failed');
  });

  it('asks to re-enter the key when the server rejects it, and forgets the rejected key', async () => {
    const { manager, auth, failures, vault } = setup();
    failures.login.push(new GatewayError('auth', 'login rejected: invalid API key', { errorCode: 3 }));
    const error = await caught(manager.setCredentials(USER, API_KEY));
    expect(error.kind).toBe('auth');
    expect(manager.state()).toBe('reenter-key');
    expect(await vault.get('api-credentials')).toBeUndefined();
    expect((await caught(manager.getToken())).kind).toBe('auth');
    expect(auth.login).toHaveBeenCalledTimes(1);
  });

  it('refuses getToken with "re-enter your API key" when no key was ever given', async () => {
    const { manager } = setup();
    const error = await caught(manager.getToken());
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error.message).toContain('re-enter your API key');
    expect(manager.state()).toBe('reenter-key');
  });

  it('shares one sign-in among concurrent 401s and gives every caller the replacement token', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    const replacements = await Promise.all([1, 2, 3, 4, 5].map(() => manager.onUnauthorized(dead)));
    expect(new Set(replacements).size).toBe(1);
    expect(replacements[0]).not.toBe(dead);
    expect(auth.login).toHaveBeenCalledTimes(2);
  });

  it('does not refresh again for a 401 on a token that was already replaced', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    const fresh = await manager.onUnauthorized(dead);
    expect(await manager.onUnauthorized(dead)).toBe(fresh);
    expect(auth.login).toHaveBeenCalledTimes(2);
    expect(auth.validate).not.toHaveBeenCalled();
  });

  it('never hands out a token the server rejected while its replacement is on the way', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    let release: (token: string) => void = () => undefined;
    auth.login.mockImplementationOnce(() => new Promise<string>((r) => (release = r)));
    const replay = settle(manager.onUnauthorized(dead));
    const other = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);
    expect(other.result()).toBeUndefined();
    release(jwt(T0 + 24 * HOUR, 'new'));
    // The replacement is persisted (real WebCrypto, off the fake clock) before it is handed out.
    await vi.waitFor(() => expect(replay.result()).toBeDefined());
    expect(replay.result()).toEqual({ status: 'fulfilled', value: jwt(T0 + 24 * HOUR, 'new') });
    expect(other.result()).toEqual(replay.result());
  });

  it('does not fall back to a rejected token when signing in again fails', async () => {
    const { manager, auth, failures } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    failures.login.push(transientError());
    const replay = settle(manager.onUnauthorized(dead));
    const other = settle(manager.getToken());
    await vi.waitFor(() => expect(other.result()).toBeDefined());
    expect(replay.result()?.status).toBe('rejected');
    expect(other.result()?.status).toBe('rejected');
    expect(manager.state()).toBe('failed');
    vi.setSystemTime(Date.now() + 5_000); // past the sign-in backoff
    const next = await manager.getToken();
    expect(next).not.toBe(dead);
    expect(auth.login).toHaveBeenCalledTimes(3);
  });

  it('does not repeat a failed sign-in for 5 s: a burst of 401 replays gets the same error at once', async () => {
    const { manager, auth, failures } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    const refused = transientError();
    failures.login.push(refused);
    expect(await caught(manager.onUnauthorized(dead))).toBe(refused);
    vi.setSystemTime(T0 + 4_999);
    for (let i = 0; i < 20; i++) expect(await caught(manager.onUnauthorized(dead))).toBe(refused);
    expect(await caught(manager.getToken())).toBe(refused);
    expect(auth.login).toHaveBeenCalledTimes(2);
    vi.setSystemTime(T0 + 5_000);
    expect(await manager.onUnauthorized(dead)).not.toBe(dead);
    expect(auth.login).toHaveBeenCalledTimes(3);
  });

  it('always tries when the user enters the key again, even right after a failure', async () => {
    const { manager, auth, failures } = setup();
    failures.login.push(transientError());
    await caught(manager.setCredentials(USER, API_KEY));
    await manager.setCredentials(USER, API_KEY);
    expect(manager.state()).toBe('valid');
    expect(auth.login).toHaveBeenCalledTimes(2);
  });

  it('refreshes on its own timer 2 hours before expiry', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    await vi.advanceTimersByTimeAsync(22 * HOUR - 1);
    expect(auth.validate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(auth.validate).toHaveBeenCalledTimes(1);
    expect(manager.expiresAt()).toBe(T0 + 46 * HOUR);
    manager.dispose();
  });

  it('refreshIfDue does nothing outside the buffer and refreshes inside it (alarm path)', async () => {
    const { manager, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    await manager.refreshIfDue();
    expect(auth.validate).not.toHaveBeenCalled();
    vi.setSystemTime(T0 + 22 * HOUR + 1);
    await manager.refreshIfDue();
    expect(auth.validate).toHaveBeenCalledTimes(1);
    manager.dispose();
  });

  it('forgets key and token on clear() and reports none', async () => {
    const { manager, vault, auth } = setup();
    await manager.setCredentials(USER, API_KEY);
    await manager.clear();
    expect(manager.state()).toBe('none');
    expect(manager.expiresAt()).toBeUndefined();
    expect(await vault.get('api-credentials')).toBeUndefined();
    expect(await vault.get('session-token')).toBeUndefined();
    await caught(manager.getToken());
    expect(auth.login).toHaveBeenCalledTimes(1);
  });

  it('strips the key and the token from errors a transport lets slip through', async () => {
    const { manager, failures } = setup();
    await manager.setCredentials(USER, API_KEY);
    const token = await manager.getToken();
    vi.setSystemTime(T0 + 25 * HOUR);
    failures.login.push(new Error(`POST /api/Auth/loginKey {"apiKey":"${API_KEY}"} failed`));
    const plain = await caught(manager.getToken());
    expect(plain.message).toContain('[redacted]');
    failures.login.push(new GatewayError('transient', `bad bearer ${token}`, { cause: new Error(API_KEY) }));
    vi.setSystemTime(T0 + 26 * HOUR);
    const gw = await caught(manager.getToken());
    expect(gw.kind).toBe('transient');
    failures.login.push(new GatewayError('auth', 'login refused', { cause: `body: {"apiKey":"${API_KEY}"}` }));
    vi.setSystemTime(T0 + 27 * HOUR);
    const inCause = await caught(manager.getToken());
    expect(inCause.kind).toBe('auth');
    expect(inCause.message).toBe('login refused');
    expect(inCause.cause).toBeUndefined();
    expectNoSecrets([plain, gw, inCause], [API_KEY, token]);
  });

  it('never puts the key or a token into any error it produced in these tests', () => {
    expectNoSecrets(errors, [API_KEY, 'sig-t1', 'sig-t2', 'sig-t3']);
  });
});
