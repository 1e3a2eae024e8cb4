// Equivalent mutants of the rules' settings: commitment lock, config schema, issue words
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

// Worded as in equivalent-rules.ts, so the summary lists these under the same reason.
const MERGE_KIND_UNREAD =
  "A field merge's `kind` is not read: the lock names each change from the merged value itself (changesFor: old → merged applies now, merged → next waits)";
const VERSION_CONSTANT =
  "The config's version is the literal 1 in every config the schema accepts: old and new are always equal, so its order is never consulted";
const RULES_SET_WHOLE =
  'A profile holds exactly the catalog’s rules (a strict object) and the loop sets every one of them, in the same order: nothing of the copy it starts from is left';
const REFINEMENT_CODE_UNSHOWN =
  "A problem shows only its path and message (parseConfig), and zod keeps the message a refinement gives whatever the issue's code";
const LAST_BRANCH_IS_FURTHEST =
  'Every union in the config puts the branch that fails at its root first ("absent", "all") and the setting’s own shape last, which fails there or deeper: the last branch is always among the furthest, so any depth that keeps their order (or none) picks it too';
const NO_EMPTY_UNION =
  'Only a discriminated or exclusive union fails with no branches to report; the config has neither, so every failed union here has one list of problems per branch';

const commitmentLock: EquivalentMutant[] = [
  {
    file: 'rules/config/commitment-lock.ts',
    mutator: 'StringLiteral',
    original: "'loosen'",
    replacement: '""',
    within: "if (old === 'all')",
    reason: MERGE_KIND_UNREAD,
  },
  {
    file: 'rules/config/commitment-lock.ts',
    mutator: 'StringLiteral',
    original: "'tighten'",
    replacement: '""',
    within: "if (next === 'all')",
    reason: MERGE_KIND_UNREAD,
  },
  {
    file: 'rules/config/commitment-lock.ts',
    mutator: 'StringLiteral',
    original: "'neutral'",
    replacement: '""',
    within: "version: 'neutral'",
    reason: VERSION_CONSTANT,
  },
  {
    file: 'rules/config/commitment-lock.ts',
    mutator: 'ObjectLiteral',
    original: '{ ...next }',
    replacement: '{}',
    within: 'const value = { ...next };',
    reason: RULES_SET_WHOLE,
  },
];

const configSchema: EquivalentMutant[] = [
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'StringLiteral',
    original: "'custom'",
    replacement: '""',
    within: "code: 'custom'",
    reason: REFINEMENT_CODE_UNSHOWN,
  },
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'MethodExpression',
    original: 'Math.max(n, i.path.length + 1)',
    replacement: 'Math.min(n, i.path.length + 1)',
    reason: LAST_BRANCH_IS_FURTHEST,
  },
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'ArithmeticOperator',
    original: 'i.path.length + 1',
    replacement: 'i.path.length - 1',
    reason: LAST_BRANCH_IS_FURTHEST,
  },
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'ConditionalExpression',
    original: 'depth(branch) >= depth(best)',
    replacement: 'true',
    reason: LAST_BRANCH_IS_FURTHEST,
  },
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'ConditionalExpression',
    original: 'issue.errors.length > 0',
    replacement: 'true',
    reason: NO_EMPTY_UNION,
  },
  {
    file: 'rules/config/config-schema.ts',
    mutator: 'EqualityOperator',
    original: 'issue.errors.length > 0',
    replacement: 'issue.errors.length >= 0',
    reason: NO_EMPTY_UNION,
  },
];

const issueWords: EquivalentMutant[] = [
  {
    file: 'rules/config/issue-words.ts',
    mutator: 'ConditionalExpression',
    original: 'default: return undefined;',
    replacement: 'default:',
    reason: 'The last case: without its return the function ends there and returns undefined all the same',
  },
];

export const RULES_CONFIG_EQUIVALENTS: readonly EquivalentMutant[] = [
  ...commitmentLock,
  ...configSchema,
  ...issueWords,
];
