import { describe, expect, it } from 'vitest';
import { crossedLevel, enforcement, warnIfCrossed } from '../../../../../src/core/rules/evaluation/decide';
import type { RuleContext } from '../../../../../src/core/rules/rule';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { ctxWith } from '../fixtures';

describe('warning levels', () => {
  it('gives the highest level crossed, whatever order the levels are listed in', () => {
    expect(crossedLevel(ctxWith(undefined, [0.95, 0.5, 0.8]), 'k', 85, 100)).toBe(0.8);
    expect(crossedLevel(ctxWith(), 'k', 50, 100)).toBe(0.5);
    expect(crossedLevel(ctxWith(), 'k', 49, 100)).toBe(0);
    // Listed from the highest down: the first crossed is not the highest crossed.
    expect(crossedLevel(ctxWith(undefined, [0.95, 0.8, 0.5]), 'k', 85, 100)).toBe(0.8);
  });

  it('warns of nothing at or past the limit (a breach), nor for a value or a limit that is not positive', () => {
    expect(crossedLevel(ctxWith(), 'k', 100, 100)).toBe(0);
    expect(crossedLevel(ctxWith(), 'k', 120, 100)).toBe(0);
    expect(crossedLevel(ctxWith(), 'k', 0, 100)).toBe(0);
    expect(crossedLevel(ctxWith(), 'k', -60, 100)).toBe(0);
    expect(crossedLevel(ctxWith(), 'k', 60, 0)).toBe(0);
    expect(crossedLevel(ctxWith(), 'k', 60, -100)).toBe(0);
    // Both negative: their share is positive (60 %), yet nothing here is a limit to warn of.
    expect(crossedLevel(ctxWith(), 'k', -60, -100)).toBe(0);
  });

  it('for a “more than N” limit, warns at the highest level when sitting exactly at it', () => {
    expect(crossedLevel(ctxWith(), 'k', 3, 3, true)).toBe(0.95);
    expect(crossedLevel(ctxWith(), 'k', 4, 3, true)).toBe(0);
  });

  it('warns of each level once a day: not again, but of a higher one', () => {
    const memory = emptyRuleMemory('d');
    memory.warned.k = 0.8;
    expect(crossedLevel(ctxWith(memory), 'k', 85, 100)).toBe(0);
    expect(crossedLevel(ctxWith(memory), 'k', 96, 100)).toBe(0.95);
    expect(crossedLevel(ctxWith(memory), 'other', 85, 100)).toBe(0.8);
  });

  it('builds the warning with its scope key and remembers it', () => {
    const ctx = ctxWith();
    const w = warnIfCrossed(ctx, 'maxContracts', 'ES', 4, 5, '4 of 5 open', { size: 4 });
    expect(w).toEqual({
      kind: 'warning',
      ruleId: 'maxContracts',
      accountId: 7,
      fraction: 0.8,
      level: 0.8,
      message: '4 of 5 open',
      figures: { size: 4 },
    });
    expect(ctx.memory.warned).toEqual({ 'maxContracts:ES': 0.8 });
    const unscoped = ctxWith();
    warnIfCrossed(unscoped, 'dailyRealizedLoss', '', 400, 500, 'x', {});
    expect(unscoped.memory.warned).toEqual({ dailyRealizedLoss: 0.8 });
  });

  it('says at a “more than N” limit that the next one breaches it, and only there', () => {
    expect(warnIfCrossed(ctxWith(), 'maxContracts', '', 3, 3, '3 of 3 open', {}, true)).toMatchObject({
      message: '3 of 3 open: the next one breaches the limit',
    });
    expect(warnIfCrossed(ctxWith(), 'maxContracts', '', 2, 3, '2 of 3 open', {}, true)).toMatchObject({
      message: '2 of 3 open',
    });
    expect(warnIfCrossed(ctxWith(), 'maxContracts', '', 3, 3, '3 of 3', {})).toBeNull();
  });

  it('rounds the fraction to four places', () => {
    expect(warnIfCrossed(ctxWith(), 'r', '', 2, 3, 'm', {})).toMatchObject({ fraction: 0.6667 });
  });
});

describe('what a decision says', () => {
  it('is an enforcement of the account, acted on in enforce mode and only recorded in monitor mode', () => {
    const ctx = ctxWith();
    const lockout = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } } as const;
    expect(enforcement(ctx, 'dailyRealizedLoss', { type: 'flatten' }, 'why', { a: 1 }, lockout)).toEqual({
      kind: 'enforce',
      ruleId: 'dailyRealizedLoss',
      accountId: 7,
      action: { type: 'flatten' },
      reason: 'why',
      figures: { a: 1 },
      monitorOnly: false,
      lockout,
    });
    const monitor = { ...ctx, mode: 'monitor' } as RuleContext<unknown>;
    const d = enforcement(monitor, 'r', { type: 'none' }, 'why', {});
    expect(d).toMatchObject({ monitorOnly: true });
    expect('lockout' in d).toBe(false);
  });
});
