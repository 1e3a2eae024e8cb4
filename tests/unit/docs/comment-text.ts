/**
 * The comments of a JavaScript / TypeScript source, with everything else blanked: every other
 * character becomes a space (line breaks stay), so offsets and line numbers still match the
 * source. Strings, template literals (with their `${…}` code) and regular-expression literals
 * are told apart from comments, so `'https://…'` or `/\/\*` is never taken for one.
 *
 * A small hand-written lexer rather than a parser: TypeScript 7's native compiler has no
 * JavaScript API to ask, and the one question here is "is this character inside a comment?".
 * A `/` starts a regular expression where an expression may begin (after an operator, an
 * opening bracket, a comma, a keyword such as `return`), and divides elsewhere.
 */

const REGEX_AFTER_CHAR = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

export function commentText(source: string): string {
  const out: string[] = [];
  const keep = (from: number, to: number) => {
    out.push(source.slice(from, to));
  };
  const blank = (from: number, to: number) => {
    out.push(source.slice(from, to).replace(/[^\n]/g, ' '));
  };
  /** Brace depth of each `${` of the template literals we are inside, innermost last. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const n = source.length;

  /** Whether a `/` at `at` may start a regular expression: look at the last significant token. */
  const regexAllowed = (at: number): boolean => {
    let j = at - 1;
    while (j >= 0 && /\s/.test(source.charAt(j))) j--;
    if (j < 0) return true;
    const c = source.charAt(j);
    if (REGEX_AFTER_CHAR.has(c)) return true;
    if (/[\w$]/.test(c)) {
      let k = j;
      while (k >= 0 && /[\w$]/.test(source.charAt(k))) k--;
      return REGEX_AFTER_WORD.has(source.slice(k + 1, j + 1));
    }
    return false;
  };

  /** Index just past a quoted string starting at `at` (an unterminated one ends at the line). */
  const endOfString = (at: number, quote: string): number => {
    let j = at + 1;
    while (j < n) {
      const c = source.charAt(j);
      if (c === '\\') j += 2;
      else if (c === quote) return j + 1;
      else if (c === '\n') return j;
      else j++;
    }
    return n;
  };

  /** Index just past a regular-expression literal starting at `at`, flags included. */
  const endOfRegex = (at: number): number => {
    let j = at + 1;
    let inClass = false;
    while (j < n) {
      const c = source.charAt(j);
      if (c === '\\') j += 2;
      else if (c === '\n') return j;
      else if (inClass) {
        if (c === ']') inClass = false;
        j++;
      } else if (c === '[') {
        inClass = true;
        j++;
      } else if (c === '/') {
        j++;
        while (j < n && /[a-z]/i.test(source.charAt(j))) j++;
        return j;
      } else j++;
    }
    return n;
  };

  /** Index just past the template text starting at `at` (after a backtick or a `}`): at the closing backtick, or just past `${`. */
  const templateText = (at: number): number => {
    let j = at;
    while (j < n) {
      const c = source.charAt(j);
      if (c === '\\') j += 2;
      else if (c === '`') {
        templates.pop();
        return j + 1;
      } else if (c === '$' && source.charAt(j + 1) === '{') {
        templates[templates.length - 1] = depth;
        depth++;
        return j + 2;
      } else j++;
    }
    return n;
  };

  while (i < n) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      keep(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      keep(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const stop = endOfString(i, c);
      blank(i, stop);
      i = stop;
    } else if (c === '`') {
      templates.push(-1);
      const stop = templateText(i + 1);
      blank(i, stop);
      i = stop;
    } else if (c === '/' && regexAllowed(i)) {
      const stop = endOfRegex(i);
      blank(i, stop);
      i = stop;
    } else if (c === '{') {
      depth++;
      blank(i, i + 1);
      i++;
    } else if (c === '}') {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        // The end of a `${…}`: back into the template's text.
        const stop = templateText(i + 1);
        blank(i, stop);
        i = stop;
      } else {
        blank(i, i + 1);
        i++;
      }
    } else {
      blank(i, i + 1);
      i++;
    }
  }
  return out.join('');
}
