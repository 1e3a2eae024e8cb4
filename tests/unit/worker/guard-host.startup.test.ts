import { afterEach, describe, expect, it } from 'vitest';
import type { Guard } from '../../../src/core/guard/guard';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import type { DurableStore } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { createGuardHost, type GuardStorage } from '../../../src/worker/guard-host';
import { offlineGuardDeps } from '../core/guard/offline-deps';

/**
 * A worker whose storage fails while it starts (IndexedDB refusing to open, a read failing)
 * used to stay broken for its whole life: every handler rejected the same way. It now tries
 * again with backoff and says so.
 */

function hostWith(openStorage: () => Promise<GuardStorage>) {
  const host = createGuardHost({
    openStorage,
    startupRetryDelaysMs: [20, 40],
    depsFor: (hosts, { store, journal }) => offlineGuardDeps({ store, journal, hosts }),
  });
  hosts.push(host);
  return host;
}

const hosts: Array<ReturnType<typeof createGuardHost>> = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await (await h.ready().catch(() => null))?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('guard host: start-up failures heal', () => {
  it('opens storage again after it failed to open, and starts the guard', async () => {
    let opens = 0;
    const host = hostWith(async () => {
      opens++;
      if (opens <= 2) throw new DOMException('Internal error opening backing store', 'UnknownError');
      return { store: createMemoryStore(), journal: createMemoryJournal() };
    });
    await expect(host.ready()).rejects.toThrow(/could not start \(attempt 1: UnknownError/);
    expect(host.startup()).toMatchObject({ state: 'failed', attempts: 1 });
    await sleep(150);
    const guard: Guard = await host.ready();
    expect(guard.view().config).toBeDefined();
    expect(host.startup().state).toBe('ready');
    expect(opens).toBe(3);
  });

  it('builds the guard again when loading its state failed, and keeps what was stored', async () => {
    const inner = createMemoryStore();
    await inner.put('meta', 'user-name', 'trader1');
    let failing = true;
    const store: DurableStore = {
      ...inner,
      get: (name, key) =>
        failing && name === 'config' ? Promise.reject(new Error('read failed')) : inner.get(name, key),
    };
    const host = hostWith(async () => ({ store, journal: createMemoryJournal() }));
    await expect(host.ready()).rejects.toThrow(/read failed/);
    failing = false;
    await sleep(100);
    const guard = await host.ready();
    expect(guard.credentials().userName).toBe('trader1');
  });
});
