import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
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
const symbolBlock = (root: string): LockoutSpec => ({
  kind: 'lockout',
  end: { type: 'condition', condition: 'setting-changed' },
  scope: { type: 'symbol', root },
});
const canTrade: LockoutSpec = {
  kind: 'lockout',
  end: { type: 'condition', condition: 'can-trade' },
  scope: { type: 'account' },
};
const RESET = new Date(NEXT_RESET).toISOString();

function setup(groups?: number[][]) {
  const journal = createMemoryJournal();
  return { journal, book: makeBook(createMemoryStore(), journal, groups) };
}

describe('what the lockout book tells the journal', () => {
  it('a new lockout: what, of what, until when, and why, with its record', async () => {
    const { book, journal } = setup();
    const [l] = await book.add({
      accountId: 1,
      ruleId: 'dailyRealizedLoss',
      reason: 'realized −520 ≤ −500',
      figures: { realizedPnl: -520 },
      spec: untilReset,
    });
    expect(journal.entries).toEqual([
      expect.objectContaining({
        at: T0,
        kind: 'lockout',
        accountId: 1,
        ruleId: 'dailyRealizedLoss',
        message: `Lockout of account until ${RESET}: realized −520 ≤ −500`,
        data: {
          id: l?.id,
          kind: 'lockout',
          scope: { type: 'account' },
          start: T0,
          end: { type: 'at', at: NEXT_RESET, from: 'next-reset' },
          figures: { realizedPnl: -520 },
        },
      }),
    ]);
  });

  it('calls a cooldown a cooldown and a symbol lockout by its symbol', async () => {
    const { book, journal } = setup();
    await book.add({ accountId: 1, ruleId: 'tradeFrequency', reason: '5 orders in a minute', spec: cooldown(60_000) });
    await book.add({ accountId: 1, ruleId: 'symbolBlocks', reason: 'CL is blocked', spec: symbolBlock('CL') });
    expect(journal.entries.map((e) => e.message)).toEqual([
      `Cooldown of account until ${new Date(T0 + 60_000).toISOString()}: 5 orders in a minute`,
      'Lockout of symbol CL until setting-changed clears: CL is blocked',
    ]);
  });

  it('a later end extends the lockout; an earlier one keeps it, and says it is never shortened', async () => {
    const { book, journal } = setup();
    await book.add({ accountId: 1, ruleId: 'cooldownAfterLoss', reason: 'loss', spec: cooldown(600_000) });
    await book.add({ accountId: 1, ruleId: 'tradeFrequency', reason: 'minute', spec: cooldown(60_000) });
    await book.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'day', spec: untilReset });
    expect(journal.entries.slice(1).map((e) => e.message)).toEqual([
      `Cooldown of account already locked until ${new Date(T0 + 600_000).toISOString()}; kept (a lockout is never shortened): minute`,
      `Lockout of account extended until ${RESET}: day`,
    ]);
  });

  it('a group member locked with the account that broke its limit says whose breach it was', async () => {
    const { book, journal } = setup([[1, 2]]);
    await book.add({ accountId: 2, ruleId: 'dailyRealizedLoss', reason: 'day', spec: untilReset });
    const byAccount = Object.fromEntries(journal.entries.map((e) => [e.accountId, e.data]));
    expect(byAccount[1]).toMatchObject({ groupOf: 2 });
    expect(byAccount[2]).not.toHaveProperty('groupOf');
  });

  it('an end: which lockout, and why it ended', async () => {
    const { book, journal } = setup();
    const [timed] = await book.add({ accountId: 1, ruleId: 'tradeFrequency', reason: 'x', spec: cooldown(60_000) });
    await book.add({ accountId: 1, ruleId: 'symbolBlocks', reason: 'x', spec: symbolBlock('CL') });
    await book.add({ accountId: 1, ruleId: 'tradingPermission', reason: 'x', spec: canTrade });
    await book.expire(T0 + 60_000);
    await book.clearCondition(1, 'setting-changed', { root: 'CL' });
    await book.clearCondition(1, 'can-trade');
    const unlocks = journal.entries.filter((e) => e.kind === 'unlock');
    expect(unlocks.map((e) => [e.ruleId, e.message])).toEqual([
      ['tradeFrequency', 'Cooldown of account ended: its time is over'],
      ['symbolBlocks', 'Lockout of symbol CL ended: the setting changed'],
      ['tradingPermission', 'Lockout of account ended: trading is allowed again'],
    ]);
    expect(unlocks[0]).toMatchObject({
      at: T0,
      accountId: 1,
      data: { id: timed?.id, kind: 'cooldown', scope: { type: 'account' }, start: T0, end: timed?.end },
    });
  });

  it('a record it cannot read: which one, and what is wrong with it', async () => {
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const [good] = await makeBook(store, createMemoryJournal()).add({
      accountId: 1,
      ruleId: 'r',
      reason: 'x',
      spec: untilReset,
    });
    await store.put('lockouts', 'junk', { ...good, accountId: 'one', scope: { type: 'symbol', root: '' } });
    await makeBook(store, journal).load();
    expect(journal.entries).toEqual([
      expect.objectContaining({
        kind: 'error',
        accountId: null,
        message: 'A stored lockout could not be read and was skipped',
        data: {
          key: 'junk',
          issues: [
            'accountId: Invalid input: expected number, received string',
            expect.stringMatching(/^scope\.root: /),
          ],
        },
      }),
    ]);
  });
});
