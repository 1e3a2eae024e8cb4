import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { StoreName } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { expectNoSecrets, settle } from '../resilience/helpers';
import { API_KEY, errorLog, HOUR, jwt, setup, T0, USER } from './token-fixture';

const { errors, caught } = errorLog();

describe('token manager: persistence across worker restarts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores key and token encrypted, and a restarted worker reuses the token without signing in', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    const token = await first.manager.getToken();
    const dump = JSON.stringify(store.dump(), (_k, v) =>
      v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Buffer.from(v as ArrayBuffer).toString('latin1') : v,
    );
    expect(dump).not.toContain(API_KEY);
    expect(dump).not.toContain(token);

    vi.setSystemTime(T0 + HOUR);
    const restarted = setup({}, store);
    expect(await restarted.manager.getToken()).toBe(token);
    expect(restarted.manager.state()).toBe('valid');
    expect(restarted.auth.login).not.toHaveBeenCalled();
    expect(restarted.manager.expiresAt()).toBe(T0 + 24 * HOUR);
  });

  it('detects a persisted token that expired while the worker slept and signs in again', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    const old = await first.manager.getToken();
    vi.setSystemTime(T0 + 30 * HOUR);
    const restarted = setup({}, store);
    const token = await restarted.manager.getToken();
    expect(token).not.toBe(old);
    expect(restarted.auth.login).toHaveBeenCalledTimes(1);
  });

  it('goes to reenter-key when the stored secrets cannot be decrypted', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    const other = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await store.put('secrets', 'vault-key', other);
    const restarted = setup({}, store);
    await restarted.manager.restore();
    expect(restarted.manager.state()).toBe('reenter-key');
    const error = await caught(restarted.manager.getToken());
    expect(error.message).toContain('re-enter your API key');
    await restarted.manager.setCredentials(USER, API_KEY);
    expect(restarted.manager.state()).toBe('valid');
  });

  it('asks the store again after it failed to answer, instead of forgetting the saved session', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    const token = await first.manager.getToken();
    let fail = true;
    const flaky: typeof store = {
      ...store,
      get: <T>(name: StoreName, key: string): Promise<T | undefined> => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('IndexedDB is closing'));
        }
        return store.get<T>(name, key);
      },
    };
    const restarted = setup({}, flaky);
    expect((await caught(restarted.manager.getToken())).message).toContain('IndexedDB is closing');
    expect(await restarted.manager.getToken()).toBe(token);
    expect(restarted.auth.login).not.toHaveBeenCalled();
  });

  it('does not bring back the previous session after a restart when a new key is refused', async () => {
    const store = createMemoryStore();
    const first = setup({}, store);
    await first.manager.setCredentials(USER, API_KEY);
    first.failures.login.push(new GatewayError('auth', 'login rejected: invalid API key'));
    await caught(first.manager.setCredentials(USER, API_KEY));
    const restarted = setup({}, store);
    expect((await caught(restarted.manager.getToken())).kind).toBe('auth');
    expect(restarted.manager.state()).toBe('reenter-key');
    expect(restarted.auth.login).not.toHaveBeenCalled();
  });

  it('drops a sign-in that was in flight when clear() ran: nothing is kept or stored', async () => {
    const { manager, auth, vault } = setup();
    let release: (token: string) => void = () => undefined;
    auth.login.mockImplementationOnce(() => new Promise<string>((r) => (release = r)));
    const signIn = settle(manager.setCredentials(USER, API_KEY));
    await vi.waitFor(() => expect(auth.login).toHaveBeenCalledTimes(1));
    await manager.clear();
    release(jwt(T0 + 24 * HOUR, 'late'));
    await vi.waitFor(() => expect(signIn.result()).toBeDefined());
    expect(signIn.result()?.status).toBe('rejected');
    expect(manager.state()).toBe('none');
    expect(manager.expiresAt()).toBeUndefined();
    expect(await vault.get('session-token')).toBeUndefined();
  });

  it('never puts the key or a token into any error it produced in these tests', () => {
    expectNoSecrets(errors, [API_KEY, 'sig-t1', 'sig-t2', 'sig-t3']);
  });
});
