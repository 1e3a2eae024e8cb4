import { describe, expect, it } from 'vitest';
import {
  describeEnd,
  describeScope,
  type Lockout,
  LockoutRecordSchema,
  lockoutKey,
  resolveEnd,
} from '../../../../src/core/lockouts/lockout-record';
import type { LockoutSpec } from '../../../../src/core/rules/decision';
import { NEXT_RESET, T0 } from '../enforce/harness';

const calendar = { nextReset: () => NEXT_RESET, nextWindowStart: (_ms: number, acct: number) => T0 + acct * 1_000 };

function record(over: Partial<Lockout> = {}): Lockout {
  return {
    id: '1|account|time@1',
    accountId: 1,
    kind: 'lockout',
    scope: { type: 'account' },
    ruleId: 'dailyRealizedLoss',
    reason: 'realized −520 ≤ −500',
    figures: { realizedPnl: -520 },
    start: T0,
    end: { type: 'at', at: NEXT_RESET, from: 'next-reset' },
    sourceAccountId: 1,
    ...over,
  };
}

describe('lockout record', () => {
  describe('the stored shape', () => {
    const stored: Array<[string, Lockout]> = [
      ['a lockout until the reset', record()],
      ['a cooldown until a time', record({ kind: 'cooldown', end: { type: 'at', at: T0 + 60_000, from: 'at' } })],
      ['a lockout until the window opens', record({ end: { type: 'at', at: T0 + 3_000, from: 'next-window' } })],
      [
        'a lockout until trading is allowed, started by another account',
        record({ end: { type: 'condition', condition: 'can-trade' }, sourceAccountId: 2 }),
      ],
      [
        'a symbol lockout until the setting changes',
        record({ scope: { type: 'symbol', root: 'CL' }, end: { type: 'condition', condition: 'setting-changed' } }),
      ],
      [
        'a lockout that keeps positions open, with figures of every type',
        record({ keep: { 'CON.F.US.EP.Z25': 2 }, figures: { trades: 50, over: true, note: 'x', none: null } }),
      ],
    ];

    it.each(stored)('reads back %s as it was written', (_what, l) => {
      expect(LockoutRecordSchema.parse(structuredClone(l))).toEqual(l);
    });

    it('rejects a record without an id, a symbol without a root or a negative size to keep', () => {
      expect(LockoutRecordSchema.safeParse(record({ id: '' })).success).toBe(false);
      expect(LockoutRecordSchema.safeParse(record({ scope: { type: 'symbol', root: '' } })).success).toBe(false);
      expect(LockoutRecordSchema.safeParse(record({ keep: { 'CON.F.US.EP.Z25': -1 } })).success).toBe(false);
    });
  });

  describe('the merge key', () => {
    it('is one per account and scope for a timed lockout, whichever account of the group started it', () => {
      expect(lockoutKey(record({ sourceAccountId: 2 }))).toBe(lockoutKey(record({ sourceAccountId: 1 })));
      expect(lockoutKey(record({ end: { type: 'at', at: T0 + 1, from: 'at' } }))).toBe(lockoutKey(record()));
      expect(lockoutKey(record({ accountId: 2 }))).not.toBe(lockoutKey(record()));
      expect(lockoutKey(record({ scope: { type: 'symbol', root: 'CL' } }))).not.toBe(lockoutKey(record()));
    });

    it('keeps a lockout that leaves positions open apart from one that keeps the account flat', () => {
      expect(lockoutKey(record({ keep: {} }))).not.toBe(lockoutKey(record()));
    });

    it('keeps a condition lockout apart from a timed one, and per condition and per account that started it', () => {
      const canTrade = record({ end: { type: 'condition', condition: 'can-trade' } });
      expect(lockoutKey(canTrade)).not.toBe(lockoutKey(record()));
      expect(lockoutKey(canTrade)).not.toBe(
        lockoutKey(record({ end: { type: 'condition', condition: 'setting-changed' } })),
      );
      expect(lockoutKey(canTrade)).not.toBe(lockoutKey({ ...canTrade, sourceAccountId: 2 }));
    });
  });

  describe('resolving the end when the lockout starts', () => {
    const spec = (end: LockoutSpec['end']): LockoutSpec => ({ kind: 'lockout', end, scope: { type: 'account' } });

    it('keeps a given time, and turns the next reset into its time', () => {
      expect(resolveEnd(spec({ type: 'at', at: T0 + 5 }), calendar, 1, T0)).toEqual({
        type: 'at',
        at: T0 + 5,
        from: 'at',
      });
      expect(resolveEnd(spec({ type: 'next-reset' }), calendar, 1, T0)).toEqual({
        type: 'at',
        at: NEXT_RESET,
        from: 'next-reset',
      });
    });

    it('takes the window opening the rule knows while it is still ahead, else asks the window clock', () => {
      const window = (at?: number) =>
        resolveEnd(spec({ type: 'next-window', ...(at === undefined ? {} : { at }) }), calendar, 4, T0);
      expect(window(T0 + 7_000)).toEqual({ type: 'at', at: T0 + 7_000, from: 'next-window' });
      // An opening at or before now would end the lockout at once: the window clock decides.
      expect(window(T0)).toEqual({ type: 'at', at: T0 + 4_000, from: 'next-window' });
      expect(window(T0 - 1)).toEqual({ type: 'at', at: T0 + 4_000, from: 'next-window' });
      expect(window()).toEqual({ type: 'at', at: T0 + 4_000, from: 'next-window' });
    });

    it('keeps a condition as it is', () => {
      expect(resolveEnd(spec({ type: 'condition', condition: 'can-trade' }), calendar, 1, T0)).toEqual({
        type: 'condition',
        condition: 'can-trade',
      });
    });
  });

  it('says until when and over what, in the words the journal shows', () => {
    expect(describeEnd(record())).toBe(`until ${new Date(NEXT_RESET).toISOString()}`);
    expect(describeEnd(record({ end: { type: 'condition', condition: 'can-trade' } }))).toBe('until can-trade clears');
    expect(describeScope(record())).toBe('account');
    expect(describeScope(record({ scope: { type: 'symbol', root: 'CL' } }))).toBe('symbol CL');
  });
});
