// The rules room's equivalent mutants (see equivalent-mutants.ts for what an entry is, and
// docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

const MERGE_KIND_UNREAD =
  "A field merge's `kind` is not read: the lock names each change from the merged value itself (changesFor: old → merged applies now, merged → next waits)";
const WARNING_SCOPE =
  "The warning's scope word only names where its level is remembered (`ruleId:scope`); any one word, the same on every event, remembers it the same";
const LATCH_SIGNATURE =
  "A latch's signature only has to be the same from one event to the next: any constant one takes the decision once";
const PATH_UNREAD = 'compare() reads only the kinds of the changes, never their paths';

/** `{ original, replacement }` StringLiteral pairs for the words 'loosen' and 'tighten'. */
const kindWords = [
  { original: "'loosen'", replacement: '""' },
  { original: "'tighten'", replacement: '""' },
];

const catalog: EquivalentMutant[] = [
  // trading-hours.ts: mergeHours' and mergeOverrides' kinds.
  ...kindWords.map((m) => ({
    file: 'catalog/trading-hours.ts',
    mutator: 'StringLiteral',
    ...m,
    within: 'hoursWithin(b, a)',
    reason: MERGE_KIND_UNREAD,
  })),
  ...kindWords.map((m) => ({
    file: 'catalog/trading-hours.ts',
    mutator: 'StringLiteral',
    ...m,
    within: "kind: loosen ? 'loosen' : 'tighten'",
    reason: MERGE_KIND_UNREAD,
  })),
  {
    file: 'catalog/trading-hours.ts',
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    within: 'let loosen = false',
    reason: MERGE_KIND_UNREAD,
  },
  ...[
    { mutator: 'ConditionalExpression', original: "m.kind === 'loosen'", replacement: 'true' },
    { mutator: 'ConditionalExpression', original: "m.kind === 'loosen'", replacement: 'false' },
    { mutator: 'EqualityOperator', original: "m.kind === 'loosen'", replacement: "m.kind !== 'loosen'" },
    { mutator: 'StringLiteral', original: "'loosen'", replacement: '""' },
    { mutator: 'BooleanLiteral', original: 'true', replacement: 'false' },
  ].map((m) => ({
    file: 'catalog/trading-hours.ts',
    ...m,
    within: "if (m.kind === 'loosen') loosen = true;",
    reason: MERGE_KIND_UNREAD,
  })),
  {
    file: 'catalog/trading-hours.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    within: 'loosen = true;',
    reason: MERGE_KIND_UNREAD,
  },
  ...[
    { mutator: 'ConditionalExpression', original: 'hb', replacement: 'false' },
    { mutator: 'BlockStatement', original: '{ loosen = true; }', replacement: '{}' },
  ].map((m) => ({
    file: 'catalog/trading-hours.ts',
    ...m,
    within: '} else if (hb) {',
    reason: MERGE_KIND_UNREAD,
  })),
  {
    file: 'catalog/trading-hours.ts',
    mutator: 'ConditionalExpression',
    original: 'hb',
    replacement: 'true',
    within: '} else if (hb) {',
    reason: 'Every symbol comes from the old hours or the new: when the old have none, the new have it',
  },
  {
    file: 'catalog/trading-hours.ts',
    mutator: 'ConditionalExpression',
    original: 'sameValue(a, b)',
    replacement: 'false',
    reason: 'Hours the same as the old lie within them: the old hours are kept either way',
  },
  // cooldown-after-loss.ts: mergeTiers and mergeStreak.
  ...kindWords.map((m) => ({
    file: 'catalog/cooldown-after-loss.ts',
    mutator: 'StringLiteral',
    ...m,
    within: "kind: loosen ? 'loosen' : 'tighten'",
    reason: MERGE_KIND_UNREAD,
  })),
  ...[
    { mutator: 'ConditionalExpression', replacement: 'true' },
    { mutator: 'EqualityOperator', replacement: 'm >= 0' },
  ].map((m) => ({
    file: 'catalog/cooldown-after-loss.ts',
    ...m,
    original: 'm > 0',
    reason:
      'Every point is some tier’s own amount, which that tier reaches: its pause there is at least that tier’s minutes, never 0',
  })),
  {
    file: 'catalog/cooldown-after-loss.ts',
    mutator: 'ConditionalExpression',
    original: 'a.count === null',
    replacement: 'false',
    reason:
      'With no old streak nothing loosens, so the new streak applies as it is and the count worked out here is not used',
  },
  ...[
    {
      mutator: 'ConditionalExpression',
      original: 'b.count === null',
      replacement: 'true',
      within: 'const countLoosens',
    },
    {
      mutator: 'ConditionalExpression',
      original: 'b.count > a.count',
      replacement: 'true',
      within: 'const countLoosens',
    },
    { mutator: 'EqualityOperator', original: 'b.count > a.count', replacement: 'b.count >= a.count' },
    { mutator: 'ConditionalExpression', original: 'b.minutes < a.minutes', replacement: 'true' },
    { mutator: 'EqualityOperator', original: 'b.minutes < a.minutes', replacement: 'b.minutes <= a.minutes' },
  ].map((m) => ({
    file: 'catalog/cooldown-after-loss.ts',
    ...m,
    reason:
      'Taken as loosening when it is not, the merge keeps the fewer losers and the longer pause, which is then the new streak itself',
  })),
  // max-contracts-per-instrument.ts: mergeLimits.
  {
    file: 'catalog/max-contracts-per-instrument.ts',
    mutator: 'ConditionalExpression',
    original: 'Number.isFinite(m)',
    replacement: 'true',
    reason: 'Every symbol here comes from one side’s list, whose number is finite, so the lower of the two is too',
  },
  {
    file: 'catalog/max-contracts-per-instrument.ts',
    mutator: 'StringLiteral',
    original: "'tighten'",
    replacement: '""',
    within: "kind: loosen ? 'loosen' : changed ?",
    reason: 'Any kind but "same" and "loosen" is read as tightening: the change applies now',
  },
  {
    file: 'catalog/max-contracts-per-instrument.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: "comparisonOf(merge(a, b, '').changes)",
    reason: PATH_UNREAD,
  },
  // tightness.ts
  {
    file: 'catalog/tightness.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: "mergeSettings(spec, old, next, '').changes",
    reason: PATH_UNREAD,
  },
  ...[
    {
      mutator: 'ConditionalExpression',
      original: "typeof a !== 'object' || typeof b !== 'object' || a === null || b === null",
      replacement: 'false',
    },
    {
      mutator: 'LogicalOperator',
      original: "typeof a !== 'object' || typeof b !== 'object' || a === null || b === null",
      replacement: "(typeof a !== 'object' || typeof b !== 'object' || a === null) && b === null",
    },
    {
      mutator: 'ConditionalExpression',
      original: "typeof a !== 'object' || typeof b !== 'object' || a === null",
      replacement: 'false',
    },
    {
      mutator: 'LogicalOperator',
      original: "typeof a !== 'object' || typeof b !== 'object' || a === null",
      replacement: "(typeof a !== 'object' || typeof b !== 'object') && a === null",
    },
    {
      mutator: 'ConditionalExpression',
      original: "typeof a !== 'object' || typeof b !== 'object'",
      replacement: 'false',
    },
    {
      mutator: 'LogicalOperator',
      original: "typeof a !== 'object' || typeof b !== 'object'",
      replacement: "typeof a !== 'object' && typeof b !== 'object'",
    },
    { mutator: 'ConditionalExpression', original: "typeof a !== 'object'", replacement: 'false' },
    { mutator: 'ConditionalExpression', original: "typeof b !== 'object'", replacement: 'false' },
    { mutator: 'ConditionalExpression', original: 'a === null', replacement: 'false' },
    { mutator: 'ConditionalExpression', original: 'b === null', replacement: 'false' },
  ].map((m) => ({
    file: 'catalog/tightness.ts',
    ...m,
    within: "if (typeof a !== 'object'",
    reason:
      'A shortcut: for settings values (zod refuses NaN and Infinity) two JSON texts are equal exactly when the values are, objects or not',
  })),
  ...[
    { original: 'ib >= ia', replacement: 'ib > ia' },
    { original: 'b <= a', replacement: 'b < a' },
    { original: 'b >= a', replacement: 'b > a' },
  ].map((m) => ({
    file: 'catalog/tightness.ts',
    mutator: 'EqualityOperator',
    ...m,
    reason:
      'Equal values were found the same above (sameValue); parsed settings give every field a value, so no two different ones rank equal',
  })),
];

const evaluation: EquivalentMutant[] = [
  ...[
    ['evaluation/daily-net-loss.ts', 'warnIfCrossed(ctx, ID, '],
    ['evaluation/daily-realized-loss.ts', 'warnIfCrossed(ctx, ID, '],
    ['evaluation/max-contracts.ts', 'warnIfCrossed(ctx, ID, '],
    ['evaluation/weekly-limit.ts', 'warnIfCrossed(ctx, ruleId, '],
  ].map(([file, within]) => ({
    file: file as string,
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: within as string,
    reason: WARNING_SCOPE,
  })),
  // trailing-daily-loss.ts and trailing-drawdown.ts pass the scope on a line of its own.
  ...['evaluation/trailing-daily-loss.ts', 'evaluation/trailing-drawdown.ts'].map((file) => ({
    file,
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: "'',",
    reason: WARNING_SCOPE,
  })),
  ...[
    ['evaluation/symbol-blocks.ts', "''", '"Stryker was here!"', '|ord|'],
    ['evaluation/trade-frequency.ts', "''", '"Stryker was here!"', "w.name}`, '', end"],
    ['evaluation/trading-permission.ts', "''", '"Stryker was here!"', '|cannot-trade'],
    ['evaluation/trading-hours.ts', "'x'", '""', "'x'"],
  ].map(([file, original, replacement, within]) => ({
    file: file as string,
    mutator: 'StringLiteral',
    original: original as string,
    replacement: replacement as string,
    within: within as string,
    reason: LATCH_SIGNATURE,
  })),
];

const memory: EquivalentMutant[] = [
  {
    file: 'rules/rule-memory.ts',
    mutator: 'ConditionalExpression',
    original: "typeof since !== 'number'",
    replacement: 'false',
    within: 'Number.isFinite(since)',
    reason:
      'Number.isFinite is false for every value that is not a number, so the test after it drops the same entries; the typeof test is there for the type checker',
  },
];

export const RULES_EQUIVALENTS: readonly EquivalentMutant[] = [...catalog, ...evaluation, ...memory];
