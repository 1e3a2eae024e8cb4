import { describe, expect, it } from 'vitest';
import type { Guard } from '../../../src/core/guard/guard';
import type { Gateway } from '../../../src/messaging/protocol';
import { applyDevAutoconnect } from '../../../src/worker/dev-autoconnect';
import type { GuardHost } from '../../../src/worker/guard-host';

function fakeHost(configured: boolean) {
  const saved: Array<{ userName: string; apiKey: string; gateway: Gateway }> = [];
  const guard = { credentials: () => ({ configured, userName: configured ? 'demo' : null }) } as unknown as Guard;
  const host: GuardHost = {
    ready: async () => guard,
    gateway: () => null,
    saveCredentials: async (userName, apiKey, gateway) => {
      saved.push({ userName, apiKey, gateway });
    },
    onGuard: () => undefined,
    startup: () => ({ state: 'ready', attempts: 0, error: null, retryAt: null }),
    storage: () => Promise.reject(new Error('not used')),
  };
  return { host, saved };
}

const file = {
  userName: 'demo',
  apiKey: 'sim-key',
  gateway: {
    kind: 'custom',
    restBase: 'http://127.0.0.1:4000',
    userHub: 'http://127.0.0.1:4000/hubs/user',
    marketHub: 'http://127.0.0.1:4000/hubs/market',
  },
};

describe('applyDevAutoconnect', () => {
  it('saves the credentials and gateway from the packaged file when the guard has none', async () => {
    const { host, saved } = fakeHost(false);
    expect(await applyDevAutoconnect(host, async () => file)).toBe('applied');
    expect(saved).toEqual([{ userName: 'demo', apiKey: 'sim-key', gateway: file.gateway }]);
  });

  it('leaves a guard that already has credentials alone (every later worker start)', async () => {
    const { host, saved } = fakeHost(true);
    expect(await applyDevAutoconnect(host, async () => file)).toBe('already-configured');
    expect(saved).toEqual([]);
  });

  it('does nothing when the build has no such file', async () => {
    const { host, saved } = fakeHost(false);
    expect(await applyDevAutoconnect(host, async () => null)).toBe('absent');
    expect(saved).toEqual([]);
  });

  it('rejects a malformed file without saving anything and without echoing the key', async () => {
    const { host, saved } = fakeHost(false);
    const bad = { ...file, gateway: { kind: 'custom', restBase: 'ftp://x', userHub: 'nope', marketHub: '' } };
    const err = await applyDevAutoconnect(host, async () => bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain('sim-key');
    expect(saved).toEqual([]);
  });
});
