import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import type { FetchLike } from '../../../src/core/ports';
import { createSignalRHubFactory, type HubTransportFactory } from '../../../src/core/realtime/hub-transport';
import type { DurableStore } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import {
  enforcingDailyLoss,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';

/**
 * Act first, as the composed guard does it against the simulator: the close leaves inside the
 * task of the hub frame that made the decision — before that task's first microtask, before
 * the lockout, the pending enforcement or the journal entry is written — and the lockout is
 * written right after it, in the same task (so before the worker could sleep).
 */
const rigs = rigPerTest();

function watched(log: string[]) {
  const store: DurableStore = createMemoryStore();
  const watchedStore: DurableStore = {
    ...store,
    put: (name, key, value, options) => {
      log.push(`write ${name}`);
      return store.put(name, key, value, options);
    },
    putMany: (writes, options) => {
      log.push(`write ${writes.map((w) => w.store).join('+')}`);
      return store.putMany(writes, options);
    },
    delete: (name, key, options) => {
      log.push(`delete ${name}`);
      return store.delete(name, key, options);
    },
  };
  const journal = createMemoryJournal();
  const append = journal.append.bind(journal);
  journal.append = (entry) => {
    log.push(`journal ${entry.kind}`);
    return append(entry);
  };
  const fetchPort = ((url, init) => {
    log.push(`fetch ${new URL(url).pathname}`);
    return (fetch as unknown as FetchLike)(url, init);
  }) as FetchLike;
  const real = createSignalRHubFactory();
  const hubFactory: HubTransportFactory = (options) => {
    const transport = real(options);
    transport.onAnyMessage(() => {
      log.push('frame');
      // The first microtask of the frame's task: whatever is logged before it ran within the task.
      queueMicrotask(() => log.push('microtask'));
    });
    return transport;
  };
  return { store: watchedStore, journal, fetch: fetchPort, hubFactory };
}

describe('act first in the composed guard', () => {
  it('sends the close within the deciding frame’s task, before the lockout is written, and writes the lockout in that same task', async () => {
    const log: string[] = [];
    const ports = watched(log);
    const rig = await rigs.start({ config: enforcingDailyLoss(100), harness: ports });
    const { sim, accountId } = rig;
    const from = log.length;
    traderLosesPastLimit(sim, accountId);
    await waitLocked(rig);
    await waitFlat(sim, accountId);
    await rig.harness.guard.whenIdle(accountId);
    const after = log.slice(from);
    const close = after.indexOf('fetch /api/Position/closeContract');
    expect(close, after.join('\n')).toBeGreaterThan(0);
    const frame = after.lastIndexOf('frame', close);
    const task = after.slice(frame, after.indexOf('microtask', frame));
    // Within the deciding frame's task: the close first, then the lockout write.
    expect(task.indexOf('fetch /api/Position/closeContract'), task.join('\n')).toBeGreaterThan(0);
    const beforeClose = task.slice(0, task.indexOf('fetch /api/Position/closeContract'));
    expect(beforeClose.filter((e) => e.startsWith('write') || e.startsWith('journal'))).toEqual([]);
    expect(task.some((e) => e.startsWith('write') && e.includes('lockouts'))).toBe(true);
  });
});
