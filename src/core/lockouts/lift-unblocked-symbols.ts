import { tickerOf } from '../gateway/symbols';
import { blockedTickers } from '../rules/catalog/symbol-blocks';
import { effectiveRules, type GuardConfig, isMonitored } from '../rules/config/config-schema';
import type { LockoutBook } from './lockout-book';

/** Whether the account's rules in force still block the root: monitored, the rule enforcing, the root listed. */
function stillBlocks(config: GuardConfig, accountId: number, root: string): boolean {
  if (!isMonitored(config, accountId)) return false;
  const s = effectiveRules(config, accountId).symbolBlocks;
  return s.mode === 'enforce' && blockedTickers(s).has(tickerOf(root));
}

/**
 * `symbolBlocks`' symbol lockouts last until their reason ends: on every config change in force
 * (a save, the reset's promotion), lift the active ones whose account — the one that started
 * them, for a copy-trading group's copies — no longer blocks the symbol: root unlisted, rule
 * switched off or to monitor, account no longer monitored.
 */
export async function liftUnblockedSymbols(lockouts: LockoutBook, config: GuardConfig, now: number): Promise<void> {
  const lifted = new Set<string>();
  for (const l of lockouts.all()) {
    if (l.scope.type !== 'symbol' || l.end.type !== 'condition' || l.end.condition !== 'setting-changed') continue;
    const key = `${l.sourceAccountId}|${l.scope.root}`;
    if (lifted.has(key) || stillBlocks(config, l.sourceAccountId, l.scope.root)) continue;
    if (!lockouts.active(l.accountId, now).includes(l)) continue;
    lifted.add(key);
    await lockouts.clearCondition(l.sourceAccountId, 'setting-changed', { root: l.scope.root });
  }
}
