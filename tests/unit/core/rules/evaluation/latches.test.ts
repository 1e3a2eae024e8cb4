import { describe, expect, it } from 'vitest';
import { isTaken, release, takeOnce } from '../../../../../src/core/rules/evaluation/latches';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { ctxWith, NOW } from '../fixtures';

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
