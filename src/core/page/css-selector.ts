import { createParser } from 'css-selector-parser';
import { errorMessage } from '../error-message';

/**
 * CSS selector syntax check without a DOM (the worker has none): css-selector-parser with
 * the current CSS syntax, unknown pseudo-classes rejected, as `querySelectorAll` rejects
 * them. Chosen over css-what, which accepts any pseudo-class name.
 */
const parse = createParser({ syntax: 'latest', strict: true });

export const MAX_SELECTOR_LENGTH = 500;

/** Why a page would throw on this selector; null when it parses. */
export function selectorProblem(selector: string): string | null {
  if (selector.trim().length === 0) return 'empty selector';
  if (selector.length > MAX_SELECTOR_LENGTH) return `longer than ${MAX_SELECTOR_LENGTH} characters`;
  try {
    parse(selector);
    return null;
  } catch (error) {
    const why = errorMessage(error, 'invalid').replace(/^css-selector-parser parse error:\s*/, '');
    return `not a valid CSS selector (${why})`;
  }
}
