import { PositionType } from '../gateway/enums';
import type { Contract, Position } from '../gateway/schemas';

/**
 * The positions the account would have held had the rules acted: net per contract, average
 * price like the gateway's (a close realizes against the average entry). Each position gets
 * its own id from the moment it opens until it is flat again, as the gateway's do, so the
 * state reducer sees the same shapes it sees live.
 */

export interface SimPosition {
  id: number;
  openedAt: number;
  /** Signed contracts: + long, − short. */
  size: number;
  averagePrice: number;
}

export interface BookChange {
  /** The position after the change (size 0 = closed). */
  position: SimPosition;
  /** Contracts of the change that closed exposure (0 when it only opened or added). */
  closed: number;
  /** Gross P&L of the closed contracts against the average entry, or null without tick size/value. */
  grossPnl: number | null;
}

export interface SimBook {
  get(accountId: number, contractId: string): SimPosition | undefined;
  /** Open positions of an account, in the gateway's shape. */
  positions(accountId: number): Position[];
  openContracts(): string[];
  /** Apply a signed quantity at a price. Never reverses: the caller splits reversals. */
  apply(accountId: number, contractId: string, qty: number, price: number, at: number): BookChange;
  toPosition(accountId: number, contractId: string, p: SimPosition): Position;
}

export function createSimBook(contracts: ReadonlyMap<string, Contract>, iso: (ms: number) => string): SimBook {
  const book = new Map<string, SimPosition>();
  let nextId = 1;
  const key = (accountId: number, contractId: string) => `${accountId}|${contractId}`;

  const toPosition = (accountId: number, contractId: string, p: SimPosition): Position => ({
    id: p.id,
    accountId,
    contractId,
    creationTimestamp: iso(p.openedAt),
    type: p.size < 0 ? PositionType.Short : PositionType.Long,
    size: Math.abs(p.size),
    averagePrice: p.averagePrice,
  });

  return {
    get: (accountId, contractId) => book.get(key(accountId, contractId)),
    positions(accountId) {
      const out: Position[] = [];
      for (const [k, p] of book) {
        const [a, c] = k.split('|');
        if (Number(a) === accountId && c !== undefined && p.size !== 0) out.push(toPosition(accountId, c, p));
      }
      return out;
    },
    openContracts() {
      const out = new Set<string>();
      for (const [k, p] of book) if (p.size !== 0) out.add(k.slice(k.indexOf('|') + 1));
      return [...out];
    },
    apply(accountId, contractId, qty, price, at) {
      const k = key(accountId, contractId);
      const cur = book.get(k);
      if (!cur || cur.size === 0) {
        const p = { id: nextId++, openedAt: at, size: qty, averagePrice: price };
        book.set(k, p);
        return { position: p, closed: 0, grossPnl: 0 };
      }
      if (Math.sign(qty) === Math.sign(cur.size)) {
        const size = cur.size + qty;
        const averagePrice = (cur.averagePrice * Math.abs(cur.size) + price * Math.abs(qty)) / Math.abs(size);
        const p = { ...cur, size, averagePrice: Number(averagePrice.toFixed(9)) };
        book.set(k, p);
        return { position: p, closed: 0, grossPnl: 0 };
      }
      const closed = Math.min(Math.abs(qty), Math.abs(cur.size));
      const c = contracts.get(contractId);
      const direction = cur.size > 0 ? 1 : -1;
      const grossPnl = c ? ((price - cur.averagePrice) / c.tickSize) * c.tickValue * closed * direction : null;
      const p = { ...cur, size: cur.size + Math.sign(qty) * closed };
      if (p.size === 0) book.delete(k);
      else book.set(k, p);
      return { position: p, closed, grossPnl };
    },
    toPosition,
  };
}
