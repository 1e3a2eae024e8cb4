import type { GuardState } from '../../state/account-state';
import { type GuardConfig, isMonitored } from '../config/config-schema';
import type { Decision } from '../decision';

/**
 * Copy-trade awareness: a lockout decided for one account of a group is mirrored, as a
 * flatten with the same lockout, to the group's other monitored accounts (one that leaves
 * positions open leaves each member's own).
 */
export function mirrorGroupLockouts(
  config: GuardConfig,
  groups: ReadonlyMap<number, readonly number[]>,
  state: GuardState,
  decisions: Decision[],
): Decision[] {
  const out = [...decisions];
  for (const d of decisions) {
    if (d.kind !== 'enforce' || !d.lockout || d.lockout.scope.type !== 'account') continue;
    for (const member of groups.get(d.accountId) ?? []) {
      const account = state.accounts[String(member)];
      if (member === d.accountId || !isMonitored(config, member) || !account) continue;
      // A lockout that leaves positions open leaves the member's own positions open.
      const keep = d.lockout.keep
        ? Object.fromEntries(Object.values(account.positions).map((p) => [p.contractId, Math.abs(p.size)]))
        : undefined;
      out.push({
        ...d,
        accountId: member,
        action: keep ? { type: 'none' } : { type: 'flatten' },
        lockout: keep ? { ...d.lockout, keep } : d.lockout,
        reason: `Group lockout from account ${d.accountId}: ${d.reason}`,
        figures: { ...d.figures, sourceAccountId: d.accountId },
      });
    }
  }
  return out;
}
