// Equivalent mutants of the wall-clock rules: trading hours, trading window, trading week, zoned time
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

const PURE_CACHE =
  'A cache of a pure answer: asking afresh (a formatter made again, parts formatted again, a window judged again) gives the same answer';
const CLOSED_SIG_UNREAD =
  'The closed lock is checked (isTaken) before it is taken, so takeOnce meets it only absent or expired, where its signature is not compared';
const PAST_THE_DAY =
  "Minute 1440 is past the day's last (1439): the typed array ignores a write there and reads undefined, not covered";

export const RULES_TIME_EQUIVALENTS: readonly EquivalentMutant[] = [
  // evaluation/trading-hours.ts
  {
    file: 'evaluation/trading-hours.ts',
    mutator: 'ConditionalExpression',
    original: 'v === undefined',
    replacement: 'true',
    reason: PURE_CACHE,
  },
  ...[
    { mutator: 'LogicalOperator', original: "nextOpen ?? 'never'", replacement: "nextOpen && 'never'" },
    { mutator: 'StringLiteral', original: "'never'", replacement: '""' },
  ].map((m) => ({ file: 'evaluation/trading-hours.ts', ...m, reason: CLOSED_SIG_UNREAD })),
  {
    file: 'evaluation/trading-hours.ts',
    mutator: 'EqualityOperator',
    original: 'n < next',
    replacement: 'n <= next',
    reason: 'When a symbol’s change and the earliest so far are the same instant, either one is the answer',
  },
  // wall-clock/trading-window.ts
  {
    file: 'wall-clock/trading-window.ts',
    mutator: 'EqualityOperator',
    original: 'p.minutes < e',
    replacement: 'p.minutes <= e',
    within: 'if (p.minutes < e) {',
    reason: 'At its end minute a window past midnight has already answered shut on the line before',
  },
  {
    file: 'wall-clock/trading-window.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'const candidates',
    reason:
      'A word among the candidate instants: comparing it with a number is false, so it is never a change after `at`, and the numbers still sort in order around it',
  },
  {
    file: 'wall-clock/trading-window.ts',
    mutator: 'EqualityOperator',
    original: 'c > at',
    replacement: 'c >= at',
    reason: 'At `at` itself the window is as it is now, so `at` is never a change',
  },
  {
    file: 'wall-clock/trading-window.ts',
    mutator: 'EqualityOperator',
    original: 'm < 1440',
    replacement: 'm <= 1440',
    reason: PAST_THE_DAY,
  },
  // wall-clock/zoned-time.ts
  {
    file: 'wall-clock/zoned-time.ts',
    mutator: 'ConditionalExpression',
    original: '!f',
    replacement: 'true',
    reason: PURE_CACHE,
  },
  {
    file: 'wall-clock/zoned-time.ts',
    mutator: 'ConditionalExpression',
    original: 'key === lastKey && lastParts',
    replacement: 'false',
    reason: PURE_CACHE,
  },
  {
    file: 'wall-clock/zoned-time.ts',
    mutator: 'ArithmeticOperator',
    original: 'epochMs / 60_000',
    replacement: 'epochMs * 60_000',
    reason:
      'A cache key per millisecond instead of per minute only answers fewer calls from the cache: the parts name minutes, and every zone offset in use is whole minutes, so a fresh answer is the same',
  },
  {
    file: 'wall-clock/zoned-time.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: "let lastKey = ''",
    reason: 'The first call finds no parts remembered (lastParts is null), whatever key it remembers',
  },
];
