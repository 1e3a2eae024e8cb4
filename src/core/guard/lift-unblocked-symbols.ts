import type { LockoutBook } from '../enforce/lockouts';
import { tickerOf } from '../gateway/symbols';
import { effectiveRules, type GuardConfig } from '../rules/config-schema';
import { blockedTickers } from '../rules/symbol-blocks';

/**
 * Rule 11's symbol lockouts last until the setting changes: on every config change, lift the
 * active ones whose symbol the account's rules no longer block.
 */
export function liftUnblockedSymbols(lockouts: LockoutBook, config: GuardConfig, now: number): void {
  for (const l of lockouts.all()) {
    if (l.scope.type !== 'symbol' || l.end.type !== 'condition') continue;
    const blocked = blockedTickers(effectiveRules(config, l.accountId).symbolBlocks);
    if (!blocked.has(tickerOf(l.scope.root)) && lockouts.active(l.accountId, now).includes(l)) {
      void lockouts.clearCondition(l.accountId, 'setting-changed', { root: l.scope.root }).catch(() => undefined);
    }
  }
}
