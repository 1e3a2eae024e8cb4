import { describe, expect, it } from 'vitest';
import { MODES, modeSchema, warnAtSchema } from '../../../../../src/core/rules/catalog/rule-block';

/** What every rule block shares: its mode and its warning levels, with the words a wrong value gets. */

const problems = (value: unknown) => warnAtSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('a rule block’s warning levels', () => {
  it('warns at 50, 80 and 95 % of the limit unless told otherwise', () => {
    expect(warnAtSchema.parse(undefined)).toEqual([0.5, 0.8, 0.95]);
  });

  it('takes levels between 0 and 100 % of the limit, each refused with its reason', () => {
    expect(problems([0.25, 0.99])).toEqual([]);
    expect(problems([0])).toEqual(['each warning must be above 0 %']);
    expect(problems([1])).toEqual(['each warning must be below 100 %']);
  });

  it('takes at most 5 levels', () => {
    expect(problems([0.1, 0.2, 0.3, 0.4, 0.5])).toEqual([]);
    expect(problems([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])).toEqual(['at most 5 warnings']);
  });
});

describe('a rule block’s mode', () => {
  it('is off, monitor or enforce, with the rule’s own default', () => {
    expect(MODES).toEqual(['off', 'monitor', 'enforce']);
    expect(modeSchema('monitor').parse(undefined)).toBe('monitor');
    expect(modeSchema('off').safeParse('on').success).toBe(false);
  });
});
