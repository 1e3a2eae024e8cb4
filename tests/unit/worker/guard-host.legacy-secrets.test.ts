import { afterEach, describe, expect, it } from 'vitest';
import { createSecretVault } from '../../../src/core/auth/secret-vault';
import { API_CREDENTIALS, createSessionStore } from '../../../src/core/auth/session-store';
import { hostBindingOf, TOPSTEPX_HOSTS } from '../../../src/core/gateway/hosts';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { createGuardHost, hostsOf } from '../../../src/worker/guard-host';
import { offlineGuardDeps } from '../core/guard/offline-deps';

/**
 * An update from 0.1.0: its key was sealed without a gateway binding. The host binds it to
 * the gateway stored with it when that gateway is the one in force, so the trader is not asked
 * for the key again; a stored gateway this build refuses binds nothing.
 */

const hosts: Array<ReturnType<typeof createGuardHost>> = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await (await h.ready().catch(() => null))?.stop();
});

async function profileOf010(gateway: unknown) {
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
  await vault.put(API_CREDENTIALS, JSON.stringify({ userName: 'trader1', apiKey: 'k3y' }));
  if (gateway !== undefined) await store.put('meta', 'gateway', gateway);
  const host = createGuardHost({
    openStorage: async () => ({ store, journal }),
    depsFor: (h, s) => offlineGuardDeps({ ...s, hosts: h }),
  });
  hosts.push(host);
  await host.ready().catch(() => undefined);
  return { vault, journal };
}

const simulator = {
  kind: 'custom' as const,
  restBase: 'http://127.0.0.1:5055',
  userHub: 'http://127.0.0.1:5055/hubs/user',
  marketHub: 'http://127.0.0.1:5055/hubs/market',
};

describe('guard host: secrets saved by 0.1.0', () => {
  it('binds them to TopstepX when no gateway was stored (0.1.0 defaulted to it), and journals it', async () => {
    const { vault, journal } = await profileOf010(undefined);
    const session = createSessionStore(vault, hostBindingOf(TOPSTEPX_HOSTS));
    expect(await session.loadCredentials()).toEqual({ userName: 'trader1', apiKey: 'k3y' });
    expect(journal.entries.map((e) => e.message)).toContain(
      'Secrets saved by an earlier version (api-credentials) are now bound to their gateway',
    );
  });

  it('binds them to the stored custom gateway (the simulator on this computer)', async () => {
    const { vault } = await profileOf010(simulator);
    const session = createSessionStore(vault, hostBindingOf(hostsOf(simulator)));
    expect(await session.loadCredentials()).toEqual({ userName: 'trader1', apiKey: 'k3y' });
  });

  it('binds nothing to TopstepX when the stored gateway is one this build refuses', async () => {
    const remote = {
      ...simulator,
      restBase: 'https://gateway.example.com',
      userHub: 'https://gateway.example.com/hubs/user',
    };
    const { vault } = await profileOf010(remote);
    expect(await createSessionStore(vault, hostBindingOf(TOPSTEPX_HOSTS)).loadCredentials()).not.toEqual({
      userName: 'trader1',
      apiKey: 'k3y',
    });
  });
});
