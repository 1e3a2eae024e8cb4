import { describe, expect, it } from 'vitest';
import { calendarDate, symbolRoot, timeOfDay } from '../../../../../src/core/rules/catalog/field-meta';

/** The field types the settings share, as the options page checks what the trader types. */

const problem = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
) => schema.safeParse(value).error?.issues.map((i) => i.message);

describe('a time of day', () => {
  it('is HH:MM on a 24-hour clock', () => {
    for (const ok of ['00:00', '08:30', '17:00', '23:59']) expect(timeOfDay.safeParse(ok).success, ok).toBe(true);
  });

  it('takes nothing before or after it, and no hour or minute out of range', () => {
    for (const bad of ['117:00', '17:000', 'at 17:00', '17:00 CT', '24:00', '17:60', '7:00'])
      expect(problem(timeOfDay, bad), bad).toEqual(['enter a time like 17:00']);
  });
});

describe('a calendar date', () => {
  it('is YYYY-MM-DD, with nothing before or after it', () => {
    expect(calendarDate.safeParse('2026-12-25').success).toBe(true);
    for (const bad of ['x2026-12-25', '2026-12-25x', '12/25/2026', '2026-12-5'])
      expect(problem(calendarDate, bad), bad).toEqual(['enter a date like 2026-12-25']);
  });
});

describe('a symbol root', () => {
  it('is typed, and at most 10 characters', () => {
    expect(symbolRoot.safeParse('NQ').success).toBe(true);
    expect(problem(symbolRoot, '')).toEqual(['enter a symbol like NQ']);
    expect(problem(symbolRoot, 'ABCDEFGHIJK')).toEqual(['a symbol has at most 10 characters']);
  });
});
