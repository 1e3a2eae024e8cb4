import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { liftUnblockedSymbols } from '../../../../src/core/lockouts/lift-unblocked-symbols';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
import { type GuardConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const T0 = Date.parse('2026-11-25T15:00:00Z');
const RESET = Date.parse('2026-11-25T23:00:00Z');

function config(input: Record<string, unknown>): GuardConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}
const blocking = (symbolBlocks: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  config({ defaultProfile: { rules: { symbolBlocks } }, ...extra });

function emptyBook(groups: number[][] = []) {
  return createLockoutBook({
    store: createMemoryStore(),
    clock: { now: () => T0 },
    journal: createMemoryJournal(),
    tradingDay: { nextReset: () => RESET },
    groups: () => groups,
  });
}

async function lockSymbol(book: ReturnType<typeof emptyBook>, root: string) {
  await book.add({
    accountId: 1,
    ruleId: 'symbolBlocks',
    reason: `${root} is blocked`,
    spec: {
      kind: 'lockout',
      end: { type: 'condition', condition: 'setting-changed' },
      scope: { type: 'symbol', root },
    },
  });
}

async function lockedCl(groups: number[][] = []) {
  const book = emptyBook(groups);
  await lockSymbol(book, 'CL');
  return book;
}

/**
 * Hole: a symbol locked by the symbol-block rule stayed locked after the rule was switched off
 * (once that loosening took effect at the reset), because only the list of roots was read.
 */
describe('symbol lockouts end when their reason ends', () => {
  it('lifts the lock once the symbol-block rule is switched off, even with the symbol still listed', async () => {
    const book = await lockedCl();
    await liftUnblockedSymbols(book, blocking({ mode: 'off', roots: ['CL'] }), T0);
    expect(book.blockedRoots(1, T0)).toEqual([]);
  });

  it('lifts the lock once the rule only monitors (the guard no longer enforces the block)', async () => {
    const book = await lockedCl();
    await liftUnblockedSymbols(book, blocking({ mode: 'monitor', roots: ['CL'] }), T0);
    expect(book.blockedRoots(1, T0)).toEqual([]);
  });

  it('lifts the lock of an account the guard no longer monitors', async () => {
    const book = await lockedCl();
    await liftUnblockedSymbols(book, blocking({ mode: 'enforce', roots: ['CL'] }, { monitoredAccountIds: [2] }), T0);
    expect(book.blockedRoots(1, T0)).toEqual([]);
  });

  it('keeps the lock while the rule still blocks the symbol (also when written by ticker)', async () => {
    const book = await lockedCl();
    await liftUnblockedSymbols(book, blocking({ mode: 'enforce', roots: ['CLE'] }), T0);
    expect(book.blockedRoots(1, T0)).toEqual(['CL']);
  });

  it('lifts every symbol no longer blocked and keeps the ones still blocked', async () => {
    const book = await lockedCl();
    await lockSymbol(book, 'NQ');
    await lockSymbol(book, 'ES');
    await liftUnblockedSymbols(book, blocking({ mode: 'enforce', roots: ['ES'] }), T0);
    expect(book.blockedRoots(1, T0)).toEqual(['ES']);
  });

  it('lifts symbol locks only: a whole-account lockout until a setting changes stays', async () => {
    const book = emptyBook();
    await book.add({
      accountId: 1,
      ruleId: 'symbolBlocks',
      reason: 'locked until the setting changes',
      spec: { kind: 'lockout', end: { type: 'condition', condition: 'setting-changed' }, scope: { type: 'account' } },
    });
    await liftUnblockedSymbols(book, blocking({ mode: 'off', roots: [] }), T0);
    expect(book.isLocked(1, T0)).toBe(true);
  });

  it('lifts the copies on a copy-trading group once the account that started it no longer blocks the symbol', async () => {
    const book = await lockedCl([[1, 2]]);
    expect(book.blockedRoots(2, T0)).toEqual(['CL']);
    await liftUnblockedSymbols(
      book,
      blocking(
        { mode: 'enforce', roots: ['CL'] },
        {
          accountOverrides: { '1': { rules: { symbolBlocks: { mode: 'off' } } } },
          accountGroups: [{ name: 'g', accountIds: [1, 2] }],
        },
      ),
      T0,
    );
    expect(book.blockedRoots(1, T0)).toEqual([]);
    expect(book.blockedRoots(2, T0)).toEqual([]);
  });
});
