import type { AccountState } from '../state/account-state';
import type { ConnectionManager } from './connection-manager';
import { contractSubscriptions } from './subscription-registry';

/**
 * Market-hub subscriptions follow what the guard must price: the contracts of open
 * positions across all accounts, plus a watch list. `sync` diffs the wanted set against the
 * current one: a contract is subscribed when its first position opens and unsubscribed when
 * the last one closes. The connection manager's registry replays them after reconnects.
 */
export interface MarketSubscriptions {
  sync(accounts: Readonly<Record<string, Pick<AccountState, 'positions'>>>): void;
  setWatchList(contractIds: readonly string[]): void;
  /** Contracts currently subscribed, sorted. */
  contracts(): string[];
}

export function createMarketSubscriptions(options: {
  manager: Pick<ConnectionManager, 'addSubscription' | 'removeSubscription'>;
  watchList?: readonly string[];
  depth?: boolean;
}): MarketSubscriptions {
  const { manager } = options;
  const subscribed = new Set<string>();
  let watchList = new Set(options.watchList ?? []);
  let positionContracts = new Set<string>();

  const apply = () => {
    const wanted = new Set([...positionContracts, ...watchList]);
    for (const contractId of wanted) {
      if (subscribed.has(contractId)) continue;
      subscribed.add(contractId);
      for (const spec of contractSubscriptions(contractId, { depth: options.depth ?? false })) {
        manager.addSubscription(spec);
      }
    }
    for (const contractId of [...subscribed]) {
      if (wanted.has(contractId)) continue;
      subscribed.delete(contractId);
      for (const spec of contractSubscriptions(contractId, { depth: options.depth ?? false })) {
        manager.removeSubscription(spec.method, spec.args);
      }
    }
  };

  return {
    sync(accounts) {
      const next = new Set<string>();
      for (const account of Object.values(accounts)) {
        for (const position of Object.values(account.positions)) {
          if (position.size !== 0) next.add(position.contractId);
        }
      }
      positionContracts = next;
      apply();
    },
    setWatchList(contractIds) {
      watchList = new Set(contractIds);
      apply();
    },
    contracts: () => [...subscribed].sort(),
  };
}
