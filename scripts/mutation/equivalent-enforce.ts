// The enforce room's equivalent mutants (see equivalent-mutants.ts for what an entry is, and
// docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

const NO_TIMER_TO_CLEAR =
  'Clearing a timer handle that is null does nothing, and no other handle reaches this line: a retry timer is set only when a run fails, and the next start drops it';
const GUARDED_OPTION =
  'Built only when the option is given (the spread around it checks), so the call never meets an undefined function';

const accountLoop: EquivalentMutant[] = [
  {
    file: 'enforce/account-loop.ts',
    mutator: 'ConditionalExpression',
    original: 'next === null',
    replacement: 'false',
    reason:
      'The loop only dispatches what the table allows from where it left the status: start from any state, then rounds, and converge or fail while enforcing (a round after converged when one more arrived)',
  },
  ...[
    { original: 'opts.openedAt?.(s.accountId, c)', replacement: 'opts.openedAt(s.accountId, c)' },
    { original: 'opts.lots?.(s.accountId, c)', replacement: 'opts.lots(s.accountId, c)' },
  ].map((m) => ({ file: 'enforce/account-loop.ts', mutator: 'OptionalChaining', ...m, reason: GUARDED_OPTION })),
  // scheduleRetry runs at the end of a run that start() began after dropping any retry timer.
  ...[
    { mutator: 'ConditionalExpression', replacement: 'true' },
    { mutator: 'ConditionalExpression', replacement: 'false' },
    { mutator: 'EqualityOperator', replacement: 's.retryTimer === null' },
  ].map((m) => ({
    file: 'enforce/account-loop.ts',
    ...m,
    original: 's.retryTimer !== null',
    within: 'if (s.retryTimer !== null) timers.clearTimeout(s.retryTimer);',
    reason: NO_TIMER_TO_CLEAR,
  })),
  // start() and dispose(): clearing a null handle is a no-op, so "always clear" changes nothing.
  ...['if (s.retryTimer !== null) {', 'for (const s of slots.values())'].map((within) => ({
    file: 'enforce/account-loop.ts',
    mutator: 'ConditionalExpression',
    original: 's.retryTimer !== null',
    replacement: 'true',
    within,
    reason: 'Clearing a timer handle that is null does nothing',
  })),
];

const enforcer: EquivalentMutant[] = [
  {
    file: 'enforce/enforcer.ts',
    mutator: 'ConditionalExpression',
    original: 'opts.freshMs !== undefined',
    replacement: 'true',
    reason: 'A freshness of undefined is the default either way (the fast path reads `freshMs ?? 250`)',
  },
  ...[
    { original: 'opts.openedAt?.(s.accountId, c)', replacement: 'opts.openedAt(s.accountId, c)' },
    { original: 'opts.lots?.(s.accountId, c)', replacement: 'opts.lots(s.accountId, c)' },
  ].map((m) => ({ file: 'enforce/enforcer.ts', mutator: 'OptionalChaining', ...m, reason: GUARDED_OPTION })),
  ...[
    { mutator: 'ConditionalExpression', replacement: 'true' },
    { mutator: 'EqualityOperator', replacement: 'steps.length >= 0' },
  ].map((m) => ({
    file: 'enforce/enforcer.ts',
    ...m,
    original: 'steps.length > 0',
    reason: 'Sending no steps sends nothing, and the loop skips the settle when the fast path sent nothing',
  })),
  ...[
    {
      mutator: 'ConditionalExpression',
      original: "d.lockout.keep && d.lockout.scope.type === 'account'",
      replacement: 'true',
    },
    {
      mutator: 'LogicalOperator',
      original: "d.lockout.keep && d.lockout.scope.type === 'account'",
      replacement: "d.lockout.keep || d.lockout.scope.type === 'account'",
    },
    { mutator: 'ConditionalExpression', original: "d.lockout.scope.type === 'account'", replacement: 'true' },
  ].map((m) => ({
    file: 'enforce/enforcer.ts',
    ...m,
    reason:
      'The desired state reads `keep` only from an account lockout that has one (desiredFromLockouts): a keep on a symbol lockout, or an undefined one, is ignored either way',
  })),
  {
    file: 'enforce/enforcer.ts',
    mutator: 'ConditionalExpression',
    original: 'loops.disposed()',
    replacement: 'false',
    within: 'if (loops.disposed()) return;',
    // In the fast path (actFirst) and in kick: both lines read the same.
    reason:
      'Past this check nothing acts on a disposed enforcer either: the fast path returns at once (its callers, submit and kick, checked already) and start() starts no loop',
  },
  {
    file: 'enforce/enforcer.ts',
    mutator: 'ConditionalExpression',
    original: "s.status.state === 'failed'",
    replacement: 'true',
    reason:
      'A retry timer waits only after a failure and the next start drops it: a waiting timer means the status is failed',
  },
  {
    file: 'enforce/enforcer.ts',
    mutator: 'ConditionalExpression',
    original: 's.retryTimer !== null',
    replacement: 'true',
    within: 'const waitsOutRefusal',
    reason:
      'A failed enforcement always has its retry timer waiting: when it fires it starts the loop, which leaves failed',
  },
];

// positionTargets: the total limits cut only while the total is over the limit, and a cut is
// never negative (at most what the lot and the position have left, at least the excess).
const NOTHING_OVER_NOTHING_CUT =
  'Within the limit the excess is 0 or less, so every cut is 0 or less and skipped: the break only ends the loop early';
const ZERO_CUT =
  'A cut of 0 changes nothing (the lot, the target and the total stay as they are), and no cut is negative while the total is over the limit';

const plan: EquivalentMutant[] = [
  {
    file: 'enforce/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'desired.maxTotals.length === 0',
    replacement: 'false',
    reason: 'Without a total limit the loop over the limits cuts nothing: the early return only saves sorting the lots',
  },
  ...[
    { mutator: 'ConditionalExpression', replacement: 'false', reason: NOTHING_OVER_NOTHING_CUT },
    {
      mutator: 'EqualityOperator',
      replacement: 'total < limit',
      reason: 'At the limit exactly the excess is 0, so the cut is 0 and skipped',
    },
  ].map((m) => ({ file: 'enforce/plan.ts', ...m, original: 'total <= limit' })),
  ...[
    { mutator: 'ConditionalExpression', replacement: 'false' },
    { mutator: 'EqualityOperator', replacement: 'cut < 0' },
  ].map((m) => ({ file: 'enforce/plan.ts', ...m, original: 'cut <= 0', reason: ZERO_CUT })),
  ...[
    {
      mutator: 'MethodExpression',
      original: 'real.positions.filter((p) => p.size !== 0)',
      replacement: 'real.positions',
    },
    { mutator: 'ConditionalExpression', original: 'p.size !== 0', replacement: 'true' },
  ].map((m) => ({
    file: 'enforce/plan.ts',
    ...m,
    reason:
      'A position of size 0 plans nothing either way: its target 0 is not below its size, no order fits in it as an exit (it is cancelled under keep-only as if there were no position), a stop for it has size 0; and the gateway lists one position per contract, so it hides no other',
  })),
  ...[
    {
      mutator: 'LogicalOperator',
      original: '!p || target === undefined',
      replacement: '!p && target === undefined',
    },
    { mutator: 'ConditionalExpression', original: 'target === undefined', replacement: 'false' },
  ].map((m) => ({
    file: 'enforce/plan.ts',
    ...m,
    within: 'target >= Math.abs(p.size)',
    reason: 'positionTargets gives every position read a target, so the target is missing exactly when the position is',
  })),
];

const fastPath: EquivalentMutant[] = [
  {
    file: 'enforce/fast-path.ts',
    mutator: 'ConditionalExpression',
    original: 'p !== undefined',
    replacement: 'true',
    reason: 'Asked only about a close planned from these very positions: the position of that contract is always there',
  },
  {
    file: 'enforce/fast-path.ts',
    mutator: 'ConditionalExpression',
    original: 'default: return null;',
    replacement: 'default:',
    reason: 'No action either way: the switch falls off its end with undefined, and the caller tests `!action`',
  },
  {
    file: 'enforce/fast-path.ts',
    mutator: 'ConditionalExpression',
    original: "step.type === 'close' || step.type === 'reduce'",
    replacement: 'true',
    reason:
      "Only a close's or a reduction's position is ever read (the loop's stale-read check): a cancel's is never looked at",
  },
];

const desiredState: EquivalentMutant[] = [
  ...[
    { mutator: 'ConditionalExpression', original: "case 'none': break;", replacement: "case 'none':" },
    { mutator: 'StringLiteral', original: "'none'", replacement: '""', within: "case 'none':" },
  ].map((m) => ({
    file: 'enforce/desired-state.ts',
    ...m,
    reason:
      'The last case of the switch, and it does nothing: falling off the end, or matching no case, does nothing too',
  })),
];

const executeStep: EquivalentMutant[] = [
  {
    file: 'enforce/execute-step.ts',
    mutator: 'ConditionalExpression',
    original: 'intentKey === undefined',
    replacement: 'false',
    reason:
      'The order manager (the only OrderActions) reads `ctx.intentKey === undefined`: a key present but undefined is no key',
  },
];

export const ENFORCE_EQUIVALENTS: readonly EquivalentMutant[] = [
  ...accountLoop,
  ...enforcer,
  ...plan,
  ...fastPath,
  ...desiredState,
  ...executeStep,
];
