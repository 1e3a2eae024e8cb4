import { describe, expect, it } from 'vitest';
import { createIntentStore, type IntentRecord } from '../../../../src/core/gateway/intent-store';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const record = (id: string, createdAt: number, state: IntentRecord['state']): IntentRecord => ({
  id,
  action: { kind: 'close', accountId: 1, contractId: 'C' },
  lane: 'routine',
  createdAt,
  updatedAt: createdAt,
  attempts: 0,
  state,
});

describe('intent store', () => {
  it('writes intents with strict durability', async () => {
    const memory = createMemoryStore();
    const durabilities: Array<string | undefined> = [];
    const store: DurableStore = {
      ...memory,
      put: async (name, key, value, options) => {
        durabilities.push(options?.durability);
        return memory.put(name, key, value, options);
      },
    };
    await createIntentStore(store).save(record('a', 1, 'pending'));
    expect(durabilities).toEqual(['strict']);
  });

  it('lists only pending intents, oldest first', async () => {
    const intents = createIntentStore(createMemoryStore());
    await intents.save(record('late', 30, 'pending'));
    await intents.save(record('done', 10, 'resolved'));
    await intents.save(record('early', 20, 'pending'));
    expect((await intents.pending()).map((r) => r.id)).toEqual(['early', 'late']);
    expect((await intents.get('done'))?.state).toBe('resolved');
  });

  it('prunes only resolved intents older than the cut-off, never pending ones', async () => {
    const intents = createIntentStore(createMemoryStore());
    await intents.save(record('old-done', 10, 'resolved'));
    await intents.save(record('old-pending', 10, 'pending'));
    await intents.save(record('new-done', 100, 'resolved'));
    expect(await intents.pruneResolved(50)).toBe(1);
    expect(await intents.get('old-done')).toBeUndefined();
    expect(await intents.get('old-pending')).toBeDefined();
    expect(await intents.get('new-done')).toBeDefined();
  });
});
