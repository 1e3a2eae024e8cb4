import type { GuardState } from '../state/account-state';
import { type GuardConfig, isMonitored } from './config-schema';
import type { Decision } from './decision';

/**
 * Copy-trade awareness: a lockout decided for one account of a group is mirrored, as a
 * flatten with the same lockout, to the group's other monitored accounts.
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
      if (member === d.accountId || !isMonitored(config, member) || !state.accounts[String(member)]) continue;
      out.push({
        ...d,
        accountId: member,
        action: { type: 'flatten' },
        reason: `Group lockout from account ${d.accountId}: ${d.reason}`,
        figures: { ...d.figures, sourceAccountId: d.accountId },
      });
    }
  }
  return out;
}
