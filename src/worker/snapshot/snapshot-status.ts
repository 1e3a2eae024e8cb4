import type { AccountStatus, LockoutView, Meter } from '../../messaging/snapshot';

/**
 * The at-a-glance status the worker puts on each account of the snapshot, from the lockouts
 * in force and the meters: a lockout beats a cooldown beats a warning. A symbol-only lock
 * (`symbolBlocks`) does not shut the account. A meter warns from its first warning level; a rule
 * that is off never warns; an unknown value never counts as safe or as a warning.
 */
export function deriveAccountStatus(lockouts: readonly LockoutView[], meters: readonly Meter[]): AccountStatus {
  const accountWide = lockouts.filter((l) => l.symbol === undefined);
  if (accountWide.some((l) => l.kind === 'lockout')) return 'locked';
  if (accountWide.some((l) => l.kind === 'cooldown')) return 'cooldown';
  const warns = meters.some((m) => {
    if (m.mode === 'off' || m.value === null || m.limit <= 0) return false;
    const first = Math.min(...m.warnAt, 1);
    return m.value / m.limit >= first;
  });
  return warns ? 'warning' : 'ok';
}
