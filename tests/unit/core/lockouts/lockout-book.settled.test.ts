import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { useFakeTimeAtT0 } from '../enforce/fake-time';
import { makeBook, T0 } from '../enforce/harness';

useFakeTimeAtT0();

const untilReset: LockoutSpec = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } };

/** Lets every queued promise callback run, many rounds over. */
async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('lockout book, writes in flight', () => {
  it('settled() stays pending for as long as a write begun before it has not landed, then resolves', async () => {
    const store = createMemoryStore();
    let land: () => void = () => {};
    const put = store.putMany.bind(store);
    store.putMany = (writes, options) =>
      new Promise<void>((resolve) => {
        land = () => void put(writes, options).then(resolve);
      });
    const book = makeBook(store, createMemoryJournal());
    void book.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'limit', spec: untilReset });
    expect(book.isLocked(1, T0)).toBe(true);
    let settled = false;
    void book.settled().then(() => {
      settled = true;
    });
    await drain();
    expect(settled).toBe(false);
    land();
    await drain();
    expect(settled).toBe(true);
  });

  it('settles at once when nothing is being written', async () => {
    const book = makeBook(createMemoryStore(), createMemoryJournal());
    let settled = false;
    void book.settled().then(() => {
      settled = true;
    });
    await drain();
    expect(settled).toBe(true);
  });
});
