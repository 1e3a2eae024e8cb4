import { describe, expect, it } from 'vitest';
import {
  type EngineMemory,
  emptyRuleMemory,
  normalizeEngineMemory,
  type RuleMemory,
  ruleFailuresOf,
} from '../../../../src/core/rules/rule-memory';

/** Rule memory read back from a damaged store: loaded without a throw, what can be read is kept. */

describe('rule memory from a damaged store', () => {
  it('loads an account whose stored memory is null as an empty memory, keeping the others', () => {
    const raw = { accounts: { '7': null as unknown as RuleMemory, '8': { day: '2026-11-25' } as RuleMemory } };
    const loaded = normalizeEngineMemory(raw);
    expect(loaded.accounts['7']).toEqual(emptyRuleMemory(''));
    expect(loaded.accounts['8']?.day).toBe('2026-11-25');
  });

  it('lists no failure for an account whose memory is missing', () => {
    const memory = { accounts: { '7': undefined } } as unknown as EngineMemory;
    expect(ruleFailuresOf(memory)).toEqual([]);
  });
});
