/**
 * A JavaScript / TypeScript source told apart into regions: code, comments, strings, template
 * text and regular-expression literals. Two checks read sources through it: the citation check
 * reads only the comments (`commentText`), the structure checks read imports and globals from
 * the code alone (`maskSource`), so a path in a comment or the word `window` in a string is
 * never taken for code, and `'https://…'` or `/\/\*` is never taken for a comment.
 *
 * A small hand-written lexer rather than a parser: TypeScript 7's native compiler offers its
 * scanner to JavaScript only under `typescript/unstable/`, and that scanner, driven without the
 * parser's rescans, never returns on a `#` inside a regular expression. The questions here are
 * only "what kind of text is this character in?". A `/` starts a regular expression where an
 * expression may begin (after an operator, an opening bracket, a comma, a keyword such as
 * `return`), and divides elsewhere. JSX text is read as code: an apostrophe in it opens a
 * string that ends at the line, which hides nothing an import or a global could be.
 */

export type RegionKind = 'code' | 'comment' | 'string' | 'template' | 'regex';

/** `source.slice(from, to)` is text of one kind. Template text runs from a backtick or a `}` to `${` or the closing backtick, both included. */
export interface Region {
  readonly kind: RegionKind;
  readonly from: number;
  readonly to: number;
}

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

/** The regions of `source`, in order, covering it whole; neighbours of one kind are merged. */
export function regionsOf(source: string): Region[] {
  const regions: Region[] = [];
  const add = (kind: RegionKind, from: number, to: number) => {
    if (to <= from) return;
    const last = regions[regions.length - 1];
    if (last !== undefined && last.kind === kind && last.to === from)
      regions[regions.length - 1] = { kind, from: last.from, to };
    else regions.push({ kind, from, to });
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
    let kind: RegionKind = 'code';
    let stop = i + 1;
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      kind = 'comment';
      stop = end === -1 ? n : end;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      kind = 'comment';
      stop = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      kind = 'string';
      stop = endOfString(i, c);
    } else if (c === '`') {
      templates.push(-1);
      kind = 'template';
      stop = templateText(i + 1);
    } else if (c === '/' && regexAllowed(i)) {
      kind = 'regex';
      stop = endOfRegex(i);
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        // The end of a `${…}`: back into the template's text.
        kind = 'template';
        stop = templateText(i + 1);
      }
    }
    add(kind, i, Math.min(stop, n));
    i = stop;
  }
  return regions;
}

/** `source` with every region not of a kind in `keep` blanked: each character a space, line breaks kept, so offsets and line numbers still match. */
export function maskSource(source: string, keep: readonly RegionKind[]): string {
  return regionsOf(source)
    .map((r) => {
      const text = source.slice(r.from, r.to);
      return keep.includes(r.kind) ? text : text.replace(/[^\n]/g, ' ');
    })
    .join('');
}

/** The comments of a source, everything else blanked (see `maskSource`). */
export function commentText(source: string): string {
  return maskSource(source, ['comment']);
}

export interface CodeToken {
  /** A name, a quoted string (quotes included) or one punctuation character. */
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

const TOKEN = /[A-Za-z_$][\w$]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|\S/g;

/**
 * The tokens of a source's code and strings, with comments, regular expressions and template
 * text left out (the code inside `${…}` stays). Coarse on purpose: numbers and operators come
 * in pieces, which is enough to read imports and names.
 */
export function codeTokens(source: string): CodeToken[] {
  const code = maskSource(source, ['code', 'string']);
  const tokens: CodeToken[] = [];
  let line = 1;
  let counted = 0;
  for (const match of code.matchAll(TOKEN)) {
    for (; counted < match.index; counted++) if (code.charCodeAt(counted) === 10) line++;
    tokens.push({ text: match[0], line });
  }
  return tokens;
}
