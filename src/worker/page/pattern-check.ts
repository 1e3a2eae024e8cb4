import { errorMessage } from '../../core/error-message';
import type { PageConfig } from '../../core/page/page-config';
import { parseRequestPattern } from '../../core/page/request-pattern';
import type { Problem } from '../../messaging/protocol';

/** `declarativeNetRequest.isRegexSupported` (Chrome; Firefox has it too in recent versions). */
export interface RegexSupportApi {
  isRegexSupported?(options: {
    regex: string;
    isCaseSensitive?: boolean;
    requireCapturing?: boolean;
  }): Promise<{ isSupported: boolean; reason?: string }>;
}

const REASONS: Record<string, string> = {
  syntaxError: 'a syntax error for the browser’s regex engine (RE2)',
  memoryLimitExceeded: 'too large for the browser (its 2 KB compiled-size limit)',
};

/**
 * Asks the browser itself whether it accepts every request pattern of the page config, so
 * a pattern that compiles in JavaScript but not in Chrome's RE2 cannot be saved (and can
 * never make a rule update fail later). Patterns that do not parse at all were already
 * rejected by the config schema. Without the API (older browsers) nothing more is checked.
 */
export async function browserPatternProblems(dnr: unknown, page: PageConfig): Promise<Problem[]> {
  const api = dnr as RegexSupportApi | undefined;
  if (typeof api?.isRegexSupported !== 'function') return [];
  const problems: Problem[] = [];
  for (const key of ['blockRequests', 'allowRequests'] as const) {
    for (const [i, text] of page[key].entries()) {
      const parsed = parseRequestPattern(text);
      if (!parsed.ok) continue;
      try {
        const r = await api.isRegexSupported({ regex: parsed.pattern.regex, isCaseSensitive: false });
        if (!r.isSupported) {
          const why = REASONS[r.reason ?? ''] ?? r.reason ?? 'not supported';
          problems.push({ path: `page.${key}.${i}`, message: `the browser does not accept this pattern: ${why}` });
        }
      } catch (error) {
        problems.push({
          path: `page.${key}.${i}`,
          message: `the browser could not check this pattern (${errorMessage(error, 'error')})`,
        });
      }
    }
  }
  return problems;
}
