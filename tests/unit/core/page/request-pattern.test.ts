import { describe, expect, it } from 'vitest';
import { parseRequestPattern, patternMatches, regexProblem } from '../../../../src/core/page/request-pattern';

describe('request patterns of the network block ("METHODS REGEX")', () => {
  it('reads one method, a list, or * for every method', () => {
    expect(parseRequestPattern('POST ^https://x/Order$')).toEqual({
      ok: true,
      pattern: { methods: ['post'], regex: '^https://x/Order$' },
    });
    expect(parseRequestPattern('PUT,PATCH ^a')).toMatchObject({ pattern: { methods: ['put', 'patch'] } });
    expect(parseRequestPattern('* ^a')).toMatchObject({ pattern: { methods: null } });
  });

  it('rejects a missing method, an unknown method and an empty regex, saying what is expected', () => {
    expect(parseRequestPattern('^https://x/Order$')).toMatchObject({ ok: false, message: /METHODS REGEX/ });
    expect(parseRequestPattern('SEND ^a')).toMatchObject({ ok: false, message: /unknown method "SEND"/ });
    expect(parseRequestPattern('POST')).toMatchObject({ ok: false });
  });

  it('rejects what the browser would refuse: no compile, over 2,000 characters, look-around, back-references', () => {
    expect(regexProblem('(unclosed')).toMatch(/not a valid regular expression/);
    expect(regexProblem(`^${'a'.repeat(2000)}`)).toMatch(/longer than 2000/);
    expect(regexProblem('^https://x/Order(?!/cancel)')).toMatch(/look-ahead/);
    expect(regexProblem('^https://x/(?<=a)b')).toMatch(/look-behind/);
    expect(regexProblem('^(a)\\1$')).toMatch(/back-references/);
    expect(regexProblem('^https://userapi\\.topstepx\\.com/Order/?(\\?.*)?$')).toBeNull();
  });

  it('matches like the browser: method, then the URL case-insensitively', () => {
    const p = { methods: ['post' as const], regex: '^https://x/Order$' };
    expect(patternMatches(p, 'https://x/order', 'POST')).toBe(true);
    expect(patternMatches(p, 'https://x/Order', 'GET')).toBe(false);
  });
});
