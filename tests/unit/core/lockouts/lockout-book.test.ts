import { describe, expect, it, vi } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
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

function setup(groups?: number[][]) {
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  return { store, journal, book: makeBook(store, journal, groups) };
}

describe('lockout book', () => {
  it('locks the account until 17:00 Chicago after the daily loss limit, and the lockout is on disk when add resolves', async () => {
    const { store, book, journal } = setup();
    const [l] = await book.add({
      accountId: 1,
      ruleId: 'daily-realized-loss',
      reason: 'realized −520 ≤ −500',
      figures: { realizedPnl: -520, limit: 500 },
      spec: untilReset,
    });
    expect(l).toMatchObject({ accountId: 1, end: { type: 'at', at: NEXT_RESET, from: 'next-reset' }, start: T0 });
    expect(Object.values(store.dump().lockouts ?? {})).toEqual([l]);
    expect(book.isLocked(1, T0)).toBe(true);
    expect(book.isLocked(1, NEXT_RESET - 1)).toBe(true);
    expect(book.isLocked(1, NEXT_RESET)).toBe(false);
    expect(book.isLocked(2, T0)).toBe(false);
    expect(journal.entries).toMatchObject([
      { kind: 'lockout', accountId: 1, ruleId: 'daily-realized-loss', data: { figures: { realizedPnl: -520 } } },
    ]);
  });

  it('is in force from the moment add is called, and settled() waits for the write begun with it', async () => {
    const { store, book } = setup();
    let land: () => void = () => {};
    const put = store.putMany.bind(store);
    store.putMany = (writes, options) =>
      new Promise<void>((resolve) => {
        land = () => void put(writes, options).then(resolve);
      });
    const adding = book.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'limit', spec: untilReset });
    expect(book.isLocked(1, T0)).toBe(true);
    let settled = false;
    void book.settled().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    land();
    await adding;
    await book.settled();
    expect(Object.keys(store.dump().lockouts ?? {})).toHaveLength(1);
  });

  it('writes with strict durability', async () => {
    const store = createMemoryStore();
    const seen: unknown[] = [];
    const spy: DurableStore = {
      ...store,
      putMany: (w, o) => {
        seen.push(o);
        return store.putMany(w, o);
      },
    };
    const book = createLockoutBook({
      store: spy,
      clock: systemClock,
      journal: createMemoryJournal(),
      tradingDay: { nextReset: () => NEXT_RESET },
    });
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    expect(seen).toEqual([{ durability: 'strict' }]);
  });

  it('survives a restart: a new book on the same store loads it', async () => {
    const { store, journal, book } = setup();
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(60_000) });
    const again = makeBook(store, journal);
    await again.load();
    expect(again.isLocked(1, T0 + 59_999)).toBe(true);
    expect(again.nextExpiry()).toBe(T0 + 60_000);
  });

  it('expires at its time, journals the unlock and deletes the record', async () => {
    const { store, journal, book } = setup();
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(60_000) });
    expect(await book.expire(T0 + 59_999)).toEqual([]);
    const ended = await book.expire(T0 + 60_000);
    expect(ended).toHaveLength(1);
    expect(book.all()).toEqual([]);
    expect(store.dump().lockouts).toEqual({});
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'unlock', accountId: 1 });
    expect(book.nextExpiry()).toBeNull();
  });

  it('a worker asleep across the reset finds the day lockout over on wake', async () => {
    const { store, journal, book } = setup();
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    const woke = makeBook(store, journal);
    await woke.load();
    expect(woke.isLocked(1, NEXT_RESET + 3_600_000)).toBe(false);
    expect(await woke.expire(NEXT_RESET + 3_600_000)).toHaveLength(1);
  });

  it('merging keeps the LATER end and never shortens an active lockout', async () => {
    const { book } = setup();
    await book.add({ accountId: 1, ruleId: 'cooldown-after-loss', reason: 'tier 1', spec: cooldown(600_000) });
    await book.add({ accountId: 1, ruleId: 'trade-frequency', reason: 'minute', spec: cooldown(60_000) });
    expect(book.all()).toHaveLength(1);
    expect(book.all()[0]).toMatchObject({ ruleId: 'cooldown-after-loss', end: { at: T0 + 600_000 } });
    await book.add({ accountId: 1, ruleId: 'daily-realized-loss', reason: 'day', spec: untilReset });
    expect(book.all()).toHaveLength(1);
    expect(book.all()[0]).toMatchObject({ ruleId: 'daily-realized-loss', end: { at: NEXT_RESET }, start: T0 });
  });

  it('a new lockout after the previous one ended starts fresh', async () => {
    const { book } = setup();
    const [a] = await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(1_000) });
    vi.setSystemTime(T0 + 5_000);
    const [b] = await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(60_000) });
    expect(b?.id).not.toBe(a?.id);
    expect(b?.start).toBe(T0 + 5_000);
  });

  it('locks every account of a copy-trading group, in one transaction', async () => {
    const { book, store } = setup([
      [1, 2, 3],
      [7, 8],
    ]);
    const added = await book.add({ accountId: 2, ruleId: 'r', reason: 'x', spec: untilReset });
    expect(added.map((l) => l.accountId).sort()).toEqual([1, 2, 3]);
    expect(added.every((l) => l.sourceAccountId === 2)).toBe(true);
    expect(Object.keys(store.dump().lockouts ?? {})).toHaveLength(3);
    expect(book.isLocked(7, T0)).toBe(false);
    const explicit = await book.add({ accountId: 7, ruleId: 'r', reason: 'x', spec: untilReset, group: [9] });
    expect(explicit.map((l) => l.accountId).sort()).toEqual([7, 9]);
  });

  it('a condition lockout holds until its condition clears for the account that started it', async () => {
    const { book } = setup([[1, 2]]);
    await book.add({
      accountId: 1,
      ruleId: 'trading-permission',
      reason: 'canTrade false',
      spec: { kind: 'lockout', end: { type: 'condition', condition: 'can-trade' }, scope: { type: 'account' } },
    });
    expect(book.isLocked(2, T0 + 10 * 86_400_000)).toBe(true);
    expect(book.nextExpiry()).toBeNull();
    expect(await book.clearCondition(2, 'can-trade')).toEqual([]);
    const ended = await book.clearCondition(1, 'can-trade');
    expect(ended.map((l) => l.accountId).sort()).toEqual([1, 2]);
    expect(book.isLocked(1, T0)).toBe(false);
  });

  it('symbol lockouts block their root only and end when the setting changes', async () => {
    const { book } = setup();
    const spec = (root: string): LockoutSpec => ({
      kind: 'lockout',
      end: { type: 'condition', condition: 'setting-changed' },
      scope: { type: 'symbol', root },
    });
    await book.add({ accountId: 1, ruleId: 'symbol-blocks', reason: 'CL blocked', spec: spec('CL') });
    await book.add({ accountId: 1, ruleId: 'symbol-blocks', reason: 'NQ blocked', spec: spec('NQ') });
    expect(book.isLocked(1, T0)).toBe(false);
    expect(book.blockedRoots(1, T0).sort()).toEqual(['CL', 'NQ']);
    await book.clearCondition(1, 'setting-changed', { root: 'CL' });
    expect(book.blockedRoots(1, T0)).toEqual(['NQ']);
  });

  it('a lockout until the next window resolves through the window clock, else the next reset', async () => {
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const withWindow = createLockoutBook({
      store,
      clock: systemClock,
      journal,
      tradingDay: { nextReset: () => NEXT_RESET, nextWindowStart: (_ms, acct) => T0 + acct * 1_000 },
    });
    const spec: LockoutSpec = { kind: 'lockout', end: { type: 'next-window' }, scope: { type: 'account' } };
    expect((await withWindow.add({ accountId: 3, ruleId: 'trading-hours', reason: 'x', spec }))[0]?.end).toEqual({
      type: 'at',
      at: T0 + 3_000,
      from: 'next-window',
    });
    const known = { kind: 'lockout', end: { type: 'next-window', at: T0 + 7_000 }, scope: { type: 'account' } };
    expect(
      (await withWindow.add({ accountId: 4, ruleId: 'trading-hours', reason: 'x', spec: known as LockoutSpec }))[0]
        ?.end,
    ).toMatchObject({ at: T0 + 7_000 });
    const without = makeBook(createMemoryStore(), journal);
    expect((await without.add({ accountId: 3, ruleId: 'trading-hours', reason: 'x', spec }))[0]?.end).toMatchObject({
      at: NEXT_RESET,
    });
  });

  it('keeps a lockout in force when the store fails, says so, and saves it on flush', async () => {
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    let broken = true;
    const flaky: DurableStore = {
      ...store,
      putMany: (w, o) => (broken ? Promise.reject(new Error('QuotaExceededError')) : store.putMany(w, o)),
    };
    const book = createLockoutBook({
      store: flaky,
      clock: systemClock,
      journal,
      tradingDay: { nextReset: () => NEXT_RESET },
    });
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    expect(book.isLocked(1, T0)).toBe(true);
    expect(journal.entries.some((e) => e.kind === 'error' && e.message.includes('Could not save lockouts'))).toBe(true);
    expect(store.dump().lockouts).toBeUndefined();
    broken = false;
    await book.flush();
    expect(Object.keys(store.dump().lockouts ?? {})).toHaveLength(1);
  });

  it('skips a malformed stored record with an error in the journal, keeping the good ones', async () => {
    const { store, journal, book } = setup();
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    await store.put('lockouts', 'junk', { accountId: 'one' });
    const again = makeBook(store, journal);
    await again.load();
    expect(again.isLocked(1, T0)).toBe(true);
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'error' });
  });

  it('nextExpiry is the earliest time-based end, for the alarm', async () => {
    const { book } = setup();
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: untilReset });
    await book.add({ accountId: 2, ruleId: 'r', reason: 'x', spec: cooldown(5_000) });
    expect(book.nextExpiry()).toBe(T0 + 5_000);
  });

  it('notifies listeners on every change', async () => {
    const { book } = setup();
    const fn = vi.fn();
    book.onChange(fn);
    await book.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(5_000) });
    await book.expire(T0 + 5_000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
