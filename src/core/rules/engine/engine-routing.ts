import type { AccountState, GuardState } from '../../state/account-state';
import type { DomainEvent } from '../../state/events';

/**
 * Routing for the rule engine: account/order/position/trade → that account; quote/contract →
 * accounts with a position in that contract; health/tick → every account in state. The
 * result goes into two arrays reused across events (keys, and the account states at the same
 * index), so routing allocates nothing per event; `affectedAccounts` returns how many are set.
 */
export function createRouter() {
  /**
   * The accounts an event concerns: their keys (account ids as strings) and, at the same
   * index, their states, so the loop does not look each account up again. Two reused arrays.
   */
  const targets: string[] = [];
  const targetStates: AccountState[] = [];

  /**
   * The keys of the last accounts record seen, listed once per record object. Account ids are
   * array-index keys, which for-in cannot enumerate from a cached key list: listing them on
   * every quote was a tenth of the engine's time. Like the config (compiled per object), the
   * accounts record is treated as immutable: the reducer replaces it whenever an account is
   * added or removed (copy-on-write); a caller must not add keys to it in place.
   */
  let keysOfRecord: GuardState['accounts'] | null = null;
  let recordKeys: string[] = [];
  function accountKeys(accounts: GuardState['accounts']): string[] {
    if (accounts !== keysOfRecord) {
      const keys: string[] = [];
      for (const key in accounts) keys.push(key);
      recordKeys = keys;
      keysOfRecord = accounts;
    }
    return recordKeys;
  }

  function affectedAccounts(state: GuardState, event: DomainEvent): number {
    let count = 0;
    let id: number | null = null;
    const accounts = state.accounts;
    switch (event.kind) {
      case 'account':
        id = event.account.id;
        break;
      case 'order':
        id = event.order.accountId;
        break;
      case 'position':
        id = event.position.accountId;
        break;
      case 'trade':
        id = event.trade.accountId;
        break;
      case 'quote':
      case 'contract': {
        const contractId = event.kind === 'quote' ? event.contractId : event.contract.id;
        const keys = accountKeys(accounts);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k] as string;
          const account = accounts[key];
          if (account?.positions[contractId]) {
            targets[count] = key;
            targetStates[count++] = account;
          }
        }
        return count;
      }
      case 'health':
      case 'tick': {
        const keys = accountKeys(accounts);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k] as string;
          const account = accounts[key];
          if (account) {
            targets[count] = key;
            targetStates[count++] = account;
          }
        }
        return count;
      }
    }
    const key = String(id);
    const account = accounts[key];
    if (account) {
      targets[0] = key;
      targetStates[0] = account;
      return 1;
    }
    return 0;
  }

  return { affectedAccounts, targets, targetStates };
}
