import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { browserPatternProblems } from '../../../../src/worker/page/pattern-check';

describe('asking the browser about request patterns before a save', () => {
  it('names each pattern the browser refuses, with its reason, by path', async () => {
    const page = { ...defaultConfig().page, allowRequests: ['* ^https://userapi\\.topstepx\\.com/(a|b){1000}'] };
    const isRegexSupported = vi.fn(async ({ regex }: { regex: string }) =>
      regex.includes('{1000}') ? { isSupported: false, reason: 'memoryLimitExceeded' } : { isSupported: true },
    );
    const problems = await browserPatternProblems({ isRegexSupported }, page);
    expect(problems).toEqual([{ path: 'page.allowRequests.0', message: expect.stringContaining('2 KB') }]);
    expect(isRegexSupported).toHaveBeenCalledWith({ regex: expect.any(String), isCaseSensitive: false });
  });

  it('checks nothing more where the browser has no such API', async () => {
    expect(await browserPatternProblems({}, defaultConfig().page)).toEqual([]);
    expect(await browserPatternProblems(undefined, defaultConfig().page)).toEqual([]);
  });
});
