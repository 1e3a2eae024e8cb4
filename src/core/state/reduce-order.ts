import { WORKING_ORDER_STATUSES } from '../gateway/enums';
import type { Contract, Order } from '../gateway/schemas';
import type { AccountState } from './account-state';
import type { StateEffect } from './effects';
import { shallowEqual } from './shallow-equal';
import { parseTimestamp } from './timestamp';

/**
 * One order update, ordered by `updateTimestamp` (falling back to `creationTimestamp`) under
 * the key `o:<orderId>`. Working statuses keep the order in `orders`; terminal ones remove it
 * but keep its version, so a late "Open" cannot resurrect a filled or cancelled order (a
 * phantom working stop would hide a missing stop-loss). At equal timestamps a terminal
 * status wins over a working one: it is final. Returns undefined when nothing changed.
 */
export function applyOrder(
  account: AccountState,
  order: Order,
  contracts: Readonly<Record<string, Contract>>,
  effects: StateEffect[],
): AccountState | undefined {
  const accountId = account.account.id;
  const key = `o:${order.id}`;
  const ts = parseTimestamp(order.updateTimestamp) ?? parseTimestamp(order.creationTimestamp);
  const known = account.versions[key];
  const current = account.orders[order.id];
  const working = WORKING_ORDER_STATUSES.has(order.status);
  const ignore = (reason: 'duplicate' | 'stale') => {
    effects.push({ kind: 'ignored', reason, entity: 'order', accountId, id: order.id });
    return undefined;
  };

  if (ts !== null && known !== undefined) {
    if (ts < known) return ignore('stale');
    if (ts === known) {
      if (current && shallowEqual(current, order)) return ignore('duplicate');
      if (!current) return ignore(working ? 'stale' : 'duplicate');
    }
  } else if (current && shallowEqual(current, order)) {
    return ignore('duplicate');
  }

  const versions = ts === null || ts === known ? account.versions : { ...account.versions, [key]: ts };
  if (working) {
    effects.push({ kind: 'order-working', accountId, orderId: order.id, status: order.status, isNew: !current });
    if (!contracts[order.contractId])
      effects.push({ kind: 'unknown-contract', accountId, contractId: order.contractId });
    return { ...account, orders: { ...account.orders, [order.id]: order }, versions };
  }
  effects.push({ kind: 'order-ended', accountId, orderId: order.id, status: order.status });
  if (!current) {
    if (versions === account.versions) return undefined;
    return { ...account, versions };
  }
  const orders = { ...account.orders };
  delete orders[order.id];
  return { ...account, orders, versions };
}
