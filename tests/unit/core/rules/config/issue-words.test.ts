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

describe('validation messages in words, for every kind of setting', () => {
  it('says what to enter for text, a switch, a list, a group, a table and a date', () => {
    expect(words(z.string(), 1)).toEqual(['enter some text']);
    expect(words(z.boolean(), 'yes')).toEqual(['tick or untick it']);
    expect(words(z.array(z.number()), 'x')).toEqual(['enter a list']);
    expect(words(z.strictObject({ a: z.number() }), 'x')).toEqual(['this group of settings is missing']);
    expect(words(z.record(z.string(), z.number()), 'x')).toEqual(['this table is missing']);
    expect(words(z.date(), 'x')).toEqual(['enter a date']);
    expect(words(z.null(), 'x')).toEqual(['not a value this setting takes']);
  });

  it('counts the entries a list or a set must have, and the characters of text', () => {
    expect(words(z.array(z.number()).min(1), [])).toEqual(['add at least one entry']);
    expect(words(z.set(z.number()).min(3), new Set([1]))).toEqual(['add at least 3 entries']);
    expect(words(z.string().min(3), 'ab')).toEqual(['needs at least 3 characters']);
    expect(words(z.array(z.number()).max(2), [1, 2, 3])).toEqual(['at most 2 entries']);
    expect(words(z.set(z.number()).max(1), new Set([1, 2]))).toEqual(['at most 1 entry']);
    expect(words(z.string().max(1000), 'x'.repeat(1001))).toEqual(['at most 1,000 characters']);
  });

  it('words big numbers, in bounds and choices, with separators', () => {
    expect(words(z.bigint().min(1000n), 5n)).toEqual(['must be at least 1,000']);
    expect(words(z.number().multipleOf(5), 7)).toEqual(['must be a multiple of 5']);
    expect(words(z.literal(2500), 1)).toEqual(['must be 2,500']);
    expect(words(z.bigint().multipleOf(1000n), 5n)).toEqual(['must be a multiple of 1,000']);
    expect(words(z.literal(2500n), 1n)).toEqual(['must be 2,500']);
  });

  it('asks for a web address by example', () => {
    expect(words(z.url(), 'not a url')).toEqual(['enter a web address like https://example.com']);
  });

  it('names several unknown settings together, and a choice between shapes', () => {
    expect(words(z.strictObject({}), { a: 1, b: 2 })).toEqual(['unknown settings']);
    expect(words(z.union([z.number(), z.boolean()]), 'x')).toEqual(['not one of the choices this setting takes']);
  });

  it('says what is wrong with a table’s name or a set’s entry by its own problem', () => {
    expect(words(z.record(z.string().min(2, 'a symbol has at least 2 letters'), z.number()), { E: 1 })).toEqual([
      'a symbol has at least 2 letters',
    ]);
    expect(words(z.map(z.string(), z.number()), new Map([['a', 'x']]))).toEqual(['enter a number']);
  });

  it('says what is wrong with a map entry kept under a group of settings by the entry’s own problem', () => {
    const byGroup = z.map(z.strictObject({ account: z.number() }), z.number());
    expect(words(byGroup, new Map([[{ account: 1 }, 'x']]))).toEqual(['enter a number']);
    expect(words(byGroup, new Map([[{}, 1]]))).toEqual(['required']);
  });

  it('still words a bad name or entry that comes without a problem of its own, and leaves an unworded refinement to zod', () => {
    // zod itself always passes the inner problems; a raise by hand need not.
    const raw = (issue: object) => issueInWords(issue as z.core.$ZodRawIssue);
    expect(raw({ code: 'invalid_key', origin: 'record', issues: [], input: 'E' })).toBe('not a valid name');
    expect(raw({ code: 'invalid_element', origin: 'map', issues: [], input: 'x', key: {} })).toBe(
      'one of the entries is not valid',
    );
    expect(raw({ code: 'custom', input: 'x' })).toBeUndefined();
  });
});
