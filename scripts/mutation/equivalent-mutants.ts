// Surviving mutants that no test can kill: the mutated code behaves exactly as the original (an
// "equivalent mutant"). Each entry says why, briefly; reports/mutation/summary.md groups them by
// reason. Matched by file, mutator, original code and replacement, never by line, so an entry
// outlives edits around it (`within` pins one of several identical snippets by its line's
// text). An entry that no longer matches anything is simply unused. Before adding one, try to
// write the test that tells the two apart (docs/mutation-testing.md).
import { ENFORCE_EQUIVALENTS } from './equivalent-enforce';
import { RULES_EQUIVALENTS } from './equivalent-rules';
import { RULES_CONFIG_EQUIVALENTS } from './equivalent-rules-config';
import { RULES_ENGINE_EQUIVALENTS } from './equivalent-rules-engine';
import { RULES_EVALUATION_EQUIVALENTS } from './equivalent-rules-evaluation';
import { RULES_MONEY_EQUIVALENTS } from './equivalent-rules-money';
import { RULES_TIME_EQUIVALENTS } from './equivalent-rules-time';
import type { EquivalentMutant } from './summary';

const ONE_KIND_OF_END =
  'Records under one merge key share their kind of end (the key says "time" or which condition): both ends are times or neither is';
const NO_SUCH_FIELD =
  'The other kind of lockout lacks the field compared (no end time, no condition, no root), so the comparison is false either way';
const NOBODY_READS_PERSIST = 'Nobody reads whether a write succeeded: a failure is journaled and retried either way';
const NO_RECORD_NO_WRITE = 'A key with no lockout behind it writes nothing, so an extra one changes no write';

const lockouts: EquivalentMutant[] = [
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'opts.groups?.() ?? []',
    reason: 'With no groups configured, a list of one word instead of none: a word never includes an account id',
  },
  ...(['true', 'false'] as const).map((value) => ({
    file: 'lockouts/lockout-store.ts',
    mutator: 'BooleanLiteral',
    original: value,
    replacement: value === 'true' ? 'false' : 'true',
    within: `return ${value};`,
    reason: NOBODY_READS_PERSIST,
  })),
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: '[],',
    reason: NO_RECORD_NO_WRITE,
  },
  {
    file: 'lockouts/lockout-store.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'await write([])',
    reason: NO_RECORD_NO_WRITE,
  },
  {
    file: 'lockouts/lockout-store.ts',
    mutator: 'BlockStatement',
    original: '{ dirty.delete(key); }',
    replacement: '{}',
    reason:
      'A forgotten key left dirty writes nothing on the retry: its lockout is gone from the book, and a write skips a key with no lockout behind it',
  },
  ...[
    {
      mutator: 'ConditionalExpression',
      original: "prev.end.type === 'at' && l.end.type === 'at'",
      replacement: 'true',
    },
    { mutator: 'ConditionalExpression', original: "prev.end.type === 'at'", replacement: 'true' },
    { mutator: 'ConditionalExpression', original: "l.end.type === 'at'", replacement: 'true' },
    {
      mutator: 'LogicalOperator',
      original: "prev.end.type === 'at' && l.end.type === 'at'",
      replacement: "prev.end.type === 'at' || l.end.type === 'at'",
    },
  ].map((m) => ({ file: 'lockouts/lockout-book.ts', ...m, within: 'byKey.set(k, l)', reason: ONE_KIND_OF_END })),
  ...[
    {
      mutator: 'ConditionalExpression',
      original: "prev.end.type === 'at' && draft.end.type === 'at'",
      replacement: 'true',
    },
    { mutator: 'ConditionalExpression', original: "prev.end.type === 'at'", replacement: 'true' },
    { mutator: 'ConditionalExpression', original: "draft.end.type === 'at'", replacement: 'true' },
    {
      mutator: 'LogicalOperator',
      original: "prev.end.type === 'at' && draft.end.type === 'at'",
      replacement: "prev.end.type === 'at' || draft.end.type === 'at'",
    },
  ].map((m) => ({ file: 'lockouts/lockout-book.ts', ...m, within: 'const later', reason: ONE_KIND_OF_END })),
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'EqualityOperator',
    original: 'l.end.at > prev.end.at',
    replacement: 'l.end.at >= prev.end.at',
    reason:
      'Two stored records for one key with the same end (a damaged store): either one locks the same account, as much, until the same time',
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: '"Stryker was here!"',
    within: "id: ''",
    reason: "The draft's id is always replaced: a new id for a fresh lockout, the earlier one's when merged",
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ConditionalExpression',
    original: "input.spec.scope.type === 'account'",
    replacement: 'false',
    reason: "The copy of an account scope is { type: 'account' } either way",
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'StringLiteral',
    original: "'account'",
    replacement: '""',
    within: "scope: input.spec.scope.type === 'account' ?",
    reason: "The copy of an account scope is { type: 'account' } either way",
  },
  ...[
    { original: 'touched.length > 0', replacement: 'true', mutator: 'ConditionalExpression' },
    { original: 'touched.length > 0', replacement: 'touched.length >= 0', mutator: 'EqualityOperator' },
  ].map((m) => ({
    file: 'lockouts/lockout-book.ts',
    ...m,
    within: 'if (touched.length > 0) await saved.write',
    reason:
      'An add that changes nothing writes nothing new; at most it retries a failed write now instead of on the next flush',
  })),
  ...[
    { original: 'dirty.size > 0 || pendingDeletes.size > 0', replacement: 'true', mutator: 'ConditionalExpression' },
    { original: 'dirty.size > 0', replacement: 'dirty.size >= 0', mutator: 'EqualityOperator' },
    { original: 'pendingDeletes.size > 0', replacement: 'pendingDeletes.size >= 0', mutator: 'EqualityOperator' },
  ].map((m) => ({
    file: 'lockouts/lockout-store.ts',
    ...m,
    within: 'await write([])',
    reason: 'A flush with nothing left to write or delete writes and deletes nothing either way',
  })),
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ConditionalExpression',
    original: "l.end.type === 'at'",
    replacement: 'true',
    within: 'its time is over',
    reason: NO_SUCH_FIELD,
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ConditionalExpression',
    original: "l.end.type === 'condition'",
    replacement: 'true',
    reason: NO_SUCH_FIELD,
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'ConditionalExpression',
    original: "l.scope.type === 'symbol'",
    replacement: 'true',
    within: 'filter.root',
    reason: NO_SUCH_FIELD,
  },
  {
    file: 'lockouts/lockout-store.ts',
    mutator: 'ArrowFunction',
    original: '() => inFlight.delete(written)',
    replacement: '() => undefined',
    reason: 'A landed write left among those in flight: settled() waits on it again, and it is already settled',
  },
  {
    file: 'lockouts/lockout-book.ts',
    mutator: 'EqualityOperator',
    original: 'l.end.at < min',
    replacement: 'l.end.at <= min',
    reason: 'An end equal to the earliest leaves the earliest as it is',
  },
];

const lockoutGuard: EquivalentMutant[] = [
  {
    file: 'enforce/lockout-guard.ts',
    mutator: 'ConditionalExpression',
    original: 'p.size !== 0',
    replacement: 'true',
    within: 'Math.abs(p.size) > (keep',
    reason: 'A closed position (size 0) is never larger than what is kept (0 or more)',
  },
  {
    file: 'enforce/lockout-guard.ts',
    mutator: 'ConditionalExpression',
    original: 'keep[o.contractId] === undefined',
    replacement: 'false',
    reason:
      'An order in a contract the lockout does not keep: an open position there already broke the lockout above, and a closed one has no exit',
  },
  {
    file: 'enforce/lockout-guard.ts',
    mutator: 'ConditionalExpression',
    original: 'desiredFor(l.accountId, now)',
    replacement: 'true',
    reason: 'Once expired lockouts are gone, every lockout left is in force and asks something of its account',
  },
];

const lockoutRecord: EquivalentMutant[] = [
  ...[
    { original: "'account-keep'", replacement: '""' },
    { original: "'account'", replacement: '""' },
    { original: "'time'", replacement: '""' },
  ].map((m) => ({
    file: 'lockouts/lockout-record.ts',
    mutator: 'StringLiteral',
    ...m,
    within: 'const',
    reason:
      'The merge key only has to tell records apart (an empty word still differs from the others); a loaded record is keyed from its fields, never from its id',
  })),
  {
    file: 'lockouts/lockout-record.ts',
    mutator: 'ConditionalExpression',
    original: "typeof given === 'number'",
    replacement: 'true',
    reason: 'A rule that gives no opening: `undefined > now` is false, so the window clock decides either way',
  },
];

const liftUnblockedSymbols: EquivalentMutant[] = [
  {
    file: 'lockouts/lift-unblocked-symbols.ts',
    mutator: 'ConditionalExpression',
    original: "l.end.type !== 'condition'",
    replacement: 'false',
    reason:
      'A lockout that ends at a time has no condition, so the test beside it (not until the setting changes) skips it anyway',
  },
  {
    file: 'lockouts/lift-unblocked-symbols.ts',
    mutator: 'ConditionalExpression',
    original: "l.end.condition !== 'setting-changed'",
    replacement: 'false',
    reason:
      "A symbol lockout until trading is allowed would only ask to end the same root's lockouts until the setting changes, which the lift ends anyway",
  },
  {
    file: 'lockouts/lift-unblocked-symbols.ts',
    mutator: 'ConditionalExpression',
    original: '!lockouts.active(l.accountId, now).includes(l)',
    replacement: 'false',
    reason:
      'A lockout that ends on a condition is always in force (only a time ends the others), so every one the loop reaches is active',
  },
];

export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [
  ...RULES_EQUIVALENTS,
  ...RULES_CONFIG_EQUIVALENTS,
  ...RULES_ENGINE_EQUIVALENTS,
  ...RULES_EVALUATION_EQUIVALENTS,
  ...RULES_MONEY_EQUIVALENTS,
  ...RULES_TIME_EQUIVALENTS,
  ...ENFORCE_EQUIVALENTS,
  ...lockouts,
  ...lockoutGuard,
  ...lockoutRecord,
  ...liftUnblockedSymbols,
];
