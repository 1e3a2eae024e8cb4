import { errorMessage } from '../error-message';
/**
 * A request pattern of the page's network block: `METHODS REGEX`, e.g.
 *
 *   POST ^https://userapi\.topstepx\.com/Order/?(\?.*)?$
 *   * ^https://userapi\.topstepx\.com/Position/reverse
 *
 * METHODS is `*` (every method) or a comma list of GET, POST, PUT, PATCH, DELETE, HEAD,
 * OPTIONS. REGEX is a declarativeNetRequest `regexFilter` (RE2, matched case-insensitively,
 * as the back end's routes are). One line per pattern keeps the config readable and the
 * options page's editor a plain list.
 *
 * Checked here (pure, anywhere): the shape, the 2,000-character limit, that it compiles, and
 * the RE2 gaps a JavaScript regex does not have (look-around, back-references). Chrome's own
 * `isRegexSupported` (its memory limit, its RE2 build) is asked by the worker on save.
 */

export const REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

export interface RequestPattern {
  /** null: every method. */
  methods: RequestMethod[] | null;
  regex: string;
}

export const MAX_REGEX_LENGTH = 2000;

const SHAPE = /^(\S+)\s+(\S.*)$/;

/** RE2 (what the browser matches with) has none of these; a JavaScript regex accepts them. */
const RE2_GAPS: ReadonlyArray<[RegExp, string]> = [
  [/\(\?<?[=!]/, 'look-ahead and look-behind are not supported by the browser (RE2)'],
  [/\\[1-9]|\\k</, 'back-references are not supported by the browser (RE2)'],
];

export type PatternParse = { ok: true; pattern: RequestPattern } | { ok: false; message: string };

export function parseRequestPattern(text: string): PatternParse {
  const m = SHAPE.exec(text.trim());
  if (!m)
    return { ok: false, message: 'expected "METHODS REGEX", e.g. "POST ^https://userapi\\.topstepx\\.com/Order$"' };
  const [, methodPart = '', regex = ''] = m;
  let methods: RequestMethod[] | null = null;
  if (methodPart !== '*') {
    methods = [];
    for (const raw of methodPart.split(',')) {
      const method = raw.toLowerCase();
      if (!(REQUEST_METHODS as readonly string[]).includes(method)) {
        return {
          ok: false,
          message: `unknown method "${raw}" (use *, or ${REQUEST_METHODS.join(', ').toUpperCase()})`,
        };
      }
      if (!methods.includes(method as RequestMethod)) methods.push(method as RequestMethod);
    }
  }
  const problem = regexProblem(regex);
  return problem === null ? { ok: true, pattern: { methods, regex } } : { ok: false, message: problem };
}

/** Why the browser would refuse this regexFilter, as far as can be told without it; null when fine. */
export function regexProblem(regex: string): string | null {
  if (regex.length > MAX_REGEX_LENGTH) return `the regular expression is longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(regex, 'i');
  } catch (error) {
    return `not a valid regular expression (${errorMessage(error, 'does not compile')})`;
  }
  for (const [gap, message] of RE2_GAPS) if (gap.test(regex)) return message;
  return null;
}

/** Does `pattern` match this request? The same semantics the browser applies (case-insensitive). */
export function patternMatches(pattern: RequestPattern, url: string, method: string): boolean {
  const m = method.toLowerCase();
  if (pattern.methods !== null && !pattern.methods.includes(m as RequestMethod)) return false;
  return new RegExp(pattern.regex, 'i').test(url);
}
