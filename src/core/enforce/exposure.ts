import type { GuardState } from '../state/account-state';
import type { Exposure } from './desired-state';
import { isWorking } from './plan';

/** What the guard's own picture shows open on an account: positions' contracts and working orders. */
export function exposureOf(state: GuardState, accountId: number): Exposure {
  const account = state.accounts[String(accountId)];
  if (!account) return { contractIds: [], orderIds: [] };
  return {
    contractIds: Object.values(account.positions)
      .filter((p) => p.size !== 0)
      .map((p) => p.contractId),
    orderIds: Object.values(account.orders)
      .filter(isWorking)
      .map((o) => o.id),
  };
}
