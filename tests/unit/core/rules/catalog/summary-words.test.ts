import { describe, expect, it } from 'vitest';
import {
  andList,
  countOf,
  orList,
  sentence,
  timeWords,
  usd,
  weekdayWords,
  zoneWords,
} from '../../../../../src/core/rules/catalog/summary-words';

describe('words for a rule’s sentence', () => {
  it('writes dollars whole or with cents', () => {
    expect([usd(500), usd(1125), usd(562.5), usd(0.1)]).toEqual(['$500', '$1,125', '$562.50', '$0.10']);
  });

  it('counts one thing in the singular and any other number in the plural', () => {
    expect([countOf(1, 'contract'), countOf(5, 'contract'), countOf(0, 'contract'), countOf(1500, 'tick')]).toEqual([
      '1 contract',
      '5 contracts',
      '0 contracts',
      '1,500 ticks',
    ]);
  });

  it('names the usual trading zones briefly, and any other by its name', () => {
    expect(
      ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'UTC'].map(
        zoneWords,
      ),
    ).toEqual(['CT', 'ET', 'MT', 'PT', 'UK time', 'UTC']);
    expect(zoneWords('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(timeWords('17:00', 'America/Chicago')).toBe('17:00 CT');
  });

  it('writes days as runs, in week order, once each, ignoring what is no weekday', () => {
    expect(weekdayWords([5, 1, 2, 3, 4])).toBe('Mon–Fri');
    expect(weekdayWords([0, 2, 4])).toBe('Sun, Tue, Thu');
    expect(weekdayWords([1, 2, 4, 5])).toBe('Mon, Tue, Thu, Fri');
    expect(weekdayWords([1, 2, 3, 5])).toBe('Mon–Wed, Fri');
    expect(weekdayWords([3, 3, 7, -1])).toBe('Wed');
    expect(weekdayWords([6, 0, 1, 2, 3, 4, 5])).toBe('every day');
    expect(weekdayWords([])).toBe('no day');
  });

  it('joins a list with “or” or “and” before its last part', () => {
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
    expect([orList(['a', 'b']), andList(['a', 'b'])]).toEqual(['a or b', 'a and b']);
    expect([orList(['a']), andList(['a'])]).toEqual(['a', 'a']);
    expect([orList([]), andList([])]).toEqual(['', '']);
  });

  it('starts a sentence with a capital', () => {
    expect(sentence('flatten now')).toBe('Flatten now');
    expect(sentence('')).toBe('');
  });
});
