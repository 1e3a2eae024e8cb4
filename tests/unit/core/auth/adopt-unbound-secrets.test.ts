import { describe, expect, it } from 'vitest';
import { adoptUnboundSecrets } from '../../../../src/core/auth/adopt-unbound-secrets';
import { createSecretVault } from '../../../../src/core/auth/secret-vault';
import { API_CREDENTIALS, createSessionStore, FOREIGN, SESSION_TOKEN } from '../../../../src/core/auth/session-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const HERE = 'https://api.topstepx.com|https://rtc.topstepx.com|https://rtc.topstepx.com';
const ELSEWHERE = 'http://127.0.0.1:5055|http://127.0.0.1:5055|http://127.0.0.1:5055';

/** A vault holding key and token as release 0.1.0 sealed them: no gateway binding. */
async function savedBy010() {
  const store = createMemoryStore();
  const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
  await vault.put(API_CREDENTIALS, JSON.stringify({ userName: 'trader1', apiKey: 'k3y' }));
  await vault.put(SESSION_TOKEN, JSON.stringify({ token: 'jwt', expiresAt: 1_900_000_000_000 }));
  return { store, vault };
}

describe('secrets saved before they were bound to a gateway', () => {
  it('are bound to the gateway stored with them, so the session store loads them instead of deleting them', async () => {
    const { vault } = await savedBy010();
    expect(await adoptUnboundSecrets(vault, HERE)).toEqual([API_CREDENTIALS, SESSION_TOKEN]);
    const session = createSessionStore(vault, HERE);
    expect(await session.loadCredentials()).toEqual({ userName: 'trader1', apiKey: 'k3y' });
    expect(await session.loadToken()).toEqual({ token: 'jwt', expiresAt: 1_900_000_000_000 });
  });

  it('are bound once: a second run finds nothing to bind', async () => {
    const { vault } = await savedBy010();
    await adoptUnboundSecrets(vault, HERE);
    expect(await adoptUnboundSecrets(vault, ELSEWHERE)).toEqual([]);
    // Still bound to the first gateway: for another one they are foreign (and deleted).
    expect(await createSessionStore(vault, ELSEWHERE).loadCredentials()).toBe(FOREIGN);
  });

  it('never rebind a record already bound to another gateway', async () => {
    const store = createMemoryStore();
    const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
    await createSessionStore(vault, ELSEWHERE).saveCredentials({ userName: 'u', apiKey: 'sim-key' });
    expect(await adoptUnboundSecrets(vault, HERE)).toEqual([]);
    expect(await createSessionStore(vault, HERE).loadCredentials()).toBe(FOREIGN);
  });

  it('leave a record the vault cannot open as it is, and malformed ones too', async () => {
    const { store, vault } = await savedBy010();
    const sealed = await store.get<{ data: ArrayBuffer }>('secrets', `secret:${API_CREDENTIALS}`);
    const bytes = new Uint8Array(sealed?.data ?? new ArrayBuffer(1));
    bytes[0] = (bytes[0] ?? 0) ^ 0xff; // tampered
    await store.put('secrets', `secret:${API_CREDENTIALS}`, { ...sealed, data: bytes.buffer });
    await vault.put(SESSION_TOKEN, 'not json');
    expect(await adoptUnboundSecrets(vault, HERE)).toEqual([]);
  });
});
