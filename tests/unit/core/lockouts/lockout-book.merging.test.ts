import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { useFakeTimeAtT0 } from '../enforce/fake-time';
import { ES, makeBook, NEXT_RESET, T0 } from '../enforce/harness';

useFakeTimeAtT0();

const untilReset: LockoutSpec = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } };
const cooldown = (ms: number): LockoutSpec => ({
  kind: 'cooldown',
  end: { type: 'at', at: T0 + ms },
  scope: { type: 'account' },
});
const until = (condition: 'can-trade' | 'setting-changed', scope: LockoutSpec['scope'] = { type: 'account' }) =>
  ({ kind: 'lockout', end: { type: 'condition', condition }, scope }) as LockoutSpec;

const book = (groups?: number[][]) => makeBook(createMemoryStore(), createMemoryJournal(), groups);

describe('lockout book, merging', () => {
  it('keeps one timed lockout per account, whichever account of its group started it: a later end extends it', async () => {
    const b = book([[1, 2]]);
    await b.add({ accountId: 1, ruleId: 'tradeFrequency', reason: 'x', spec: cooldown(60_000) });
    await b.add({ accountId: 2, ruleId: 'dailyRealizedLoss', reason: 'y', spec: untilReset });
    expect(b.active(1, T0)).toHaveLength(1);
    expect(b.active(1, T0)[0]).toMatchObject({
      ruleId: 'dailyRealizedLoss',
      end: { at: NEXT_RESET },
      sourceAccountId: 2,
    });
  });

  it('an equal end keeps the lockout in force as it was, with its rule and reason', async () => {
    const b = book();
    const [first] = await b.add({ accountId: 1, ruleId: 'cooldownAfterLoss', reason: 'loss', spec: cooldown(60_000) });
    const [again] = await b.add({ accountId: 1, ruleId: 'tradeFrequency', reason: 'minute', spec: cooldown(60_000) });
    expect(again).toEqual(first);
    expect(b.all()).toEqual([first]);
  });

  it('answers a lockout already in force by that lockout', async () => {
    const b = book();
    const [first] = await b.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'x', spec: untilReset });
    expect(await b.add({ accountId: 1, ruleId: 'tradeFrequency', reason: 'y', spec: cooldown(60_000) })).toEqual([
      first,
    ]);
  });

  it('keeps a condition lockout apart from a timed one: each ends on its own', async () => {
    const b = book();
    await b.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'x', spec: untilReset });
    await b.add({ accountId: 1, ruleId: 'tradingPermission', reason: 'y', spec: until('can-trade') });
    expect(
      b
        .active(1, T0)
        .map((l) => l.ruleId)
        .sort(),
    ).toEqual(['dailyRealizedLoss', 'tradingPermission']);
    await b.clearCondition(1, 'can-trade');
    expect(b.isLocked(1, T0)).toBe(true);
    await b.expire(NEXT_RESET);
    expect(b.all()).toEqual([]);
  });

  it('a can-trade lockout of a group holds until every account that started it can trade again', async () => {
    const b = book([[1, 2]]);
    await b.add({ accountId: 1, ruleId: 'tradingPermission', reason: '1 may not trade', spec: until('can-trade') });
    await b.add({ accountId: 2, ruleId: 'tradingPermission', reason: '2 may not trade', spec: until('can-trade') });
    expect(b.active(1, T0)).toHaveLength(2);
    await b.clearCondition(1, 'can-trade');
    expect(b.isLocked(1, T0)).toBe(true);
    expect(b.isLocked(2, T0)).toBe(true);
    await b.clearCondition(2, 'can-trade');
    expect(b.all()).toEqual([]);
  });

  it('a lockout that leaves positions open is its own account’s: it locks no group member', async () => {
    const b = book([[1, 2]]);
    const keep: LockoutSpec = { ...untilReset, keep: { [ES]: 2 } };
    const added = await b.add({ accountId: 1, ruleId: 'weeklyTradeLimit', reason: 'x', spec: keep, group: [1, 2] });
    expect(added.map((l) => [l.accountId, l.keep])).toEqual([[1, { [ES]: 2 }]]);
    expect(b.isLocked(2, T0)).toBe(false);
  });

  it('a symbol lockout keeps no positions: it is the whole root', async () => {
    const b = book();
    const [l] = await b.add({
      accountId: 1,
      ruleId: 'symbolBlocks',
      reason: 'x',
      spec: { ...until('setting-changed', { type: 'symbol', root: 'ES' }), keep: { [ES]: 1 } },
    });
    expect(l).not.toHaveProperty('keep');
  });
});

describe('lockout book, what is locked and what ends', () => {
  it('blocks no root by a lockout of the whole account', async () => {
    const b = book();
    await b.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'x', spec: untilReset });
    expect(b.blockedRoots(1, T0)).toEqual([]);
  });

  it('clearing one condition leaves the other', async () => {
    const b = book();
    await b.add({ accountId: 1, ruleId: 'tradingPermission', reason: 'x', spec: until('can-trade') });
    await b.add({
      accountId: 1,
      ruleId: 'symbolBlocks',
      reason: 'y',
      spec: until('setting-changed', { type: 'symbol', root: 'CL' }),
    });
    expect(await b.clearCondition(1, 'setting-changed')).toHaveLength(1);
    expect(b.isLocked(1, T0)).toBe(true);
    expect(await b.clearCondition(1, 'can-trade')).toHaveLength(1);
    expect(b.all()).toEqual([]);
  });

  it('a changed setting ends only the lockouts of the rule named', async () => {
    const b = book();
    const cl = until('setting-changed', { type: 'symbol', root: 'CL' });
    await b.add({ accountId: 1, ruleId: 'symbolBlocks', reason: 'x', spec: cl });
    await b.add({
      accountId: 1,
      ruleId: 'tradingHours',
      reason: 'y',
      spec: until('setting-changed', { type: 'symbol', root: 'NQ' }),
    });
    const ended = await b.clearCondition(1, 'setting-changed', { ruleId: 'tradingHours' });
    expect(ended.map((l) => l.ruleId)).toEqual(['tradingHours']);
    expect(b.blockedRoots(1, T0)).toEqual(['CL']);
  });

  it('the next expiry is the earliest end, in whatever order the lockouts came', async () => {
    const b = book();
    await b.add({ accountId: 1, ruleId: 'r', reason: 'x', spec: cooldown(5_000) });
    await b.add({ accountId: 2, ruleId: 'r', reason: 'x', spec: untilReset });
    expect(b.nextExpiry()).toBe(T0 + 5_000);
  });
});
