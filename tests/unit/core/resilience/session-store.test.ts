import { describe, expect, it } from 'vitest';
import { createSecretVault } from '../../../../src/core/resilience/secret-vault';
import { API_CREDENTIALS, createSessionStore, SESSION_TOKEN } from '../../../../src/core/resilience/session-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

function sessionOn() {
  const vault = createSecretVault({ store: createMemoryStore(), subtle: globalThis.crypto.subtle });
  return { vault, session: createSessionStore(vault) };
}

describe('session store', () => {
  it('round-trips credentials and the token with its expiry through the vault', async () => {
    const { session } = sessionOn();
    await session.saveCredentials({ userName: 'u', apiKey: 'k' });
    await session.saveToken({ token: 't', expiresAt: 123 });
    expect(await session.loadCredentials()).toEqual({ userName: 'u', apiKey: 'k' });
    expect(await session.loadToken()).toEqual({ token: 't', expiresAt: 123 });
    await session.forgetToken();
    await session.forgetCredentials();
    expect(await session.loadToken()).toBeUndefined();
    expect(await session.loadCredentials()).toBeUndefined();
  });

  it('reads malformed records as absent instead of half-filled sessions', async () => {
    const { vault, session } = sessionOn();
    await vault.put(API_CREDENTIALS, '{"userName":"u"}');
    await vault.put(SESSION_TOKEN, 'not json');
    expect(await session.loadCredentials()).toBeUndefined();
    expect(await session.loadToken()).toBeUndefined();
    await vault.put(SESSION_TOKEN, '{"token":"t","expiresAt":"tomorrow"}');
    expect(await session.loadToken()).toBeUndefined();
  });
});
