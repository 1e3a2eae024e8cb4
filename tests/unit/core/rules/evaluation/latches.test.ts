import { describe, expect, it } from 'vitest';
import type { BaseSettings } from '../../../../../src/core/rules/catalog/rule-entry';
import { isTaken, release, takeOnce } from '../../../../../src/core/rules/evaluation/latches';
import type { RuleContext } from '../../../../../src/core/rules/rule';
import { copyRuleMemory, emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { NOW } from '../fixtures';

/** Just enough of a rule's context for the shared helpers: settings, memory, clock, writes. */
function ctxWith(memory: RuleMemory = emptyRuleMemory('d'), warnAt = [0.5, 0.8, 0.95], now = NOW) {
  let draft: RuleMemory | null = null;
  const ctx = {
    accountId: 7,
    settings: { mode: 'enforce', warnAt } as BaseSettings,
    mode: 'enforce' as const,
    now,
    memory,
    write() {
      if (!draft) {
        draft = copyRuleMemory(memory);
        ctx.memory = draft;
      }
      return draft;
    },
  };
  return ctx as unknown as RuleContext<BaseSettings> & { memory: RuleMemory };
}

describe('decisions taken once', () => {
  it('takes a decision once per signature until its latch ends; a new signature takes it again', () => {
    const ctx = ctxWith();
    expect(takeOnce(ctx, 'k', 'a', NOW + 1000)).toBe(true);
    expect(takeOnce(ctx, 'k', 'a', NOW + 1000)).toBe(false);
    expect(takeOnce(ctx, 'k', 'b', NOW + 1000)).toBe(true);
    expect(ctx.memory.latches.k).toEqual({ sig: 'b', until: NOW + 1000 });
  });

  it('takes it again once its latch has ended, to the millisecond; a latch until 0 never ends', () => {
    const memory = emptyRuleMemory('d');
    memory.latches.timed = { sig: 'a', until: NOW };
    memory.latches.forever = { sig: 'a', until: 0 };
    expect(takeOnce(ctxWith(memory), 'timed', 'a', NOW + 1)).toBe(true);
    expect(takeOnce(ctxWith(memory, undefined, NOW - 1), 'timed', 'a', NOW + 1)).toBe(false);
    expect(takeOnce(ctxWith(memory, undefined, NOW + 10 ** 9), 'forever', 'a', 0)).toBe(false);
  });

  it('says whether a decision is taken now, its latch ending to the millisecond', () => {
    const memory = emptyRuleMemory('d');
    memory.latches.timed = { sig: 'a', until: NOW };
    memory.latches.forever = { sig: 'a', until: 0 };
    expect(isTaken(ctxWith(memory, undefined, NOW - 1), 'timed')).toBe(true);
    expect(isTaken(ctxWith(memory), 'timed')).toBe(false);
    expect(isTaken(ctxWith(memory, undefined, NOW + 10 ** 9), 'forever')).toBe(true);
    expect(isTaken(ctxWith(memory), 'none')).toBe(false);
  });

  it('releases a latch, writing nothing when there is none', () => {
    const memory = emptyRuleMemory('d');
    memory.latches.k = { sig: 'a', until: 0 };
    const ctx = ctxWith(memory);
    release(ctx, 'k');
    expect(ctx.memory.latches).toEqual({});
    const untouched = ctxWith(memory);
    release(untouched, 'other');
    expect(untouched.memory).toBe(memory);
  });
});
