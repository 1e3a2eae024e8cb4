import { describe, expect, it } from 'vitest';
import {
  createStorageHealth,
  nextStorageHealth,
  STORAGE_EVENTS,
  STORAGE_STATES,
  type StorageEvent,
  type StorageEventType,
  type StorageHealth,
  type StorageState,
  watchJournal,
  watchStore,
} from '../../../../src/core/guard/storage-health';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFullDisk } from '../storage/full-disk';

describe('storage health', () => {
  it('turns failing on a refused write, keeps the first failure time, and is ok again after a write lands', async () => {
    let now = 1000;
    const health = createStorageHealth(() => now);
    const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
    const store = watchStore(disk.store, health);
    const journal = watchJournal(disk.journal, health);
    const changes: string[] = [];
    health.onChange((h) => changes.push(h.state));
    disk.fill();
    await expect(store.put('lockouts', 'a', 1)).rejects.toThrow('quota');
    now = 2000;
    await expect(journal.append({ at: now, kind: 'error', accountId: null, message: 'x' })).rejects.toThrow();
    expect(health.current()).toEqual({
      state: 'failing',
      since: 1000,
      lastError: 'QuotaExceededError: The quota has been exceeded.',
      quota: true,
      failedWrites: 2,
    });
    // Reads never count: they still work on a full disk.
    expect(await store.get('lockouts', 'a')).toBeUndefined();
    disk.free();
    await store.put('lockouts', 'a', 1);
    expect(health.current().state).toBe('ok');
    // Listeners hear transitions only, not every refused write.
    expect(changes).toEqual(['failing', 'ok']);
  });
});

describe('storage health: the state machine', () => {
  const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
  const STATUS: Record<StorageState, StorageHealth> = {
    ok: { state: 'ok', since: null, lastError: null, quota: false, failedWrites: 0 },
    failing: { state: 'failing', since: 100, lastError: 'Error: closing', quota: false, failedWrites: 2 },
  };
  const EVENT: Record<StorageEventType, StorageEvent> = {
    'write-failed': { type: 'write-failed', error: quota, at: 500 },
    'write-succeeded': { type: 'write-succeeded' },
  };
  /** Every state against every event: where it goes, null where the machine ignores it. */
  const TABLE: Array<[StorageState, StorageEventType, StorageState | null]> = [
    ['ok', 'write-failed', 'failing'],
    ['ok', 'write-succeeded', null],
    ['failing', 'write-failed', 'failing'],
    ['failing', 'write-succeeded', 'ok'],
  ];

  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(STORAGE_STATES.length * STORAGE_EVENTS.length);
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextStorageHealth(STATUS[from], EVENT[event])?.state ?? null).toBe(to);
  });

  it('keeps when the failing spell began, counts each refused write and names the last failure', () => {
    expect(nextStorageHealth(STATUS.ok, EVENT['write-failed'])).toEqual({
      state: 'failing',
      since: 500,
      lastError: 'QuotaExceededError: The quota has been exceeded.',
      quota: true,
      failedWrites: 1,
    });
    expect(nextStorageHealth(STATUS.failing, EVENT['write-failed'])).toMatchObject({ since: 100, failedWrites: 3 });
    expect(nextStorageHealth(STATUS.failing, EVENT['write-succeeded'])).toEqual(STATUS.ok);
  });
});
