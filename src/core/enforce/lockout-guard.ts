import type { Account } from '../gateway/schemas';
import { contractRoot, tickerOf } from '../gateway/symbols';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Lockout } from '../lockouts/lockout-record';
import type { Clock } from '../ports';
import type { AccountState } from '../state/account-state';
import { type DesiredState, emptyDesired, isEmptyDesired, mergeKeep } from './desired-state';
import type { Enforcer } from './enforcer-api';
import type { Sighting } from './fast-path';
import { isExitOf, isWorking } from './plan';

/**
 * Continuous lockout enforcement. While an account lockout is active the account's desired
 * state is "flat, no working orders"; while a symbol lockout is active, "nothing in that
 * root". Whatever opens during the lockout (the trader clicking on the page) is closed and
 * every working order cancelled, on every position/order event and on the timer, until the
 * lockout ends. The enforcer merges this desired state into every round it runs, so a
 * lockout and a decision never fight.
 *
 * Choice: an account lockout flattens positions that were open before it began too (a
 * cooldown means "no exposure", not only "no new orders": the account "may not trade"). The
 * one exception is a lockout that says which positions it leaves to the trader (`keep`, a
 * weekly limit set not to flatten): those may stay, never grow, and keep their exit orders;
 * anything else is closed or cancelled.
 */
export function desiredFromLockouts(
  active: ReadonlyArray<Pick<Lockout, 'scope' | 'ruleId' | 'reason' | 'keep'>>,
): DesiredState {
  const d = emptyDesired();
  for (const l of active) {
    if (l.scope.type === 'account' && l.keep) d.keepOnly = mergeKeep(d.keepOnly, l.keep);
    else if (l.scope.type === 'account') d.flat = true;
    else if (!d.blockedRoots.includes(tickerOf(l.scope.root))) d.blockedRoots.push(tickerOf(l.scope.root));
    if (!d.causes.some((c) => c.ruleId === l.ruleId))
      d.causes.push({ ruleId: l.ruleId, action: 'lockout', reason: l.reason });
  }
  return d;
}

/** Whether the guard's own picture of the account already breaks the lockout's desired state. */
export function violatesLockout(desired: DesiredState, state: AccountState): boolean {
  const inBlocked = (contractId: string) => desired.blockedRoots.includes(tickerOf(contractRoot(contractId)));
  for (const p of Object.values(state.positions))
    if (p.size !== 0 && (desired.flat || inBlocked(p.contractId))) return true;
  for (const o of Object.values(state.orders))
    if (isWorking(o) && (desired.flat || inBlocked(o.contractId))) return true;
  const keep = desired.keepOnly;
  if (keep && !desired.flat) {
    for (const p of Object.values(state.positions))
      if (p.size !== 0 && Math.abs(p.size) > (keep[p.contractId] ?? 0)) return true;
    for (const o of Object.values(state.orders)) {
      if (!isWorking(o)) continue;
      const p = state.positions[o.contractId];
      if (!p || keep[o.contractId] === undefined || !isExitOf(o, p)) return true;
    }
  }
  return false;
}

export interface LockoutGuard {
  /** The desired state the account's active lockouts ask for, or null when none is active. */
  desiredFor(accountId: number, now: number): DesiredState | null;
  /**
   * Call on every position/order event of an account (after the reducer). With `state`, the
   * enforcer is only started when the state shows something open that the lockout forbids;
   * without it, the enforcer re-reads REST. Returns whether enforcement was started.
   */
  onAccountEvent(accountId: number, state?: AccountState, trigger?: string, sighting?: Sighting): boolean;
  /**
   * Call on the lockout alarm (at `lockouts.nextExpiry()`) and on a periodic timer: ends
   * lockouts whose time is over, then re-checks every locked account through REST.
   */
  tick(): Promise<{ ended: Lockout[]; checked: number[] }>;
  /**
   * Call on every account update (hub or reconciliation): `canTrade` back to true ends the
   * 'can-trade' condition lockouts that account started (for its whole group).
   */
  onAccountChange(account: Pick<Account, 'id' | 'canTrade'>): Promise<Lockout[]>;
}

export interface LockoutGuardOptions {
  lockouts: LockoutBook;
  enforcer: Pick<Enforcer, 'kick'>;
  clock: Clock;
}

export function createLockoutGuard(opts: LockoutGuardOptions): LockoutGuard {
  const { lockouts, enforcer, clock } = opts;
  const desiredFor = (accountId: number, now: number): DesiredState | null => {
    const d = desiredFromLockouts(lockouts.active(accountId, now));
    return isEmptyDesired(d) ? null : d;
  };
  return {
    desiredFor,
    onAccountEvent(accountId, state, trigger = 'account event', sighting) {
      const desired = desiredFor(accountId, clock.now());
      if (!desired) return false;
      if (state && !violatesLockout(desired, state)) return false;
      // With what the event showed, the enforcer closes what was opened at once (fast-path.ts).
      enforcer.kick(accountId, `lockout guard: ${trigger}`, sighting ? { sighting } : undefined);
      return true;
    },
    async tick() {
      const now = clock.now();
      const ended = await lockouts.expire(now);
      const locked = new Set<number>();
      for (const l of lockouts.all()) if (desiredFor(l.accountId, now)) locked.add(l.accountId);
      for (const accountId of locked) enforcer.kick(accountId, 'lockout guard: timer', { respectBackoff: true });
      return { ended, checked: [...locked] };
    },
    async onAccountChange(account) {
      return account.canTrade ? lockouts.clearCondition(account.id, 'can-trade') : [];
    },
  };
}
