import { describe, expect, it, vi } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
import type { Lockout } from '../../../../src/core/lockouts/lockout-record';
import { systemClock } from '../../../../src/core/ports';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { useFakeTimeAtT0 } from '../enforce/fake-time';
import { makeBook, NEXT_RESET, T0 } from '../enforce/harness';

useFakeTimeAtT0();

const untilReset: LockoutSpec = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } };
const cooldown = (ms: number): LockoutSpec => ({
  kind: 'cooldown',
  end: { type: 'at', at: T0 + ms },
  scope: { type: 'account' },
});

/** A memory store that records every write and delete, and can be told to fail them. */
function recordingStore() {
  const store = createMemoryStore();
  const log: string[] = [];
  const fail = { writes: false, deletes: false };
  const recording: DurableStore & { dump: typeof store.dump } = {
    ...store,
    putMany: (writes, options) => {
      log.push(`putMany ${writes.map((w) => `${w.store}/${w.key}`).join(',')} ${options?.durability}`);
      return fail.writes ? Promise.reject(new Error('QuotaExceededError')) : store.putMany(writes, options);
    },
    delete: (name, key, options) => {
      log.push(`delete ${name}/${key} ${options?.durability}`);
      return fail.deletes ? Promise.reject(new Error('AbortError')) : store.delete(name, key, options);
    },
  };
  return { store: recording, log, fail };
}

function bookOn(store: DurableStore, journal = createMemoryJournal()) {
  return createLockoutBook({ store, clock: systemClock, journal, tradingDay: { nextReset: () => NEXT_RESET } });
}

describe('lockout book on disk', () => {
  it('writes a new lockout, with its figures, into the lockouts store in one strict transaction, and nothing else', async () => {
    const { store, log } = recordingStore();
    const [l] = await bookOn(store).add({
      accountId: 1,
      ruleId: 'r',
      reason: 'x',
      figures: { loss: 520 },
      spec: untilReset,
    });
    expect(log).toEqual([`putMany lockouts/${l?.id} strict`]);
    expect(store.dump().lockouts).toEqual({ [l?.id ?? '']: { ...l, figures: { loss: 520 } } });
  });

  it('deletes an ended lockout with strict durability, writing nothing', async () => {
    const { store, log } = recordingStore();
    const book = bookOn(store);
    const [l] = await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(1_000) });
    log.length = 0;
    await book.expire(T0 + 1_000);
    expect(log).toEqual([`delete lockouts/${l?.id} strict`]);
    expect(store.dump().lockouts).toEqual({});
  });

  it('a delete that failed is done on the next flush', async () => {
    const { store, log, fail } = recordingStore();
    const book = bookOn(store);
    const [l] = await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(1_000) });
    fail.deletes = true;
    await book.expire(T0 + 1_000);
    fail.deletes = false;
    log.length = 0;
    await book.flush();
    expect(log).toEqual([`delete lockouts/${l?.id} strict`]);
    expect(store.dump().lockouts).toEqual({});
  });

  it('says why a save failed', async () => {
    const { store, fail } = recordingStore();
    const journal = createMemoryJournal();
    fail.writes = true;
    await bookOn(store, journal).add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    expect(journal.entries.find((e) => e.kind === 'error')?.data).toEqual({ error: 'QuotaExceededError' });
  });

  it('of two stored records for one account and scope (which should not happen), loads the later end', async () => {
    const store = createMemoryStore();
    const [l] = await makeBook(store, createMemoryJournal()).add({
      accountId: 1,
      ruleId: 'r',
      reason: 'x',
      spec: cooldown(60_000),
    });
    const record = l as Lockout;
    const at = (ms: number): Lockout['end'] => ({ type: 'at', at: T0 + ms, from: 'at' });
    for (const order of [
      [600_000, 60_000],
      [60_000, 600_000],
    ]) {
      await store.clear('lockouts');
      for (const [i, ms] of order.entries())
        await store.put('lockouts', `k${i}`, { ...record, id: `k${i}`, end: at(ms ?? 0) });
      const book = makeBook(store, createMemoryJournal());
      await book.load();
      expect(book.all()).toHaveLength(1);
      expect(book.nextExpiry()).toBe(T0 + 600_000);
    }
  });

  it('of two stored condition records for one key, keeps the first it reads', async () => {
    const store = createMemoryStore();
    const spec: LockoutSpec = {
      kind: 'lockout',
      end: { type: 'condition', condition: 'can-trade' },
      scope: { type: 'account' },
    };
    const [l] = await makeBook(store, createMemoryJournal()).add({ accountId: 1, ruleId: 'first', reason: 'x', spec });
    await store.put('lockouts', 'second', { ...l, id: 'second', ruleId: 'second' });
    const book = makeBook(store, createMemoryJournal());
    await book.load();
    expect(book.all().map((x) => x.ruleId)).toEqual(['first']);
  });
});

describe('lockout book, who hears of a change', () => {
  it('nobody when nothing changed: an ending with nothing due, or a lockout already in force', async () => {
    const { store, log } = recordingStore();
    const book = bookOn(store);
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    const fn = vi.fn();
    book.onChange(fn);
    log.length = 0;
    expect(await book.expire(T0)).toEqual([]);
    await book.add({ accountId: 1, ruleId: 'r2', reason: 'y', spec: cooldown(1_000) });
    expect(fn).not.toHaveBeenCalled();
    expect(log).toEqual([]);
  });

  it('a listener that unsubscribed hears nothing more', async () => {
    const book = makeBook(createMemoryStore(), createMemoryJournal());
    const fn = vi.fn();
    const off = book.onChange(fn);
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(1_000) });
    off();
    await book.expire(T0 + 1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
