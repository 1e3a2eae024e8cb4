import { describe, expect, it } from 'vitest';
import {
  describeAction,
  describeDesired,
  desiredFromAction,
  emptyDesired,
  isTighter,
  mergeDesired,
  mergeKeep,
} from '../../../../src/core/enforce/desired-state';
import type { EnforcementAction } from '../../../../src/core/rules/decision';

const d = (a: EnforcementAction, ruleId = 'r') => desiredFromAction(a, { ruleId, action: a.type, reason: 'x' });
const stop = (stopPrice: number, size: number, side: 0 | 1 = 1) =>
  d({ type: 'protect-stop', contractId: 'X', stopPrice, size, side });

describe('desired state: one action', () => {
  it('names the rule and action behind every target, and none behind “none”', () => {
    expect(d({ type: 'flatten' }, 'dailyRealizedLoss').causes).toEqual([
      { ruleId: 'dailyRealizedLoss', action: 'flatten', reason: 'x' },
    ]);
    expect(d({ type: 'none' }, 'tradingHours')).toEqual(emptyDesired());
  });
});

describe('desired state: merging', () => {
  it('a sell stop is tighter higher, a buy stop lower; an equal one is not tighter', () => {
    expect([isTighter(1, 101, 100), isTighter(1, 99, 100), isTighter(1, 100, 100)]).toEqual([true, false, false]);
    expect([isTighter(0, 99, 100), isTighter(0, 101, 100), isTighter(0, 100, 100)]).toEqual([true, false, false]);
  });

  it('keeps the tighter buy stop of a short, whatever the order of arrival', () => {
    expect(mergeDesired(stop(101, 1, 0), stop(99, 1, 0)).stops.X?.stopPrice).toBe(99);
    expect(mergeDesired(stop(99, 1, 0), stop(101, 1, 0)).stops.X?.stopPrice).toBe(99);
  });

  it('takes the later stop when the position reversed between decisions (the other side)', () => {
    expect(mergeDesired(stop(101, 1, 1), stop(105, 2, 0)).stops.X).toEqual({
      contractId: 'X',
      stopPrice: 105,
      size: 2,
      side: 0,
    });
  });

  it('at the same price, sizes the stop as the later decision asks; at a looser price, ignores it', () => {
    expect(mergeDesired(stop(100, 1), stop(100, 3)).stops.X).toMatchObject({ stopPrice: 100, size: 3 });
    expect(mergeDesired(stop(100, 1), stop(99, 3)).stops.X).toMatchObject({ stopPrice: 100, size: 1 });
  });

  it('keeps a total limit per counting mode, the smaller in each', () => {
    const m = mergeDesired(
      mergeDesired(
        d({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }),
        d({ type: 'reduce-total', maxContracts: 20, counting: 'mini' }),
      ),
      d({ type: 'reduce-total', maxContracts: 15, counting: 'mini' }),
    );
    expect(m.maxTotals).toEqual([
      { maxContracts: 3, counting: 'contracts' },
      { maxContracts: 15, counting: 'mini' },
    ]);
  });

  it('names each rule and action once, a rule with two actions twice', () => {
    const m = mergeDesired(
      mergeDesired(d({ type: 'flatten' }, 'a'), d({ type: 'flatten' }, 'a')),
      mergeDesired(d({ type: 'cancel-order', orderId: 1 }, 'a'), d({ type: 'flatten' }, 'b')),
    );
    expect(m.causes.map((c) => `${c.ruleId}:${c.action}`)).toEqual(['a:flatten', 'a:cancel-order', 'b:flatten']);
  });

  it('remembers the last twenty causes at most', () => {
    let m = emptyDesired();
    for (let i = 0; i < 25; i++) m = mergeDesired(m, d({ type: 'flatten' }, `rule${i}`));
    expect(m.causes).toHaveLength(20);
    expect(m.causes[0]?.ruleId).toBe('rule5');
    expect(m.causes[19]?.ruleId).toBe('rule24');
  });

  it('keeps, of two “keep only” lists, what both keep at the smaller size; one list alone as it is; none when neither has one', () => {
    expect(mergeKeep({ A: 2, B: 1 }, { A: 1, C: 3 })).toEqual({ A: 1 });
    expect(mergeKeep({ A: 2 }, undefined)).toEqual({ A: 2 });
    expect(mergeKeep(undefined, { B: 1 })).toEqual({ B: 1 });
    expect(mergeKeep(undefined, undefined)).toBeUndefined();
    const kept = mergeDesired(
      { ...emptyDesired(), keepOnly: { A: 2 } },
      { ...emptyDesired(), keepOnly: { A: 1, B: 1 } },
    );
    expect(kept.keepOnly).toEqual({ A: 1 });
    expect('keepOnly' in mergeDesired(emptyDesired(), emptyDesired())).toBe(false);
  });
});

describe('desired state in words', () => {
  it('says what each action asks for', () => {
    expect(
      [
        { type: 'flatten' },
        { type: 'reduce-total', maxContracts: 3, counting: 'contracts' },
        { type: 'reduce-total', maxContracts: 15, counting: 'mini' },
        { type: 'reduce-position', contractId: 'X', maxSize: 2 },
        { type: 'close-position', contractId: 'X' },
        { type: 'cancel-order', orderId: 41 },
        { type: 'protect-stop', contractId: 'X', stopPrice: 99.5, size: 1, side: 1 },
        { type: 'none' },
      ].map((a) => describeAction(a as EnforcementAction)),
    ).toEqual([
      'flatten the account',
      'reduce to 3 contracts',
      'reduce to 15 mini-equivalents',
      'reduce X to 2',
      'close X',
      'cancel order 41',
      'put a stop on X at 99.5',
      'take no trading action',
    ]);
  });

  it('says every part of a target, in order', () => {
    const target = {
      ...emptyDesired(),
      maxTotals: [
        { maxContracts: 3, counting: 'contracts' as const },
        { maxContracts: 15, counting: 'mini' as const },
      ],
      positionMax: { X: 0, Y: 2 },
      blockedRoots: ['CL'],
      cancelOrderIds: [41],
      stops: { X: { contractId: 'X', stopPrice: 99.5, size: 1, side: 1 as const } },
      keepOnly: { Z: 1, W: 2 },
    };
    expect(describeDesired(target)).toBe(
      '≤ 3 contracts; ≤ 15 mini-equivalents; no position in X; |Y| ≤ 2; nothing in CL; order 41 cancelled; stop X at 99.5 or tighter; no new exposure (kept: Z ≤ 1, W ≤ 2)',
    );
    expect(describeDesired({ ...emptyDesired(), keepOnly: {} })).toBe('no new exposure');
    expect(describeDesired({ ...target, flat: true })).toBe('flat, no working orders');
  });
});
