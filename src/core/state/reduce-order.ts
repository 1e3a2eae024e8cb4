import { WORKING_ORDER_STATUSES } from '../gateway/enums';
import type { Contract, Order } from '../gateway/schemas';
import type { AccountState } from './account-state';
import type { StateEffect } from './effects';
import { shallowEqual } from './shallow-equal';
import { MAX_CLOCK_SKEW_MS, parseTimestamp } from './timestamp';

/**
 * One order update, ordered by `updateTimestamp` (falling back to `creationTimestamp`).
 * A working order is compared with the stored order's own timestamp; an ended one (filled,
 * cancelled, expired, rejected) leaves the order's map and a tombstone `o:<orderId>` =
 * its last timestamp in `versions`, so a late "Open" cannot resurrect it (a phantom working
 * stop would hide a missing stop-loss). Keeping live orders out of `versions` means a
 * modification never copies that (day-long) record. At equal timestamps a terminal status
 * wins over a working one: it is final. Returns undefined when nothing changed.
 */
export function applyOrder(
  account: AccountState,
  order: Order,
  receivedAt: number,
  contracts: Readonly<Record<string, Contract>>,
  effects: StateEffect[],
): AccountState | undefined {
  const accountId = account.account.id;
  const key = `o:${order.id}`;
  // Capped: a garbage far-future timestamp must not make every later update look stale. A
  // live order whose time was capped keeps the capped time in `versions`, which then wins.
  const raw = orderTime(order);
  const ts = raw === null ? null : Math.min(raw, receivedAt + MAX_CLOCK_SKEW_MS);
  const capped = raw !== null && ts !== raw;
  const current = account.orders[order.id];
  const known = account.versions[key] ?? (current ? orderTime(current) : null);
  const working = WORKING_ORDER_STATUSES.has(order.status);
  const ignore = (reason: 'duplicate' | 'stale') => {
    effects.push({ kind: 'ignored', reason, entity: 'order', accountId, id: order.id });
    return undefined;
  };

  if (current && shallowEqual(current, order)) return ignore('duplicate');
  if (ts !== null && known !== null) {
    if (ts < known) return ignore('stale');
    // Same time, nothing stored as working: it ended at this very timestamp.
    if (ts === known && !current) return ignore(working ? 'stale' : 'duplicate');
  }

  if (working) {
    effects.push({ kind: 'order-working', accountId, orderId: order.id, status: order.status, isNew: !current });
    if (!contracts[order.contractId])
      effects.push({ kind: 'unknown-contract', accountId, contractId: order.contractId });
    let versions = account.versions;
    if (capped && ts !== null) versions = { ...versions, [key]: ts };
    else if (key in versions) {
      // A newer update after a tombstone or a capped time (rare): the order's own time rules again.
      versions = { ...versions };
      delete versions[key];
    }
    return { ...account, orders: { ...account.orders, [order.id]: order }, versions };
  }
  effects.push({ kind: 'order-ended', accountId, orderId: order.id, status: order.status });
  const versions = ts === null ? account.versions : { ...account.versions, [key]: ts };
  if (!current) return versions === account.versions ? undefined : { ...account, versions };
  const orders = { ...account.orders };
  delete orders[order.id];
  return { ...account, orders, versions };
}

function orderTime(order: Order): number | null {
  return parseTimestamp(order.updateTimestamp) ?? parseTimestamp(order.creationTimestamp);
}
