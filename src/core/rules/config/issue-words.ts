import type { z } from 'zod';

/**
 * zod issues in a trader's words: "enter a number", "must be at least 2", never a regex, a
 * JSON type or zod's "expected number to be >0". Passed as the `error` of a parse, so a
 * message written on the schema itself ("enter a time like 17:00", refinements) still wins.
 * Messages are short and lower-case: the page shows them next to the field's label.
 */

type RawIssue = z.core.$ZodRawIssue;

const plain = (n: unknown): string =>
  typeof n === 'number' || typeof n === 'bigint' ? Number(n).toLocaleString('en-US') : String(n);

const TYPE_WORDS: Record<string, string> = {
  number: 'enter a number',
  int: 'enter a whole number',
  string: 'enter some text',
  boolean: 'tick or untick it',
  array: 'enter a list',
  object: 'this group of settings is missing',
  record: 'this table is missing',
  date: 'enter a date',
};

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string {
  const n = Number(issue.minimum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return n <= 1 ? 'add at least one entry' : `add at least ${plain(n)} entries`;
    case 'string':
      return n <= 1 ? 'cannot be empty' : `needs at least ${plain(n)} characters`;
    default:
      return issue.inclusive ? `must be at least ${plain(n)}` : `must be more than ${plain(n)}`;
  }
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>): string {
  const n = Number(issue.maximum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `at most ${plain(n)} ${n === 1 ? 'entry' : 'entries'}`;
    case 'string':
      return `at most ${plain(n)} characters`;
    default:
      return issue.inclusive ? `must be at most ${plain(n)}` : `must be less than ${plain(n)}`;
  }
}

/** A zod error map: words for every issue code; undefined keeps zod's (never reached in practice). */
export function issueInWords(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return TYPE_WORDS[issue.expected] ?? 'not a value this setting takes';
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${plain(issue.values[0])}`
        : `choose one of: ${issue.values.map(plain).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'enter a web address like https://example.com'
        : 'not in the form this setting takes';
    case 'not_multiple_of':
      return `must be a multiple of ${plain(issue.divisor)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? 'unknown setting' : 'unknown settings';
    case 'invalid_union':
      return 'not one of the choices this setting takes';
    // A record's key or a map's element: its own first problem says it best.
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'not a valid name';
    case 'invalid_element':
      return issue.issues[0]?.message ?? 'one of the entries is not valid';
    default:
      return undefined;
  }
}
