// Equivalent mutants of the rule engine: routing, plan, judgement, meters, group lockouts
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

const SUMMARY_AGAIN =
  "computeUnrealized sets every field of the summary from the account, the market and the focus, which stay the same through one account's rules: computing it again gives the same figures";
const SUMMARY_NOT_READ_BEFORE_SET =
  'Every field of the summary is set by computeUnrealized before any rule can read it';
const NO_FOCUS =
  'Without a focus, focusValue stays undefined and the threshold rules price the quoted position themselves with positionUnrealizedPnl, the same arithmetic in the same order (engine-equivalence.test.ts checks the floats are identical)';
const ONLY_QUOTES_HAVE_CONTRACT_ID =
  'Only a quote event has a contractId: on any other event `event.contractId` is undefined, the focus the original gives it';
const ALIGN_RECHECKS =
  'alignJudgement returns at once when the rule last judged with these settings (the same test): the loop only saves the call';
const ALIGNED_SHORTCUT =
  "plan.aligned names memory this plan produced, in which every rule in force already judged with the plan's settings: running alignAll on it anyway finds nothing to forget";
const REPLANNED =
  "Compiling or planning again gives equal options, groups and plans; the caches only save the work (a fresh plan's `aligned` is null, so alignAll runs and finds nothing to forget)";
const CLEAR_RECHECKS =
  'clearFailure returns at once for a rule not recorded as failing: `failing` only saves the calls when no rule is';
const EMPTY_OUT =
  'A rule that decided nothing adds nothing: the result is an empty list either way, and mirroring one adds none';
const NO_GROUPS =
  'With no groups, mirrorGroupLockouts finds no member for any decision and returns the decisions as they are';
const OWN_KEYS =
  "The keys are the accounts record's own (for-in, or listed from the same record), and a GuardState holds an AccountState under each: the check, there for noUncheckedIndexedAccess, never skips";
const NO_SUCH_KEY =
  'A key the record does not hold (this text, or the index one past the end) finds no account and is skipped by the account check';
const NO_LIST_FOR_KIND =
  "A kind no rule listens to is skipped whether its slot holds an empty list or none (evaluate's `!list`)";

const engine: EquivalentMutant[] = [
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: '!summaryFresh',
    replacement: 'true',
    reason: SUMMARY_AGAIN,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    within: 'summaryFresh = true;',
    reason: SUMMARY_AGAIN,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'ObjectLiteral',
    original: '{ knownTotal: 0, unknownContractId: null }',
    replacement: '{}',
    reason: SUMMARY_NOT_READ_BEFORE_SET,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    within: 'let summaryFresh = false;',
    reason: 'summaryFresh is set to false for each account before any of its rules can ask for the summary',
  },
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: 'ctx.memory.judgedWith[planned.rule.id] === planned.sig',
    replacement: 'false',
    reason: ALIGN_RECHECKS,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: "event.kind === 'quote'",
    replacement: 'true',
    within: 'focus =',
    reason: ONLY_QUOTES_HAVE_CONTRACT_ID,
  },
  ...[
    { mutator: 'ConditionalExpression', original: "event.kind === 'quote'", replacement: 'false' },
    { mutator: 'EqualityOperator', original: "event.kind === 'quote'", replacement: "event.kind !== 'quote'" },
    { mutator: 'StringLiteral', original: "'quote'", replacement: '""' },
  ].map((m) => ({ file: 'engine/engine.ts', ...m, within: 'focus =', reason: NO_FOCUS })),
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: 'plan.aligned !== base',
    replacement: 'true',
    reason: ALIGNED_SHORTCUT,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: 'failing',
    replacement: 'true',
    within: 'if (failing)',
    reason: CLEAR_RECHECKS,
  },
  ...[
    { mutator: 'ConditionalExpression', replacement: 'true' },
    { mutator: 'EqualityOperator', replacement: 'out.length >= 0' },
  ].map((m) => ({ file: 'engine/engine.ts', original: 'out.length > 0', ...m, reason: EMPTY_OUT })),
  ...[
    { mutator: 'ConditionalExpression', replacement: 'true' },
    { mutator: 'EqualityOperator', replacement: 'compiled.groups.size >= 0' },
  ].map((m) => ({ file: 'engine/engine.ts', original: 'compiled.groups.size > 0', ...m, reason: NO_GROUPS })),
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: '!account',
    replacement: 'false',
    reason: OWN_KEYS,
  },
  {
    file: 'engine/engine.ts',
    mutator: 'ConditionalExpression',
    original: '!planned.rule.nextDeadline',
    replacement: 'false',
    reason:
      "Calling a rule's missing nextDeadline throws inside the try, whose catch asks no deadline of it, as skipping it does",
  },
  {
    file: 'engine/engine.ts',
    mutator: 'EqualityOperator',
    original: 'due < next',
    replacement: 'due <= next',
    reason: 'An equal deadline leaves the earliest as it is',
  },
];

const plan: EquivalentMutant[] = [
  {
    file: 'engine/engine-plan.ts',
    mutator: 'ConditionalExpression',
    original: '!c',
    replacement: 'true',
    reason: REPLANNED,
  },
  {
    file: 'engine/engine-plan.ts',
    mutator: 'ConditionalExpression',
    original: 'plan !== undefined',
    replacement: 'false',
    reason: REPLANNED,
  },
  ...[
    { mutator: 'ConditionalExpression', replacement: 'false' },
    { mutator: 'EqualityOperator', replacement: 'i >= SLOTS' },
  ].map((m) => ({ file: 'engine/engine-plan.ts', original: 'i < SLOTS', ...m, reason: NO_LIST_FOR_KIND })),
  {
    file: 'engine/engine-plan.ts',
    mutator: 'EqualityOperator',
    original: 'i < SLOTS',
    replacement: 'i <= SLOTS',
    reason: 'The extra list sits at an index no event kind maps to (KIND_SLOT): never read',
  },
];

const routing: EquivalentMutant[] = [
  ...['const targets: string[] = []', 'const targetStates: AccountState[] = []'].map((within) => ({
    file: 'engine/engine-routing.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within,
    reason: 'Only the entries below the count just written are read: the initial contents never are',
  })),
  {
    file: 'engine/engine-routing.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'let recordKeys: string[] = []',
    reason: 'The first call has seen no record yet and lists the keys, replacing the initial list before it is read',
  },
  {
    file: 'engine/engine-routing.ts',
    mutator: 'ConditionalExpression',
    original: 'accounts !== keysOfRecord',
    replacement: 'true',
    reason: 'Listing the same record again gives the same keys: the cache per record only saves the work',
  },
  {
    file: 'engine/engine-routing.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'const keys: string[] = []',
    reason: NO_SUCH_KEY,
  },
  {
    file: 'engine/engine-routing.ts',
    mutator: 'EqualityOperator',
    original: 'k < keys.length',
    replacement: 'k <= keys.length',
    reason: NO_SUCH_KEY,
  },
  {
    file: 'engine/engine-routing.ts',
    mutator: 'OptionalChaining',
    original: 'account?.positions',
    replacement: 'account.positions',
    reason: OWN_KEYS,
  },
  {
    file: 'engine/engine-routing.ts',
    mutator: 'ConditionalExpression',
    original: 'account',
    replacement: 'true',
    within: 'if (account)',
    reason: OWN_KEYS,
  },
];

const judgement: EquivalentMutant[] = [
  {
    file: 'engine/group-lockouts.ts',
    mutator: 'ConditionalExpression',
    original: "d.kind !== 'enforce'",
    replacement: 'false',
    reason: 'A warning carries no lockout: the test that follows skips it as well',
  },
  {
    file: 'engine/group-lockouts.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: '?? []',
    reason: 'That member is no account in the state: skipped like any member the state lacks',
  },
  {
    file: 'engine/rule-failures.ts',
    mutator: 'ConditionalExpression',
    original: 'm.failed === NO_FAILED',
    replacement: 'false',
    reason: 'The shared empty record has no key: the loop that follows answers false as well',
  },
  {
    file: 'engine/rule-judgement.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    within: 'rule.keepOnChange ?? []',
    reason: "Only the rule's own keys meet the prefixes, and they start with its id, never with that text",
  },
  {
    file: 'engine/rule-judgement.ts',
    mutator: 'ConditionalExpression',
    original: 'm.judgedWith[rule.id] !== sig',
    replacement: 'true',
    reason:
      'Setting the signature the record already holds gives an equal record, in a memory being written anyway: the test only saves the copy',
  },
  {
    file: 'engine/rule-meters.ts',
    mutator: 'BlockStatement',
    original: '{ meter = null; }',
    replacement: '{}',
    reason: 'A meter left unassigned is undefined, which is left out exactly like null',
  },
];

export const RULES_ENGINE_EQUIVALENTS: readonly EquivalentMutant[] = [...engine, ...plan, ...routing, ...judgement];
