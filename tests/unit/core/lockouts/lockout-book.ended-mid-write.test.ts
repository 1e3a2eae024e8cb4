import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { useFakeTimeAtT0 } from '../enforce/fake-time';
import { makeBook, T0 } from '../enforce/harness';

useFakeTimeAtT0();

const cooldown: LockoutSpec = { kind: 'cooldown', end: { type: 'at', at: T0 + 60_000 }, scope: { type: 'account' } };

describe('lockout book: a lockout that ends while its write is failing', () => {
  it('is not written back by the retry: the store keeps no record of a lockout that has ended', async () => {
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const putMany = store.putMany.bind(store);
    let failWrite: () => void = () => {};
    let failing = true;
    store.putMany = (writes, options) =>
      failing
        ? new Promise<void>((_resolve, reject) => {
            failWrite = () => reject(new Error('QuotaExceededError'));
          })
        : putMany(writes, options);
    const book = makeBook(store, journal);
    const added = book.add({ accountId: 1, ruleId: 'cooldownAfterLoss', reason: 'loss', spec: cooldown });
    // The cooldown is over before its write has answered; then the write fails.
    expect(await book.expire(T0 + 60_000)).toHaveLength(1);
    failWrite();
    await added;
    expect(journal.entries.map((e) => e.kind)).toContain('error');
    failing = false;
    const writes: unknown[] = [];
    store.putMany = (w, options) => {
      writes.push(...w);
      return putMany(w, options);
    };
    await book.flush();
    expect(writes).toEqual([]);
    expect(store.dump().lockouts ?? {}).toEqual({});
    expect(book.all()).toEqual([]);
  });
});
