import { describe, expect, it, vi } from 'vitest';
import {
  anyFailed,
  clearFailure,
  failureMessage,
  recordFailure,
} from '../../../../../src/core/rules/engine/rule-failures';
import { copyRuleMemory, emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { ACCOUNT, DAY, NOW } from '../fixtures';

/** A rule that throws: remembered once per bout of failing, reported in bounded words, forgotten when it works. */

/** A memory and the engine's copy-on-first-write draft around it. */
function drafted(base: RuleMemory) {
  let draft: RuleMemory | null = null;
  const write = vi.fn(() => {
    draft ??= copyRuleMemory(base);
    return draft;
  });
  return { write, current: () => draft ?? base };
}

const fail = (m: RuleMemory, write: () => RuleMemory, error: unknown = new Error('no price')) =>
  recordFailure(m, write, { ruleId: 'dailyNetLoss', accountId: ACCOUNT, eventKind: 'quote', error, now: NOW });

describe('rule failures', () => {
  it('reports a rule’s failure the first time, with the error’s words, and remembers since when', () => {
    const m = emptyRuleMemory(DAY.key);
    const d = drafted(m);
    expect(fail(m, d.write)).toEqual({
      ruleId: 'dailyNetLoss',
      accountId: ACCOUNT,
      message: 'Error: no price',
      eventKind: 'quote',
    });
    expect(d.current().failed).toEqual({ dailyNetLoss: { message: 'Error: no price', since: NOW } });
    expect(anyFailed(d.current())).toBe(true);
  });

  it('reports nothing more while the same bout of failing lasts', () => {
    const d = drafted(emptyRuleMemory(DAY.key));
    fail(d.current(), d.write);
    const later = d.current();
    expect(fail(later, d.write, new Error('still no price'))).toBeNull();
    expect(later.failed.dailyNetLoss?.message).toBe('Error: no price');
  });

  it('forgets the failure when the rule works again: no rule is failing then', () => {
    const d = drafted(emptyRuleMemory(DAY.key));
    fail(d.current(), d.write);
    clearFailure(d.current(), d.write, 'dailyNetLoss');
    expect(d.current().failed).toEqual({});
    expect(anyFailed(d.current())).toBe(false);
  });

  it('writes nothing when a rule that was not failing works', () => {
    const m = emptyRuleMemory(DAY.key);
    const d = drafted(m);
    clearFailure(m, d.write, 'dailyNetLoss');
    expect(d.write).not.toHaveBeenCalled();
    expect(anyFailed(m)).toBe(false);
  });

  it('bounds the words of a long error to 300 characters, and keeps one of exactly 300 whole', () => {
    const long = failureMessage(new Error('x'.repeat(400)));
    expect(long).toHaveLength(300);
    expect(long).toMatch(/^Error: x+\.\.\.$/);
    const exact = `Error: ${'y'.repeat(293)}`;
    expect(failureMessage(new Error('y'.repeat(293)))).toBe(exact);
  });
});
