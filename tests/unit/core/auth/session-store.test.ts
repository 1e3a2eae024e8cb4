import { describe, expect, it } from 'vitest';
import { createSecretVault } from '../../../../src/core/auth/secret-vault';
import {
  API_CREDENTIALS,
  createSessionStore,
  FOREIGN,
  SESSION_TOKEN,
  SIGN_IN_REFUSAL,
} from '../../../../src/core/auth/session-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const HERE = 'https://api.topstepx.com|https://rtc.topstepx.com|https://rtc.topstepx.com';
const ELSEWHERE = 'http://127.0.0.1:5055|http://127.0.0.1:5055|http://127.0.0.1:5055';

function sessionOn() {
  const vault = createSecretVault({ store: createMemoryStore(), subtle: globalThis.crypto.subtle });
  return { vault, session: createSessionStore(vault, HERE) };
}

describe('session store', () => {
  it('round-trips credentials, the token with its expiry and a refusal through the vault', async () => {
    const { session } = sessionOn();
    await session.saveCredentials({ userName: 'u', apiKey: 'k' });
    await session.saveToken({ token: 't', expiresAt: 123 });
    await session.saveRefusal({ refusals: 2, at: 456 });
    expect(await session.loadCredentials()).toEqual({ userName: 'u', apiKey: 'k' });
    expect(await session.loadToken()).toEqual({ token: 't', expiresAt: 123 });
    expect(await session.loadRefusal()).toEqual({ refusals: 2, at: 456 });
    await session.forgetToken();
    await session.forgetCredentials();
    await session.forgetRefusal();
    expect(await session.loadToken()).toBeUndefined();
    expect(await session.loadCredentials()).toBeUndefined();
    expect(await session.loadRefusal()).toBeUndefined();
  });

  it('reads malformed records as absent instead of half-filled sessions', async () => {
    const { vault, session } = sessionOn();
    await vault.put(API_CREDENTIALS, JSON.stringify({ userName: 'u', boundTo: HERE }));
    await vault.put(SESSION_TOKEN, 'not json');
    await vault.put(SIGN_IN_REFUSAL, JSON.stringify({ refusals: -1, at: 1, boundTo: HERE }));
    expect(await session.loadCredentials()).toBeUndefined();
    expect(await session.loadToken()).toBeUndefined();
    expect(await session.loadRefusal()).toBeUndefined();
    await vault.put(SESSION_TOKEN, JSON.stringify({ token: 't', expiresAt: 'tomorrow', boundTo: HERE }));
    expect(await session.loadToken()).toBeUndefined();
  });

  it('reports records saved for another gateway, or before records were bound, as foreign and deletes them', async () => {
    const { vault, session } = sessionOn();
    await createSessionStore(vault, ELSEWHERE).saveCredentials({ userName: 'u', apiKey: 'k' });
    await vault.put(SESSION_TOKEN, JSON.stringify({ token: 't', expiresAt: 123 }));
    expect(await session.loadCredentials()).toBe(FOREIGN);
    expect(await session.loadToken()).toBe(FOREIGN);
    expect(await vault.get(API_CREDENTIALS)).toBeUndefined();
    expect(await vault.get(SESSION_TOKEN)).toBeUndefined();
  });
});
