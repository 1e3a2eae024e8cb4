import { describe, expect, it } from 'vitest';
import { createStorageHealth } from '../../../../src/core/guard/storage-health';
import { createStorageHealthLoop } from '../../../../src/core/guard/storage-health-loop';
import { createMemoryJournal } from '../../../../src/core/journal/journal';

function world() {
  const storage = createStorageHealth(() => 1_000);
  const journal = createMemoryJournal();
  let flushes = 0;
  let views = 0;
  createStorageHealthLoop({
    storage,
    journal,
    clock: { now: () => 2_000 },
    lockouts: {
      flush: async () => {
        flushes++;
      },
    },
    changed: () => views++,
  });
  return { storage, journal, flushes: () => flushes, views: () => views };
}

describe('the disk loop', () => {
  it('journals a disk that refuses writes, once per spell, and tells the views', async () => {
    const w = world();
    const full = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    w.storage.failed(full);
    w.storage.failed(full);
    const entries = await w.journal.list({});
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'error', at: 2_000 });
    expect(entries[0]?.message).toContain('Storage is refusing writes (QuotaExceededError');
    expect(w.views()).toBe(1);
    expect(w.flushes()).toBe(0);
  });

  it('writes the lockouts the full disk refused once writes land again', async () => {
    const w = world();
    w.storage.failed(new Error('closing'));
    w.storage.succeeded();
    expect(w.flushes()).toBe(1);
    expect((await w.journal.list({})).map((e) => e.message)).toContain('Storage accepts writes again');
  });
});
