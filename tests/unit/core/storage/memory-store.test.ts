import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

describe('memory store', () => {
  it('returns copies, so a caller mutating a value cannot change what is stored', async () => {
    const store = createMemoryStore();
    const value = { until: 1 };
    await store.put('lockouts', 'a', value);
    value.until = 2;
    const read = await store.get<{ until: number }>('lockouts', 'a');
    expect(read).toEqual({ until: 1 });
    if (read) read.until = 3;
    expect(await store.get('lockouts', 'a')).toEqual({ until: 1 });
  });

  it('writes several values at once, lists, deletes and clears', async () => {
    const store = createMemoryStore();
    await store.putMany([
      { store: 'intents', key: 'i1', value: 1 },
      { store: 'intents', key: 'i2', value: 2 },
      { store: 'meta', key: 'm', value: 'x' },
    ]);
    expect(await store.getAll('intents')).toEqual([
      { key: 'i1', value: 1 },
      { key: 'i2', value: 2 },
    ]);
    await store.delete('intents', 'i1');
    expect(await store.get('intents', 'i1')).toBeUndefined();
    await store.clear('intents');
    expect(await store.getAll('intents')).toEqual([]);
    expect(store.dump()).toEqual({ intents: {}, meta: { m: 'x' } });
  });
});
