import { describe, expect, it } from 'vitest';
import {
  copyRuleMemory,
  emptyEngineMemory,
  emptyRuleMemory,
  NO_FAILED,
  normalizeEngineMemory,
  normalizeRuleMemory,
  type RuleMemory,
  removeIn,
  ruleFailuresOf,
  setIn,
} from '../../../../src/core/rules/rule-memory';

const DAY = '2026-11-25';

describe('what rules remember', () => {
  it('starts empty for a day, and with no day for an engine that has seen nothing', () => {
    expect(emptyRuleMemory(DAY)).toEqual({
      day: DAY,
      warned: {},
      latches: {},
      stopGrace: {},
      managed: {},
      windowOpen: {},
      drawdown: null,
      judgedWith: {},
      failed: {},
      seen: {},
      trail: null,
      week: null,
    });
    expect(emptyRuleMemory().day).toBe('');
    expect(emptyEngineMemory()).toEqual({ accounts: {} });
  });

  it('copies the records rules write in place, so writing the copy leaves the original as it was', () => {
    const m = emptyRuleMemory(DAY);
    m.warned.a = 0.5;
    m.latches.b = { sig: 'x', until: 0 };
    m.stopGrace.c = { positionId: 1, type: 1, since: 1 };
    m.managed.d = { positionId: 1, type: 1, best: 2, breakeven: false, lastWanted: 3 };
    m.windowOpen.e = true;
    const copy = copyRuleMemory(m);
    expect(copy).toEqual(m);
    copy.warned.a = 0.8;
    copy.latches.b = { sig: 'y', until: 0 };
    copy.stopGrace.c = { positionId: 1, type: 1, since: 2 };
    delete copy.managed.d;
    copy.windowOpen.e = false;
    expect(m.warned.a).toBe(0.5);
    expect(m.latches.b).toEqual({ sig: 'x', until: 0 });
    expect(m.stopGrace.c?.since).toBe(1);
    expect(m.managed.d).toBeDefined();
    expect(m.windowOpen.e).toBe(true);
  });
});

describe('memory read back from storage', () => {
  it('completes memory written before a field existed, keeping what it holds', () => {
    const old = { day: DAY, warned: { a: 0.5 }, latches: { b: { sig: 'x', until: 0 } } } as Partial<RuleMemory>;
    expect(normalizeRuleMemory(old, '2026-11-26')).toEqual({
      ...emptyRuleMemory(DAY),
      warned: { a: 0.5 },
      latches: { b: { sig: 'x', until: 0 } },
    });
  });

  it('keeps every field it finds', () => {
    const full: RuleMemory = {
      day: DAY,
      warned: { a: 0.5 },
      latches: { b: { sig: 'x', until: 1 } },
      stopGrace: { c: { positionId: 4, type: 1, since: 2 } },
      managed: { d: { positionId: 1, type: 1, best: 2, breakeven: true, lastWanted: 3 } },
      windowOpen: { '': true },
      drawdown: { day: DAY, lastBalance: 50_000, highEod: 51_000 },
      judgedWith: { maxContracts: 'sig' },
      failed: { maxContracts: { since: 1, message: 'boom' } },
      seen: { ES: { id: 1, type: 1, size: 2, closes: 0, pendingSince: null } },
      trail: { day: DAY, high: 10 },
      week: { week: '2026-W48', days: {} },
    } as unknown as RuleMemory;
    expect(normalizeRuleMemory(full, '2026-11-26')).toEqual(full);
  });

  it('reads a grace start stored without its position as one whose owner is unknown, and drops what holds no start', () => {
    const raw = {
      stopGrace: {
        a: 5,
        b: { positionId: 3, since: 6 },
        c: 'x',
        d: { since: Number.NaN },
        e: null,
        f: Number.POSITIVE_INFINITY,
        g: { type: 2, since: 7 },
        h: { positionId: '3', type: 1, since: 8 },
      },
    } as unknown as Partial<RuleMemory>;
    expect(normalizeRuleMemory(raw, DAY).stopGrace).toEqual({
      a: { positionId: null, type: null, since: 5 },
      b: { positionId: null, type: null, since: 6 },
      // A side without its position id (or with a damaged one) names no position either.
      g: { positionId: null, type: null, since: 7 },
      h: { positionId: null, type: null, since: 8 },
    });
  });

  it('takes the given day when none was stored, or a stored one is not text, and empties missing memory', () => {
    expect(normalizeRuleMemory({ day: 7 } as unknown as Partial<RuleMemory>, DAY).day).toBe(DAY);
    expect(normalizeRuleMemory({}, DAY).day).toBe(DAY);
    expect(normalizeRuleMemory(undefined, DAY)).toEqual(emptyRuleMemory(DAY));
  });

  it('shares the one empty failure record when none is stored, so “nothing failing” is known by identity', () => {
    expect(normalizeRuleMemory({ failed: {} }, DAY).failed).toBe(NO_FAILED);
    expect(normalizeRuleMemory({}, DAY).failed).toBe(NO_FAILED);
    const failed = { maxContracts: { since: 1, message: 'boom' } };
    expect(normalizeRuleMemory({ failed }, DAY).failed).toBe(failed);
  });

  it('reads every account of the engine’s memory, each with its own day', () => {
    expect(normalizeEngineMemory({ accounts: { '7': { day: DAY } as RuleMemory, '8': {} as RuleMemory } })).toEqual({
      accounts: { '7': emptyRuleMemory(DAY), '8': emptyRuleMemory('') },
    });
    expect(normalizeEngineMemory(null)).toEqual({ accounts: {} });
    expect(normalizeEngineMemory({})).toEqual({ accounts: {} });
  });
});

describe('the rules failing now', () => {
  it('lists each failing rule with its account', () => {
    const failed = (ruleId: string) => ({ [ruleId]: { since: 1, message: `${ruleId} threw` } });
    const memory = {
      accounts: {
        '7': { ...emptyRuleMemory(DAY), failed: failed('maxContracts') },
        '8': emptyRuleMemory(DAY),
        '9': { ...emptyRuleMemory(DAY), failed: failed('weeklyLoss') },
      },
    };
    expect(ruleFailuresOf(memory)).toEqual([
      { accountId: 7, ruleId: 'maxContracts', since: 1, message: 'maxContracts threw' },
      { accountId: 9, ruleId: 'weeklyLoss', since: 1, message: 'weeklyLoss threw' },
    ]);
    expect(ruleFailuresOf(emptyEngineMemory())).toEqual([]);
  });
});

describe('records replaced whole', () => {
  it('sets and removes a key in a new record, leaving the old one as it was', () => {
    const base = { a: 1 };
    expect(setIn(base, 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(removeIn({ a: 1, b: 2 }, 'a')).toEqual({ b: 2 });
    expect(base).toEqual({ a: 1 });
  });
});
