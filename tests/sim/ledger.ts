import { WORKING_ORDER_STATUSES } from '../../src/core/gateway/enums';
import type { Account, Order, Position, Trade } from '../../src/core/gateway/schemas';
import type { AccountTruth, Ledger, LedgerEntry } from './types';

/**
 * The ground truth: an append-only list of every order version, fill (and voided version of
 * a fill), position change, balance change, account change and close request. `truth()` replays it, so the answer
 * "as it was at time t" comes from the same code as "now".
 */
type Omit2<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type LedgerInput = Omit2<LedgerEntry>;

export interface SimLedger extends Ledger {
  append(entry: LedgerInput): LedgerEntry;
}

const clone = <T>(v: T): T => structuredClone(v);

export function createLedger(now: () => number): SimLedger {
  const log: LedgerEntry[] = [];
  /** accountId|customTag → latest version of each order with that tag (the duplicate check runs on every place). */
  const byTag = new Map<string, Map<number, Order>>();

  const truth = (accountId: number, at?: number): AccountTruth => {
    let account: Account | undefined;
    const orders = new Map<number, Order>();
    const positions = new Map<string, Position>();
    // A trade seen again (voided) replaces its earlier version, in its first place.
    const trades = new Map<number, Trade>();
    for (const e of log) {
      if (e.accountId !== accountId) continue;
      if (at !== undefined && e.at > at) continue;
      switch (e.type) {
        case 'account':
          account = clone(e.account);
          break;
        case 'balance':
          if (account) account = { ...account, balance: e.balance };
          break;
        case 'order':
          orders.set(e.order.id, clone(e.order));
          break;
        case 'position':
          positions.set(e.position.contractId, clone(e.position));
          break;
        case 'trade':
          trades.set(e.trade.id, clone(e.trade));
          break;
        case 'close-request':
          break;
      }
    }
    if (!account) throw new Error(`ledger: no account ${accountId}`);
    const live = [...trades.values()].filter((t) => t.voided !== true);
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
    const allOrders = [...orders.values()].sort((a, b) => a.id - b.id);
    return {
      account,
      positions: [...positions.values()].filter((p) => p.size > 0),
      openOrders: allOrders.filter((o) => WORKING_ORDER_STATUSES.has(o.status)),
      orders: allOrders,
      trades: [...trades.values()],
      realizedPnl: sum(live.map((t) => t.profitAndLoss ?? 0)),
      fees: sum(live.map((t) => t.fees ?? 0)),
      commissions: sum(live.map((t) => t.commissions ?? 0)),
    };
  };

  return {
    append(entry) {
      const full = { ...clone(entry), seq: log.length + 1, at: now() } as LedgerEntry;
      log.push(full);
      if (full.type === 'order' && typeof full.order.customTag === 'string') {
        const key = `${full.accountId}|${full.order.customTag}`;
        const m = byTag.get(key) ?? new Map<number, Order>();
        m.set(full.order.id, full.order);
        byTag.set(key, m);
      }
      return full;
    },
    entries(filter) {
      return log
        .filter(
          (e) =>
            (filter?.accountId === undefined || e.accountId === filter.accountId) &&
            (filter?.type === undefined || e.type === filter.type) &&
            (filter?.sinceSeq === undefined || e.seq > filter.sinceSeq),
        )
        .map(clone);
    },
    truth,
    ordersWithTag(accountId, customTag) {
      return [...(byTag.get(`${accountId}|${customTag}`)?.values() ?? [])].map(clone);
    },
    overCloses() {
      return log
        .filter(
          (e): e is Extract<LedgerEntry, { type: 'close-request' }> =>
            e.type === 'close-request' && typeof e.requestedSize === 'number' && e.requestedSize > e.openSizeBefore,
        )
        .map(clone);
    },
  };
}
