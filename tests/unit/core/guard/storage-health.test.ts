import { describe, expect, it } from 'vitest';
import { createStorageHealth, watchJournal, watchStore } from '../../../../src/core/guard/storage-health';
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
