import { desiredFromLockouts } from '../enforce/lockout-guard';
import { contractRoot, tickerOf } from '../gateway/symbols';
import { isActive, type Lockout, type LockoutCalendar, lockoutKey, resolveEnd } from '../lockouts/lockout-record';
import type { EnforcementDecision } from '../rules/decision';

/**
 * The lockouts and cooldowns the replayed rules would have started, in memory. Same records,
 * same end resolution ('next-reset' becomes the reset's instant on the replay's own trading-day
 * clock, so a DST day or a Friday ends where the live guard's would) and the same merge as the
 * live lockout book: one time-based record per account and scope, a later end extends it, an
 * active lockout is never shortened. Whether a fill was allowed is read through the live lockout
 * guard's own desired state (flat for an account lockout, nothing in a blocked root).
 */
export interface ReplayLockouts {
  add(decision: EnforcementDecision, now: number): Lockout | null;
  active(accountId: number, now: number): Lockout[];
  /** Whether the account may not hold exposure in this contract at `now`. */
  forbids(accountId: number, contractId: string, now: number): boolean;
}

export function createReplayLockouts(calendar: LockoutCalendar): ReplayLockouts {
  const byKey = new Map<string, Lockout>();
  const active = (accountId: number, now: number) =>
    [...byKey.values()].filter((l) => l.accountId === accountId && isActive(l, now));

  return {
    add(d, now) {
      if (!d.lockout) return null;
      const spec = d.lockout;
      const draft: Lockout = {
        id: '',
        accountId: d.accountId,
        kind: spec.kind,
        scope: spec.scope.type === 'account' ? { type: 'account' } : { ...spec.scope },
        ruleId: d.ruleId,
        reason: d.reason,
        figures: {},
        start: now,
        end: resolveEnd(spec, calendar, d.accountId, now),
        sourceAccountId: Number(d.figures.sourceAccountId ?? d.accountId),
      };
      const k = lockoutKey(draft);
      const prev = byKey.get(k);
      if (prev && isActive(prev, now)) {
        const later = prev.end.type === 'at' && draft.end.type === 'at' && draft.end.at > prev.end.at;
        if (!later) return prev;
        const merged = { ...draft, id: prev.id, start: prev.start };
        byKey.set(k, merged);
        return merged;
      }
      const fresh = { ...draft, id: `${k}@${now}` };
      byKey.set(k, fresh);
      return fresh;
    },
    active,
    forbids(accountId, contractId, now) {
      const list = active(accountId, now);
      if (list.length === 0) return false;
      const d = desiredFromLockouts(list);
      return d.flat || d.blockedRoots.includes(tickerOf(contractRoot(contractId)));
    },
  };
}
