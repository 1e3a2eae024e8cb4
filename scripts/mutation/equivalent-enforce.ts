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
  {
    file: 'enforce/account-loop.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    within: 'return true;',
    reason: "Nobody reads whether a status changed: dispatch's answer is dropped (onRound returns nothing)",
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

export const ENFORCE_EQUIVALENTS: readonly EquivalentMutant[] = [...accountLoop, ...enforcer];
