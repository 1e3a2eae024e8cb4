import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueInWords } from '../../../../../src/core/rules/config/issue-words';

const words = (schema: z.ZodType, value: unknown): string[] => {
  const r = schema.safeParse(value, { error: issueInWords });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('validation messages in words', () => {
  it('says what to enter instead of naming a type', () => {
    expect(words(z.number(), 'abc')).toEqual(['enter a number']);
    expect(words(z.number().int(), 1.5)).toEqual(['enter a whole number']);
    expect(words(z.strictObject({ a: z.number() }), {})).toEqual(['required']);
  });

  it('states bounds as "at least", "more than", "at most" with thousands separators', () => {
    expect(words(z.number().min(5), 1)).toEqual(['must be at least 5']);
    expect(words(z.number().positive(), 0)).toEqual(['must be more than 0']);
    expect(words(z.number().max(10_000_000), 20_000_000)).toEqual(['must be at most 10,000,000']);
    expect(words(z.number().lt(1), 1)).toEqual(['must be less than 1']);
  });

  it('counts entries and characters for lists and text', () => {
    expect(words(z.array(z.number()).min(2), [1])).toEqual(['add at least 2 entries']);
    expect(words(z.array(z.number()).max(1), [1, 2])).toEqual(['at most 1 entry']);
    expect(words(z.string().min(1), '')).toEqual(['cannot be empty']);
  });

  it('never shows a regular expression, and keeps a message written on the schema', () => {
    expect(words(z.string().regex(/^\d+$/), 'x')).toEqual(['not in the form this setting takes']);
    expect(words(z.string().regex(/^\d+$/, 'enter a number of days'), 'x')).toEqual(['enter a number of days']);
  });

  it('names the choices of a list of options and unknown settings', () => {
    expect(words(z.enum(['off', 'on']), 'x')).toEqual(['choose one of: off, on']);
    expect(words(z.strictObject({}), { typo: 1 })).toEqual(['unknown setting']);
  });
});
